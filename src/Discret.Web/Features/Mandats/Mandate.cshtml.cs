using Discret.Domain.Mandates;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Mandats;

/// <summary>One mandate, for the follow-up's team: what was printed, its state, the signature to record, its revocation
/// (whole or one authorisation), the procedures done under it. Every read is journaled.</summary>
public sealed class MandateModel(PersonFileContext files, Mandates mandates, TimeProvider clock) : PageModel
{
    public sealed class SignatureInput
    {
        public DateOnly? SignedOn { get; set; }
        public MandateSigner? Signer { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public Guid MandateId { get; set; }
    [BindProperty] public SignatureInput Input { get; set; } = new();
    public Mandates.Detail Mandate { get; private set; } = null!;
    public bool CanWrite { get; private set; }
    /// <summary>Why nothing changed (a conflict).</summary>
    public string? Refusal { get; private set; }

    private async Task<bool> LoadAsync()
    {
        var view = await files.PersonAsync(Id);
        var found = await mandates.DetailAsync(view, MandateId, HttpContext.RequestAborted);
        if (!found.Succeeded) return false;
        Mandate = found.Value;
        CanWrite = MandateAccess.CanWrite(view!);
        return true;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input.SignedOn = ParisTime.Today(clock);
        Input.Signer = Mandate.SignerRequired;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await mandates.SignAsync(await files.PersonAsync(Id), MandateId, new Mandates.SignatureRequest(Input.SignedOn, Input.Signer), HttpContext.RequestAborted);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (result.Succeeded) return Redirect($"/personnes/{Id}/mandats/{MandateId}");
        if (!await LoadAsync()) return NotFound();
        if (result.Status == ResultStatus.Conflict) Refusal = result.Message;
        return this.Answer(result, () => Page());
    }
}
