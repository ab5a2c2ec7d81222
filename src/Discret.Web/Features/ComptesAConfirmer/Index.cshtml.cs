using Discret.Web.Features.Connexion;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.ComptesAConfirmer;

/// <summary>
/// « Comptes à confirmer »: what the technical administrator asked for the accounts of the confirmer's scope. Confirming a
/// creation or a reset shows the activation link once, in the answer itself (never stored, never redirected through a
/// cookie), to be handed over in person.
/// </summary>
public sealed class IndexModel(AccountConfirmations confirmations) : PageModel
{
    public const string Path = "/comptes-a-confirmer";
    private const string MessageKey = "confirmation-message";

    public IReadOnlyList<AccountConfirmations.Pending> Requests { get; private set; } = [];
    public string? Message { get; private set; }
    /// <summary>Just confirmed: whose account, and its activation link when there is one.</summary>
    public AccountConfirmations.Confirmed? Confirmed { get; private set; }
    public string? ActivationLink { get; private set; }

    public async Task OnGetAsync()
    {
        Message = TempData[MessageKey] as string;
        Requests = await confirmations.ToDecideAsync(User, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid requestId)
    {
        var result = await confirmations.ConfirmAsync(User, requestId, HttpContext.RequestAborted);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (result.Succeeded)
        {
            Confirmed = result.Value;
            ActivationLink = Confirmed.Token is { } token ? ActivationModel.Link(Request, token) : null;
            // The link is in this answer only: no cache may keep it.
            Response.Headers.CacheControl = "no-store";
        }
        else ModelState.AddErrors(result.Errors);
        Requests = await confirmations.ToDecideAsync(User, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRefuseAsync(Guid requestId)
    {
        var result = await confirmations.RefuseAsync(User, requestId, HttpContext.RequestAborted);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        TempData[MessageKey] = "Demande refusée. L'administrateur technique le voit sur la fiche du compte.";
        return Redirect(Path);
    }
}
