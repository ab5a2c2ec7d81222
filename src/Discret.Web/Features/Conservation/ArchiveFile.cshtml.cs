using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// One file out of daily work (archived, or listed for elimination) for the DPO, read-only. Reached by GET (a link, a bookmark) it shows nothing of the person and asks
/// for the grounds; the file is shown only in the answer to a POST that carries them (from the search results or this
/// form), once the read is journaled. A file in daily work, or an unknown id, is not here (404).
/// </summary>
public sealed class ArchiveFileModel(ArchiveConsultation consultation) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public ArchivesModel.InputModel Input { get; set; } = new();
    public ArchiveConsultation.File? File { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await consultation.IsOutOfDailyWorkAsync(Id, HttpContext.RequestAborted) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await consultation.OpenAsync(Id, new(Input.Reason, Input.Justification, Input.ConfirmWarnings), HttpContext.RequestAborted);
        return this.Answer(result, file =>
        {
            File = file;
            return Page();
        });
    }
}
