using Discret.Web.Shared.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.AnalyseImpact;

/// <summary>
/// The impact assessment, current or of a past version, with the list of versions and the downloads (PDF, PIA file):
/// the DPO. It holds no personal data, so reading it writes no journal entry.
/// </summary>
public sealed class IndexModel(ImpactAssessmentVersions versions) : PageModel
{
    [FromRoute] public int? Number { get; set; }
    public PublishedDocuments.Published<ImpactAssessmentContent> Assessment { get; private set; } = null!;
    public int Current { get; private set; }
    public IReadOnlyList<PublishedDocuments.Summary> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var current = await versions.CurrentAsync(ct);
        Current = current.Number;
        if (Number is { } n && n != current.Number)
        {
            var old = await versions.FindAsync(n, ct);
            if (old is null) return NotFound();
            Assessment = old;
        }
        else Assessment = current;
        Versions = await versions.AllAsync(ct);
        return Page();
    }
}
