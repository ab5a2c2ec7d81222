using Discret.Domain.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>The languages of the notice: how far each is translated for the version in force, and a language to begin (DPO).</summary>
public sealed class TranslationsModel(NoticeVersions versions, NoticeTranslations translations) : PageModel
{
    public int Version { get; private set; }
    public List<NoticeTranslations.Progress> Languages { get; private set; } = [];
    public List<SelectListItem> Choices { get; private set; } = [];
    [FromQuery(Name = "langue")] public string? Langue { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (NoticeLanguages.FromCode(Langue) is { } chosen) return Redirect($"/notice-information/traductions/{chosen.Code()}");
        var notice = await versions.CurrentAsync(HttpContext.RequestAborted);
        Version = notice.Number;
        Languages = await translations.ProgressAsync(notice.Content, HttpContext.RequestAborted);
        Choices = Enum.GetValues<NoticeLanguage>().OrderBy(l => l.Label(), StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), false))
            .Select(l => new SelectListItem(l.Label(), l.Code())).ToList();
        if (Langue is not null) ModelState.AddModelError(nameof(Langue), "Choisissez une langue de la liste.");
        return Page();
    }
}
