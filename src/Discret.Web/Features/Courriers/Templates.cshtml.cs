using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Courriers;

/// <summary>« Modèles de courrier »: the current version of each kind. The technical administrator only.</summary>
public sealed class TemplatesModel(LetterTemplates templates) : PageModel
{
    public IReadOnlyList<LetterTemplates.Summary> Current { get; private set; } = [];

    public async Task OnGetAsync() => Current = await templates.CurrentAsync(HttpContext.RequestAborted);
}
