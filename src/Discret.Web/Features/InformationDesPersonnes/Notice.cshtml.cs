using Discret.Web.Shared.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>The information notice, current or of a past version, to read, print as a leaflet or as a poster, or read in
/// another language. Every
/// member of staff may hand it over; it holds no personal data.</summary>
public sealed class NoticeModel(NoticeVersions versions, NoticeTranslations translations) : PageModel
{
    [FromRoute] public int? Number { get; set; }
    public PublishedDocuments.Published<NoticeContent> Notice { get; private set; } = null!;
    public int Current { get; private set; }
    public IReadOnlyList<PublishedDocuments.Summary> Versions { get; private set; } = [];
    /// <summary>The languages the notice is translated into, with how much of this version each covers.</summary>
    public IReadOnlyList<NoticeTranslations.Progress> Languages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var current = await versions.CurrentAsync(HttpContext.RequestAborted);
        Current = current.Number;
        if (Number is { } n && n != current.Number)
        {
            var old = await versions.FindAsync(n, HttpContext.RequestAborted);
            if (old is null) return NotFound();
            Notice = old;
        }
        else Notice = current;
        Versions = await versions.AllAsync(HttpContext.RequestAborted);
        Languages = await translations.ProgressAsync(Notice.Content, HttpContext.RequestAborted);
        return Page();
    }
}
