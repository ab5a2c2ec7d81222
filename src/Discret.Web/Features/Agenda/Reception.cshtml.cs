using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Agenda;

/// <summary>The circonscription's day at reception: every appointment of the day, arrivals marked by reception and
/// secretariat; the head of circonscription reads it. Never a motive.</summary>
public sealed class ReceptionModel(AgendaLists lists, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jour")] public string? Jour { get; set; }
    public DateOnly Day { get; private set; }
    public IReadOnlyList<AgendaLists.Line> Lines { get; private set; } = [];
    public IReadOnlyList<Domain.Agenda.Room> Rooms { get; private set; } = [];
    public bool MarkArrivals => AgendaScope.MarksArrivals(User.Role());

    public async Task OnGetAsync()
    {
        Day = ParisTime.ParseDay(Jour) ?? ParisTime.Today(clock);
        Lines = await lists.CirconscriptionAsync(User.CirconscriptionId(), Day, HttpContext.RequestAborted);
        Rooms = await lists.RoomsAsync(User.CirconscriptionId(), activeOnly: true, HttpContext.RequestAborted);
    }
}
