using Discret.Domain.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>The translation of the notice in force into one language, sentence by sentence (DPO); the language by its
/// code in the address (« en », « ar »), an unknown one answered 404.</summary>
public sealed class TranslationModel(NoticeVersions versions, NoticeTranslations translations) : PageModel
{
    public sealed class Line
    {
        public string Hash { get; set; } = "";
        public string? Text { get; set; }
    }

    [FromRoute] public string Langue { get; set; } = "";
    [BindProperty] public List<Line> Input { get; set; } = [];
    public NoticeLanguage Language { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyList<string> Sentences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is null) return NotFound();
        await FillAsync(new Dictionary<string, string?>());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is not { } notice) return NotFound();
        var posted = Input.Select(l => (l.Hash, l.Text)).ToList();
        var result = await translations.SaveAsync(User, Language, notice, posted, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Saved"] = "Les traductions sont enregistrées.";
            return Redirect($"/notice-information/traductions/{Language.Code()}");
        }
        // The form again, every sentence in its place with what was typed, each error under its sentence.
        ModelState.Clear();
        await FillAsync(posted.GroupBy(p => p.Hash).ToDictionary(g => g.Key, g => g.Last().Text));
        var index = Input.Select((line, i) => (line.Hash, i)).ToDictionary(x => x.Hash, x => x.i);
        foreach (var (hash, message) in result.Errors)
            ModelState.AddModelError(index.TryGetValue(hash, out var i) ? $"Input[{i}].Text" : "", message);
        return Page();
    }

    /// <summary>One line per sentence of the notice in force: what was typed, else the translation stored.</summary>
    private async Task FillAsync(IReadOnlyDictionary<string, string?> typed)
    {
        var stored = await translations.OfAsync(Language, HttpContext.RequestAborted);
        Input = Sentences.Select(NoticeTranslation.HashOf)
            .Select(h => new Line { Hash = h, Text = typed.TryGetValue(h, out var t) ? t : stored.GetValueOrDefault(h) }).ToList();
    }

    private async Task<NoticeContent?> LoadAsync()
    {
        if (NoticeLanguages.FromCode(Langue) is not { } language) return null;
        Language = language;
        var notice = await versions.CurrentAsync(HttpContext.RequestAborted);
        Version = notice.Number;
        Sentences = NoticeTranslations.Sentences(notice.Content);
        return notice.Content;
    }
}
