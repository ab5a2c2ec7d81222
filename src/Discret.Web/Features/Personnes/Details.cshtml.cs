using Discret.Catalogue;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Personnes;

/// <summary>The person's file: each section appears only for the field groups the account may read.</summary>
public sealed class DetailsModel(PersonFileContext context, PersonFile files, Conservation.LegalHolds holds) : PageModel
{
    /// <summary>The groups shown by the sections other features add to the file (view components), journaled with the file's read.</summary>
    public static readonly FieldGroup[] SectionGroups = [FieldGroup.Information, FieldGroup.Partages, FieldGroup.Droits, FieldGroup.DemarchesEnLigne];

    [FromRoute] public Guid Id { get; set; }
    public PersonFile.View? FileView { get; private set; }
    /// <summary>The legal hold in force on the person's data, for the roles that read the Conservation group.</summary>
    public Domain.Retention.LegalHold? Hold { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var view = await context.PersonAsync(Id);
        if (view is null) return NotFound();
        // The Conservation group is shown (and journaled) only when a hold is in force: otherwise the file shows nothing of it.
        Hold = view.CanRead(FieldGroup.Conservation) ? await holds.ActiveForAsync(Id, HttpContext.RequestAborted) : null;
        FileView = await files.LoadAsync(view, HttpContext.RequestAborted, alsoShown: Hold is null ? SectionGroups : [.. SectionGroups, FieldGroup.Conservation]);
        return Page();
    }
}
