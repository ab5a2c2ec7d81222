using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Mandats;

/// <summary>The mandate's PDF (two copies), re-issued identical from its stored document: the team only.</summary>
public sealed class PdfModel(PersonFileContext files, Mandates mandates) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public Guid MandateId { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var result = await mandates.PdfAsync(await files.PersonAsync(Id), MandateId, HttpContext.RequestAborted);
        return result.Succeeded ? File(result.Value.Pdf, "application/pdf", result.Value.FileName) : NotFound();
    }
}
