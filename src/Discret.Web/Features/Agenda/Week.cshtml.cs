using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Agenda;

/// <summary>The worker's own week, Monday to Sunday (GET <c>jour</c>: any day of the week, today by default).</summary>
public sealed class WeekModel(AgendaLists lists, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jour")] public string? Jour { get; set; }
    public DateOnly Monday { get; private set; }
    public IReadOnlyList<AgendaLists.Line> Lines { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var day = ParisTime.ParseDay(Jour) ?? ParisTime.Today(clock);
        Monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        Lines = await lists.MineAsync(User.AccountId(), Monday, Monday.AddDays(7), HttpContext.RequestAborted);
    }
}
