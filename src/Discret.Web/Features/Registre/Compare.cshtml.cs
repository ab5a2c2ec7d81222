using System.Globalization;
using Discret.Web.Shared.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Registre;

/// <summary>
/// Two versions of the register side by side: per section, the lines added and removed. Version numbers only in the
/// address (<c>/registre/comparer?de=1&amp;a=3</c>); a wrong pair gets a message on the form, never an error page.
/// </summary>
public sealed class CompareModel(RegisterVersions versions) : PageModel
{
    // Strings, so that "abc" is answered with a message rather than a binding error.
    [FromQuery(Name = "de")] public string? De { get; set; }
    [FromQuery(Name = "a")] public string? A { get; set; }

    public PublishedDocuments.Published<RegisterContent>? From { get; private set; }
    public PublishedDocuments.Published<RegisterContent>? To { get; private set; }
    public SectionComparisonView? Comparison { get; private set; }
    public List<SelectListItem> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        await versions.CurrentAsync(ct); // the version in force is always among those offered
        var all = await versions.AllAsync(ct);
        Choices = all.Select(v => new SelectListItem($"Version {v.Number} du {ParisTime.Day(v.PublishedAt)}", v.Number.ToString(CultureInfo.InvariantCulture))).ToList();
        if (De is null && A is null)
        {
            if (all.Count >= 2) { De = all[1].Number.ToString(CultureInfo.InvariantCulture); A = all[0].Number.ToString(CultureInfo.InvariantCulture); }
            return Page();
        }

        if (VersionPair.Read(ModelState, De, A, nameof(De), nameof(A)) is not { } pair) return Page();
        var (from, to) = pair;
        From = await versions.FindAsync(from, ct);
        To = await versions.FindAsync(to, ct);
        if (From is null) ModelState.AddModelError(nameof(De), $"La version {from} du registre n'existe pas.");
        if (To is null) ModelState.AddModelError(nameof(A), $"La version {to} du registre n'existe pas.");
        if (From is not null && To is not null) Comparison = new(SectionComparison.Between(From.Content.Sections, To.Content.Sections), From.Number, From.PublishedAt, To.Number, To.PublishedAt, "/registre");
        return Page();
    }
}
