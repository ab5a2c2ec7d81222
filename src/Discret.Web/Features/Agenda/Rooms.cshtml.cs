using Discret.Data;
using Discret.Domain.Agenda;
using Discret.Domain.Journal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Agenda;

/// <summary>The rooms of each circonscription, kept by the technical administrator: add, take out of service, put back.
/// A room is never deleted (its past appointments name it).</summary>
public sealed class RoomsModel(DiscretDbContext db, Journal.AccessJournal journal) : PageModel
{
    public sealed class InputModel
    {
        public Guid? CirconscriptionId { get; set; }
        public string? Name { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<(Guid Id, string Name, IReadOnlyList<Room> Rooms)> Circonscriptions { get; private set; } = [];
    public IEnumerable<SelectListItem> Choices => Circonscriptions.Select(c => new SelectListItem(c.Name, c.Id.ToString())).Prepend(new SelectListItem("Choisissez la circonscription", ""));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        var name = Input.Name?.Trim() ?? "";
        if (Input.CirconscriptionId is not { } circ || !await db.Circonscriptions.AnyAsync(c => c.Id == circ))
            ModelState.AddModelError("Input.CirconscriptionId", "Choisissez la circonscription de la salle.");
        if (name.Length is 0 or > Room.MaxNameLength)
            ModelState.AddModelError("Input.Name", $"Indiquez le nom de la salle ({Room.MaxNameLength} caractères au plus).");
        else if (Input.CirconscriptionId is { } c && await db.Rooms.AnyAsync(r => r.CirconscriptionId == c && r.Name == name))
            ModelState.AddModelError("Input.Name", "Cette circonscription a déjà une salle de ce nom.");
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var room = new Room(Input.CirconscriptionId!.Value, name);
        db.Rooms.Add(room);
        journal.Record(JournalAction.Ecriture, detail: "salle ajoutée", reference: room.Id);
        await db.SaveChangesAsync();
        return Redirect("/agenda/salles");
    }

    public async Task<IActionResult> OnPostServiceAsync(Guid room, bool active)
    {
        var found = await db.Rooms.SingleOrDefaultAsync(r => r.Id == room);
        if (found is null) return NotFound();
        if (active) found.Restore(); else found.Withdraw();
        journal.Record(JournalAction.Ecriture, detail: active ? "salle remise en service" : "salle retirée du service", reference: room);
        await db.SaveChangesAsync();
        return Redirect("/agenda/salles");
    }

    private async Task LoadAsync()
    {
        var circs = await db.Circonscriptions.AsNoTracking().OrderBy(c => c.Name).ToListAsync();
        var rooms = await db.Rooms.AsNoTracking().OrderBy(r => r.Name).ToListAsync();
        Circonscriptions = circs.Select(c => (c.Id, c.Name, (IReadOnlyList<Room>)rooms.Where(r => r.CirconscriptionId == c.Id).ToList())).ToList();
    }
}
