using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Conservation;

/// <summary>The retention durations in force, against the catalogue's references (DPO only).</summary>
public sealed class IndexModel(RetentionSettings settings) : PageModel
{
    public IReadOnlyList<RetentionSettings.RuleInForce> Rules { get; private set; } = [];

    public async Task OnGetAsync() => Rules = await settings.InForceAsync(HttpContext.RequestAborted);
}
