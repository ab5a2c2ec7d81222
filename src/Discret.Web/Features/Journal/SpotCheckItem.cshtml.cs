using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Journal;

/// <summary>
/// One sampled access, as the DPO judges it: the journal entry and, for a break-glass access, its reason and the
/// worker's justification; then the verdict and an observation (through the sobriety guard).
/// </summary>
public sealed class SpotCheckItemModel(SpotChecks checks, JournalAccounts accounts, AccessJournal journal) : PageModel
{
    public sealed class InputModel
    {
        public SpotCheckVerdict? Verdict { get; set; }
        public string? Observation { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public Guid ItemId { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public SpotChecks.ItemView? Item { get; private set; }
    public string AccountName { get; private set; } = "—";

    public static IEnumerable<SelectListItem> VerdictChoices { get; } =
    [
        new("Choisir…", ""),
        new(SpotChecks.Label(SpotCheckVerdict.Justifie), nameof(SpotCheckVerdict.Justifie)),
        new(SpotChecks.Label(SpotCheckVerdict.AExaminer), nameof(SpotCheckVerdict.AExaminer)),
    ];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync(journaled: true)) return NotFound();
        Input = new InputModel { Verdict = Item!.Item.Verdict, Observation = Item.Item.Observation };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = await checks.DecideAsync(Id, ItemId, new SpotChecks.DecisionRequest(Input.Verdict, Input.Observation), HttpContext.RequestAborted);
        if (errors is null) return NotFound();
        if (errors.Count == 0) return Redirect($"/tracabilite/controles/{Id}");
        ModelState.AddErrors(errors);
        await LoadAsync(journaled: false);
        return Page();
    }

    private async Task<bool> LoadAsync(bool journaled)
    {
        var ct = HttpContext.RequestAborted;
        var check = await checks.FindAsync(Id, ct);
        if (check is null || check.Items.All(i => i.Id != ItemId)) return false;
        if (journaled) await journal.WriteAsync(JournalAction.ConsultationJournal, detail: DpoConsole.Views.SpotCheckItem, reference: Id, ct: ct);
        Item = (await checks.ItemsAsync(check, ct)).First(i => i.Item.Id == ItemId);
        if (Item.Entry?.AccountId is { } aid && (await accounts.NamesAsync([aid], ct)).TryGetValue(aid, out var n)) AccountName = n.DisplayName;
        return true;
    }
}
