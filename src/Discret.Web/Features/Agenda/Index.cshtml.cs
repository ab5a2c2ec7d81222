using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Agenda;

/// <summary>The worker's own day: the appointments where she receives someone (GET <c>jour</c>, today by default).</summary>
public sealed class IndexModel(AgendaLists lists, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jour")] public string? Jour { get; set; }
    public DateOnly Day { get; private set; }
    public IReadOnlyList<AgendaLists.Line> Lines { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Day = ParisTime.ParseDay(Jour) ?? ParisTime.Today(clock);
        Lines = await lists.MineAsync(User.AccountId(), Day, Day.AddDays(1), HttpContext.RequestAborted);
    }
}
