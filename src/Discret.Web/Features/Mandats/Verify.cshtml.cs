using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Mandats;

/// <summary>« Vérifier un mandat »: every member of staff; the QR code printed on the mandate opens it with the code.
/// A GET form (the code is opaque: no personal data in the address), rate-limited like a search.</summary>
public sealed class VerifyModel(MandateVerification verification) : PageModel
{
    [FromQuery(Name = "code")] public string? Code { get; set; }
    [FromQuery(Name = "fingerprint")] public string? Fingerprint { get; set; }
    public MandateVerification.Answer? Answer { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Code is null && Fingerprint is null) return Page();
        var result = await verification.CheckAsync(Code, Fingerprint, HttpContext.RequestAborted);
        if (result.Succeeded) Answer = result.Value;
        else ModelState.AddErrors(result.Errors, prefix: "");
        return Page();
    }
}
