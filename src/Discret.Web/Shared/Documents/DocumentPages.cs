using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Shared.Documents;

/// <summary>The versions of one generated document (the notice, the register, the impact assessment).</summary>
public interface IDocumentVersions<T>
{
    /// <summary>The document as generated now, published as the next version when it changed.</summary>
    Task<PublishedDocuments.Published<T>> CurrentAsync(CancellationToken ct = default);
    Task<PublishedDocuments.Published<T>?> FindAsync(int number, CancellationToken ct = default);
    Task<List<PublishedDocuments.Summary>> AllAsync(CancellationToken ct = default);
}

public static class DocumentVersions
{
    /// <summary>The version of that number: the current one (published if the document changed) or an old one; null when unknown.</summary>
    public static async Task<PublishedDocuments.Published<T>?> VersionAsync<T>(this IDocumentVersions<T> versions, int number, CancellationToken ct = default)
    {
        var current = await versions.CurrentAsync(ct);
        return number == current.Number ? current : await versions.FindAsync(number, ct);
    }
}

/// <summary>
/// A generated document's page: the version in force or an old one (404 when unknown), with the list of versions. It
/// holds no personal data, so reading it writes no journal entry.
/// </summary>
public abstract class DocumentPageModel<T>(IDocumentVersions<T> versions) : PageModel
{
    [FromRoute] public int? Number { get; set; }
    public PublishedDocuments.Published<T> Document { get; private set; } = null!;
    public int Current { get; private set; }
    public IReadOnlyList<PublishedDocuments.Summary> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var current = await versions.CurrentAsync(ct);
        Current = current.Number;
        if (Number is { } n && n != current.Number)
        {
            if (await versions.FindAsync(n, ct) is not { } old) return NotFound();
            Document = old;
        }
        else Document = current;
        Versions = await versions.AllAsync(ct);
        await LoadMoreAsync(ct);
        return Page();
    }

    /// <summary>What a page shows beside the document (the notice: its languages).</summary>
    protected virtual Task LoadMoreAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// Two versions of a sectioned document side by side: per section, the lines added and removed. Version numbers only in
/// the address (<c>…/comparer?de=1&amp;a=3</c>); a wrong pair gets a message on the form, never an error page.
/// </summary>
/// <param name="basePath">The document's page (<c>/registre</c>), where each version is read.</param>
/// <param name="ofDocument">The document in a message, « du registre », « de l'analyse ».</param>
public abstract class DocumentComparePageModel<T>(IDocumentVersions<T> versions, string basePath, string ofDocument) : PageModel
{
    // Strings, so that "abc" is answered with a message rather than a binding error.
    [FromQuery(Name = "de")] public string? De { get; set; }
    [FromQuery(Name = "a")] public string? A { get; set; }

    public PublishedDocuments.Published<T>? From { get; private set; }
    public PublishedDocuments.Published<T>? To { get; private set; }
    public SectionComparisonView? Comparison { get; private set; }
    public List<SelectListItem> Choices { get; private set; } = [];

    protected abstract IReadOnlyList<DocumentSection> SectionsOf(T content);

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
        if (From is null) ModelState.AddModelError(nameof(De), $"La version {from} {ofDocument} n'existe pas.");
        if (To is null) ModelState.AddModelError(nameof(A), $"La version {to} {ofDocument} n'existe pas.");
        if (From is not null && To is not null)
            Comparison = new(SectionComparison.Between(SectionsOf(From.Content), SectionsOf(To.Content)), From.Number, From.PublishedAt, To.Number, To.PublishedAt, basePath);
        return Page();
    }
}
