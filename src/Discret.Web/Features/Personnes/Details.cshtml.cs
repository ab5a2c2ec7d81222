using Discret.Web.Catalogue;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Personnes;

/// <summary>The person's file: each section appears only for the field groups the account may read.</summary>
public sealed class DetailsModel(PersonAccess access, PersonFile files) : PageModel
{
    /// <summary>The groups shown by the sections other features add to the file (view components), journaled with the file's read.</summary>
    public static readonly FieldGroup[] SectionGroups = [FieldGroup.Information, FieldGroup.Partages, FieldGroup.Droits];

    [FromRoute] public Guid Id { get; set; }
    public PersonFile.View? FileView { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var view = await access.ForAsync(User, Id);
        if (view is null) return NotFound();
        FileView = await files.LoadAsync(view, HttpContext.RequestAborted, alsoShown: SectionGroups);
        return Page();
    }
}
