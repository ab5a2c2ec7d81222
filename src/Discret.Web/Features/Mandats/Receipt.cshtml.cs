using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Mandats;

/// <summary>The revocation receipt (« Accusé de révocation ») to hand to the person: the team and reception.</summary>
public sealed class ReceiptModel(PersonFileContext files, Mandates mandates) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public Guid MandateId { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var result = await mandates.ReceiptAsync(await files.PersonAsync(Id), MandateId, HttpContext.RequestAborted);
        if (result.Status == ResultStatus.Conflict) return Redirect($"/personnes/{Id}/mandats/{MandateId}/revocation");
        return result.Succeeded ? File(result.Value.Pdf, "application/pdf", result.Value.FileName) : NotFound();
    }
}
