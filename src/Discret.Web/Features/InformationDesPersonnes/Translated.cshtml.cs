using Discret.Domain.Documents;
using Discret.Web.Shared.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>A version of the notice in another language, to show or print for a person: every member of staff. The
/// sentences not translated are shown in French; a language with no translation at all is answered 404.</summary>
public sealed class TranslatedModel(NoticeVersions versions, NoticeTranslations translations) : PageModel
{
    [FromRoute] public int Number { get; set; }
    [FromRoute] public string Langue { get; set; } = "";
    public NoticeLanguage Language { get; private set; }
    public PublishedDocuments.Published<NoticeContent> Notice { get; private set; } = null!;
    public NoticeTextView Text { get; private set; } = null!;
    public int Missing { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (NoticeLanguages.FromCode(Langue) is not { } language) return NotFound();
        Language = language;
        var ct = HttpContext.RequestAborted;
        if (await versions.VersionAsync(Number, ct) is not { } notice) return NotFound();
        Notice = notice;
        var stored = await translations.OfAsync(language, ct);
        if (stored.Count == 0) return NotFound();
        var segments = NoticeText.Of(notice.Content);
        // Each sentence hashed and looked up once: the partial asks for a segment's translation several times.
        var translated = segments.Select(s => s.Text).Distinct().ToDictionary(t => t, t => stored.GetValueOrDefault(NoticeTranslation.HashOf(t)));
        Text = new NoticeTextView(segments, s => translated[s.Text]);
        Missing = translated.Values.Count(t => t is null);
        return Page();
    }
}
