using Discret.Catalogue;
using Discret.Domain.Letters;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Courriers;

/// <summary>A person's letters: those produced (kind, date, version, profession) and a form for each kind the account sends.
/// Whoever reads the file's Droits group; 404 otherwise.</summary>
public sealed class LettersModel(PersonFileContext files, LettersOfFile letters, LetterProduction production) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public Guid? Reference { get; set; }

    public PersonAccessView Access { get; private set; } = null!;
    public IReadOnlyList<LettersOfFile.Row> Produced { get; private set; } = [];
    public IReadOnlyList<(LetterKind Kind, IReadOnlyList<LettersOfFile.Choice> Choices)> Forms { get; private set; } = [];
    /// <summary>Why the letter was not produced, and for which kind.</summary>
    public (LetterKind Kind, string Message)? Problem { get; private set; }

    private async Task<bool> LoadAsync()
    {
        var file = await files.PersonAsync(Id);
        if (file is null || !file.CanRead(FieldGroup.Droits)) return false;
        Access = file;
        var ct = HttpContext.RequestAborted;
        Produced = await letters.ListAsync(file, ct);
        var forms = new List<(LetterKind, IReadOnlyList<LettersOfFile.Choice>)>();
        foreach (var kind in LettersOfFile.Kinds(file)) forms.Add((kind, await letters.ChoicesAsync(file, kind, ct)));
        Forms = forms;
        return true;
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (LetterKindLabels.FromSlug(Kind) is not { } kind) return await LoadAsync() ? Page() : NotFound();
        var result = await production.ProduceAsync(await files.PersonAsync(Id), kind, Reference, HttpContext.RequestAborted);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (result.Succeeded) return File(result.Value.Pdf, "application/pdf", result.Value.FileName);
        if (!await LoadAsync()) return NotFound();
        Problem = (kind, result.Message ?? string.Join(" ", result.Errors.Values));
        return Page();
    }
}
