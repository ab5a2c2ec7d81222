using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Conservation;

/// <summary>Sets the active-base duration of one rule: shorter freely, longer only with a reason (DPO only).</summary>
public sealed class EditModel(RetentionSettings settings) : PageModel
{
    public sealed class InputModel
    {
        public int? ActiveDays { get; set; }
        public string? Reason { get; set; }
        public int? ArchiveDays { get; set; }
        public string? ArchiveJustification { get; set; }
    }

    [FromRoute] public string Code { get; set; } = "";
    [BindProperty] public InputModel Input { get; set; } = new();
    public RetentionSettings.RuleInForce Rule { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await FindAsync() is not { } rule) return NotFound();
        Rule = rule;
        Input = new InputModel
        {
            ActiveDays = (int)rule.InForce.Active.TotalDays, Reason = rule.Reason,
            ArchiveDays = rule.InForce.Archive is { } archive ? (int)archive.TotalDays : null, ArchiveJustification = rule.InForce.ArchiveJustification,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await FindAsync() is not { } rule) return NotFound();
        Rule = rule;
        if (!ModelState.IsValid)
        {
            foreach (var field in new[] { "Input.ActiveDays", "Input.ArchiveDays" }.Where(f => ModelState[f]?.Errors.Count > 0))
            {
                ModelState[field]!.Errors.Clear();
                ModelState.AddModelError(field, "Saisissez une durée en jours, un nombre entier.");
            }
            return Page();
        }
        var result = await settings.SetAsync(User, Code, new(Input.ActiveDays, Input.Reason, Input.ArchiveDays, Input.ArchiveJustification), HttpContext.RequestAborted);
        return this.Answer(result, () => Redirect("/conservation"));
    }

    private async Task<RetentionSettings.RuleInForce?> FindAsync() =>
        (await settings.InForceAsync(HttpContext.RequestAborted)).FirstOrDefault(r => r.Reference.Code == Code);
}
