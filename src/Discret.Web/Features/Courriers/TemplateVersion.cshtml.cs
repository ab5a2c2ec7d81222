using Discret.Domain.Letters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Courriers;

/// <summary>One version of a template, as it was saved (the wording a letter of that version was written from).</summary>
public sealed class TemplateVersionModel(LetterTemplates templates) : PageModel
{
    [FromRoute] public string Kind { get; set; } = "";
    [FromRoute] public int Version { get; set; }
    public LetterTemplate Template { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (LetterKindLabels.FromSlug(Kind) is not { } kind) return NotFound();
        var template = await templates.VersionAsync(kind, Version, HttpContext.RequestAborted);
        if (template is null) return NotFound();
        Template = template;
        return Page();
    }
}
