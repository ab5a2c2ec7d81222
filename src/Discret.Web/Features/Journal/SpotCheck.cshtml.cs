using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Journal;

/// <summary>One spot check: its sampled accesses, break-glass accesses first, each with its verdict.</summary>
public sealed class SpotCheckModel(SpotChecks checks, JournalAccounts accounts, AccessJournal journal) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public SpotCheck? Check { get; private set; }
    public IReadOnlyList<SpotChecks.ItemView> Items { get; private set; } = [];
    public IReadOnlyDictionary<Guid, JournalAccounts.Name> Names { get; private set; } = new Dictionary<Guid, JournalAccounts.Name>();

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Check = await checks.FindAsync(Id, ct);
        if (Check is null) return NotFound();
        await journal.WriteAsync(JournalAction.ConsultationJournal, detail: DpoConsole.Views.SpotCheck, reference: Id, ct: ct);
        Items = await checks.ItemsAsync(Check, ct);
        Names = await accounts.NamesAsync(Items.Select(i => i.Entry?.AccountId).Append(Check.DrawnBy), ct);
        return Page();
    }

    public string NameOf(Guid? id) => id is { } g ? Names.TryGetValue(g, out var n) ? n.DisplayName : "Compte supprimé" : "—";
}
