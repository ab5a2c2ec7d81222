using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Agenda;

/// <summary>A room's day, for the rooms of the account's own circonscription (another's answers 404).</summary>
public sealed class RoomDayModel(AgendaLists lists, TimeProvider clock) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "jour")] public string? Jour { get; set; }
    public DateOnly Day { get; private set; }
    public string Room { get; private set; } = "";
    public IReadOnlyList<AgendaLists.Line> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Day = ParisTime.ParseDay(Jour) ?? ParisTime.Today(clock);
        if (await lists.RoomAsync(User.CirconscriptionId(), Id, Day, HttpContext.RequestAborted) is not { } found) return NotFound();
        Room = found.Room.Name;
        Lines = found.Lines;
        return Page();
    }
}
