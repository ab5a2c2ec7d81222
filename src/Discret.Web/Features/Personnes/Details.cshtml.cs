using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Personnes;

/// <summary>The person's file: each section appears only for the field groups the account may read.</summary>
public sealed class DetailsModel(PersonAccess access, PersonFile files) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public PersonFile.View? FileView { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var view = await access.ForAsync(User, Id);
        if (view is null) return NotFound();
        // Sections loaded by their own feature are journaled with the rest of the file, in one read entry.
        FileView = await files.LoadAsync(view, HttpContext.RequestAborted, alsoRead: [Catalogue.FieldGroup.Partages]);
        return Page();
    }
}
