using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Mandats;

/// <summary>« Démarches faites en votre nom », the list to hand to the person on request: the team only.</summary>
public sealed class ProceduresModel(PersonFileContext files, Mandates mandates) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var result = await mandates.ProceduresPdfAsync(await files.PersonAsync(Id), HttpContext.RequestAborted);
        return result.Succeeded ? File(result.Value.Pdf, "application/pdf", result.Value.FileName) : NotFound();
    }
}
