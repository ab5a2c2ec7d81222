using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Agenda;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Agenda;

/// <summary>Booking an appointment for a person: reception and secretariat (first reception, or for a worker of their
/// circonscription), the social worker for herself on the files she follows.</summary>
public sealed class BookModel(PersonFileContext files, AppointmentBooking booking, AgendaLists lists, Data.DiscretDbContext db, Journal.AccessJournal journal) : PageModel
{
    public sealed class InputModel
    {
        public DateOnly? Day { get; set; }
        public string? StartTime { get; set; }
        public string? EndTime { get; set; }
        public AppointmentPlace? Place { get; set; }
        public Guid? RoomId { get; set; }
        public Guid? WorkerId { get; set; }
        public Guid? FollowUpId { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public string? PersonName { get; private set; }
    public IEnumerable<SelectListItem> Workers { get; private set; } = [];
    public IEnumerable<SelectListItem> Rooms { get; private set; } = [];
    public IEnumerable<SelectListItem> FollowUps { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var view = await files.PersonAsync(Id);
        if (view is null || !AppointmentBooking.CanBook(view)) return NotFound();
        await journal.ReadAsync(view, [FieldGroup.Identite, FieldGroup.RendezVous], HttpContext.RequestAborted);
        if (view.Role == StaffRole.TravailleurSocial) Input.WorkerId = view.AccountId;
        await LoadAsync(view);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var view = await files.PersonAsync(Id);
        if (view is null || !AppointmentBooking.CanBook(view)) return NotFound();
        if (ModelState.IsValid)
        {
            var start = AgendaForm.At(Input.Day, Input.StartTime);
            var end = AgendaForm.At(Input.Day, Input.EndTime);
            var outcome = await booking.BookAsync(view, new AppointmentBooking.BookRequest(Id, Input.FollowUpId, [],
                Input.WorkerId is { } w ? [w] : [], start, end, Input.Place, Input.RoomId), HttpContext.RequestAborted);
            if (outcome.Status == ResultStatus.NotFound) return NotFound();
            if (outcome.Succeeded) return Redirect($"/agenda/rendez-vous/{outcome.Value.Id}");
            var errors = AgendaForm.OnForm(outcome.Errors).ToDictionary();
            if (Input.Day is null) errors["Day"] = "Indiquez le jour du rendez-vous.";
            ModelState.AddErrors(errors);
        }
        await LoadAsync(view);
        return Page();
    }

    private async Task LoadAsync(PersonAccessView view)
    {
        var ct = HttpContext.RequestAborted;
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == view.PersonId)
            .Select(p => new { Name = Domain.Persons.Person.NameOf(p.UsageName, p.BirthName, p.FirstNames), p.CirconscriptionId }).SingleAsync(ct);
        PersonName = view.CanRead(FieldGroup.Identite) ? person.Name : null;
        var workers = await lists.WorkersAsync(person.CirconscriptionId, ct);
        Workers = AgendaForm.Workers(view.Role == StaffRole.TravailleurSocial ? workers.Where(w => w.Id == view.AccountId) : workers);
        Rooms = AgendaForm.Rooms(await lists.RoomsAsync(person.CirconscriptionId, activeOnly: true, ct));
        // Follow-ups by their opening date only: reception and secretariat never read motives.
        var open = await db.FollowUps.AsNoTracking().Where(f => f.PersonId == view.PersonId && f.Status == FollowUpStatus.Ouvert)
            .OrderByDescending(f => f.OpenedOn).Select(f => new { f.Id, f.OpenedOn }).ToListAsync(ct);
        FollowUps = open.Select(f => new SelectListItem($"Accompagnement ouvert le {ParisTime.Day(f.OpenedOn)}", f.Id.ToString()))
            .Prepend(new SelectListItem("Aucun (premier accueil)", ""));
    }
}
