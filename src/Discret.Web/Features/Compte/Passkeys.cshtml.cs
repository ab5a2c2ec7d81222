using System.ComponentModel.DataAnnotations;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Compte;

/// <summary>
/// « Clés d'accès »: the worker registers passkeys (WebAuthn: a security key, the computer's or the phone's) to use at login
/// instead of the TOTP code, names them, and removes them. Each addition and removal is journaled (never the key).
/// </summary>
public sealed class PasskeysModel(UserManager<StaffAccount> users, Security.SecondFactor.Passkeys passkeys, Journal.AccessJournal journal) : PageModel
{
    public const string MessageKey = "passkey-message";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Donnez un nom à la clé, par exemple « Clé USB bleue » ou « Ordinateur du bureau ».")]
        [StringLength(60, ErrorMessage = "Le nom de la clé compte 60 caractères au plus.")]
        public string Name { get; set; } = "";
    }

    public sealed record Row(string Id, string Name, DateTimeOffset CreatedAt);

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public string? Credential { get; set; }
    public List<Row> Keys { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        Message = TempData[MessageKey] as string;
        return Page();
    }

    /// <summary>The options for <c>navigator.credentials.create()</c>.</summary>
    public async Task<IActionResult> OnPostOptionsAsync()
    {
        var account = await users.GetUserAsync(User);
        return account is null ? NotFound() : Content(await passkeys.CreationOptionsAsync(account, HttpContext), "application/json");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return NotFound();
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var passkey = Credential is { Length: > 0 and < 20_000 } ? await passkeys.AttestAsync(Credential, HttpContext) : null;
        if (passkey is null)
        {
            ModelState.AddModelError("Input.Name", "La clé d'accès n'a pas pu être enregistrée (opération annulée, ou clé refusée). Réessayez.");
            await LoadAsync();
            return Page();
        }
        passkey.Name = Input.Name.Trim();
        journal.Record(JournalAction.GestionCompte, detail: "clé d'accès ajoutée", reference: account.Id);
        var saved = await users.AddOrUpdatePasskeyAsync(account, passkey);
        if (!saved.Succeeded)
        {
            ModelState.AddModelError("Input.Name", "La clé d'accès n'a pas pu être enregistrée. Réessayez.");
            await LoadAsync();
            return Page();
        }
        TempData[MessageKey] = "Clé d'accès enregistrée : vous pourrez l'utiliser à la connexion à la place du code.";
        return Redirect("/compte/cles-d-acces");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id)
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return NotFound();
        byte[] credentialId;
        try { credentialId = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(id ?? ""); }
        catch (FormatException) { return NotFound(); }
        if (await users.GetPasskeyAsync(account, credentialId) is null) return NotFound();
        journal.Record(JournalAction.GestionCompte, detail: "clé d'accès supprimée", reference: account.Id);
        await users.RemovePasskeyAsync(account, credentialId);
        TempData[MessageKey] = "Clé d'accès supprimée.";
        return Redirect("/compte/cles-d-acces");
    }

    private async Task LoadAsync()
    {
        var account = await users.GetUserAsync(User);
        Keys = account is null ? [] : (await users.GetPasskeysAsync(account))
            .Select(p => new Row(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(p.CredentialId), p.Name ?? "Clé d'accès", p.CreatedAt))
            .OrderBy(r => r.CreatedAt).ToList();
    }
}
