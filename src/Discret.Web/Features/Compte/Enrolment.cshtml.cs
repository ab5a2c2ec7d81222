using System.ComponentModel.DataAnnotations;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Discret.Web.Features.Compte;

/// <summary>TOTP enrolment, compulsory before any other page. Ends by showing ten one-time recovery codes, once.</summary>
public sealed class EnrolmentModel(UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez le code à 6 chiffres affiché par votre application.")]
        [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "Le code est composé de 6 chiffres.")]
        public string Code { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public string FormattedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return Redirect("/connexion");
        if (account.TwoFactorEnabled) return Redirect("/");
        await LoadKeyAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null) return Redirect("/connexion");
        if (account.TwoFactorEnabled) return Redirect("/");
        if (!ModelState.IsValid)
        {
            await LoadKeyAsync(account);
            return Page();
        }
        var valid = await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, Input.Code.Replace(" ", ""));
        if (!valid)
        {
            ModelState.AddModelError("Input.Code", "Code incorrect : vérifiez que l'heure de votre téléphone est juste et saisissez le code affiché en ce moment.");
            await LoadKeyAsync(account);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(account, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10);
        await signIn.RefreshSignInAsync(account);
        TempData[RecoveryCodesModel.TempDataKey] = string.Join(' ', codes ?? []);
        return Redirect("/compte/codes-de-secours");
    }

    private async Task LoadKeyAsync(StaffAccount account)
    {
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            await signIn.RefreshSignInAsync(account); // a new key changes the security stamp, which ends the account's sessions
            key = await users.GetAuthenticatorKeyAsync(account) ?? "";
        }
        FormattedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c)));
        var uri = $"otpauth://totp/Discret:{Uri.EscapeDataString(account.UserName ?? "")}?secret={key}&issuer=Discret&digits=6&period=30";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(6));
    }
}
