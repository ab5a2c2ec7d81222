using Discret.Catalogue;
using Discret.Domain.Agenda;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Agenda;

/// <summary>One appointment: when, where, with whom — and the buttons that note what became of it (arrivals at
/// reception: « arrivé(e) », « absent(e) », « excusé(e) »), or cancel it with a reason from the closed list.</summary>
[AcrossFiles("the worker who receives the person reads whom she receives, found through AppointmentBooking.FindAsync")]
public sealed class AppointmentModel(AppointmentBooking booking, Data.DiscretDbContext db, Journal.AccessJournal journal) : PageModel
{
    public sealed class MarkInput
    {
        public int? Version { get; set; }
        public AppointmentStatus? Status { get; set; }
        public CancellationReason? CancellationReason { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public MarkInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "retour")] public string? Retour { get; set; }
    public Appointment Item { get; private set; } = null!;
    public string? PersonName { get; private set; }
    public string? Room { get; private set; }
    public IReadOnlyList<string> Workers { get; private set; } = [];
    public bool MayMark { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var target = await booking.FindAsync(Id, User.AccountId(), HttpContext.RequestAborted);
        if (target is null) return NotFound();
        await AgendaApi.JournalReadAsync(journal, target, HttpContext.RequestAborted);
        await LoadAsync(target);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var target = await booking.FindAsync(Id, User.AccountId(), HttpContext.RequestAborted);
        if (target is null) return NotFound();
        var outcome = await booking.MarkAsync(target, User.AccountId(),
            new AppointmentBooking.MarkRequest(Input.Version, Input.Status, Input.CancellationReason), HttpContext.RequestAborted);
        if (outcome.Status == ResultStatus.NotFound) return NotFound();
        if (outcome.Succeeded) return Redirect(AgendaForm.Back(Retour) );
        ModelState.AddErrors(outcome.Errors);
        db.ChangeTracker.Clear();
        target = await booking.FindAsync(Id, User.AccountId(), HttpContext.RequestAborted);
        if (target is null) return NotFound();
        await LoadAsync(target);
        return Page();
    }

    private async Task LoadAsync(AppointmentInFile target)
    {
        var ct = HttpContext.RequestAborted;
        Item = target.Appointment;
        MayMark = AppointmentBooking.CanMark(target, User.AccountId());
        // The worker who receives the person reads who she receives; others through the file's identity grant.
        if (target.File?.CanRead(FieldGroup.Identite) != false)
            PersonName = await db.Persons.AsNoTracking().Where(p => p.Id == Item.PersonId)
                .Select(p => Domain.Persons.Person.NameOf(p.UsageName, p.BirthName, p.FirstNames)).SingleOrDefaultAsync(ct);
        Room = Item.RoomId is { } room ? await db.Rooms.Where(r => r.Id == room).Select(r => r.Name).SingleOrDefaultAsync(ct) : null;
        var ids = Item.Workers.Select(w => w.StaffAccountId).ToList();
        Workers = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName).Select(u => u.DisplayName).ToListAsync(ct);
    }
}
