using Discret.Domain.Letters;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Courriers;

/// <summary>One kind's template: its current wording to edit (a save adds a version), its versions, the merge fields it may use.</summary>
public sealed class TemplateModel(LetterTemplates templates) : PageModel
{
    public sealed class InputModel
    {
        public string? Title { get; set; }
        public string? Body { get; set; }
    }

    [FromRoute] public string Kind { get; set; } = "";
    [BindProperty] public InputModel Input { get; set; } = new();
    public LetterKind Letter { get; private set; }
    public IReadOnlyList<LetterTemplates.Summary> Versions { get; private set; } = [];
    public bool Saved { get; private set; }

    private async Task<bool> LoadAsync()
    {
        if (LetterKindLabels.FromSlug(Kind) is not { } kind) return false;
        Letter = kind;
        await templates.CurrentAsync(kind, HttpContext.RequestAborted); // writes the default template at first use
        Versions = await templates.VersionsAsync(kind, HttpContext.RequestAborted);
        return true;
    }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "enregistre")] bool saved = false)
    {
        if (!await LoadAsync()) return NotFound();
        Saved = saved;
        if (await templates.CurrentAsync(Letter, HttpContext.RequestAborted) is { } current)
        {
            Input.Title = current.Title;
            Input.Body = current.Body;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await templates.SaveAsync(Letter, Input.Title, Input.Body, User.AccountId(), HttpContext.RequestAborted);
        return this.Answer(result, _ => Redirect($"/modeles-de-courrier/{Kind}?enregistre=true"));
    }

    /// <summary>The merge fields of the list that have a value in this kind and every sender reads.</summary>
    public IEnumerable<MergeField> Usable => MergeFields.All.Where(f => LetterTemplates.FieldProblem(Letter, f.Key) is null);
}
