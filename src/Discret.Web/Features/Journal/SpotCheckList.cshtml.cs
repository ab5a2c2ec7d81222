using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Journal;

/// <summary>The history of spot checks with their progress, and the button that draws a new one.</summary>
public sealed class SpotCheckListModel(SpotChecks checks, JournalAccounts accounts, AccessJournal journal) : PageModel
{
    public IReadOnlyList<SpotChecks.Summary> Checks { get; private set; } = [];
    public IReadOnlyDictionary<Guid, JournalAccounts.Name> Names { get; private set; } = new Dictionary<Guid, JournalAccounts.Name>();

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        await journal.WriteAsync(JournalAction.ConsultationJournal, detail: DpoConsole.Views.SpotCheckList, ct: ct);
        Checks = await checks.ListAsync(ct);
        Names = await accounts.NamesAsync(Checks.Select(c => (Guid?)c.DrawnBy), ct);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var check = await checks.DrawAsync(User, HttpContext.RequestAborted);
        return Redirect($"/tracabilite/controles/{check.Id}");
    }
}
