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
    public RegisterComparison? Comparison { get; private set; }
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

        // The binder keyed its entries "de" and "a"; the fields (and the summary's links) use the property names.
        ModelState.Clear();
        var from = Parse(nameof(De), De, "la première version");
        var to = Parse(nameof(A), A, "la seconde version");
        if (from is null || to is null) return Page();
        if (from >= to)
        {
            ModelState.AddModelError(nameof(A), from == to
                ? "Choisissez deux versions différentes."
                : "La seconde version doit être plus récente que la première : choisissez la plus ancienne en premier.");
            return Page();
        }
        From = await versions.FindAsync(from.Value, ct);
        To = await versions.FindAsync(to.Value, ct);
        if (From is null) ModelState.AddModelError(nameof(De), $"La version {from} du registre n'existe pas.");
        if (To is null) ModelState.AddModelError(nameof(A), $"La version {to} du registre n'existe pas.");
        if (From is not null && To is not null) Comparison = RegisterComparison.Between(From.Content, To.Content);
        return Page();
    }

    private int? Parse(string field, string? value, string what)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0) return number;
        ModelState.AddModelError(field, $"Indiquez le numéro de {what} (un nombre entier, par exemple 1).");
        return null;
    }
}
