using Discret.Domain.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Discret.Web.Security.SecondFactor;

/// <summary>
/// Passkeys (WebAuthn) as a second factor beside the TOTP code, on ASP.NET Core Identity's passkey handler. The challenge
/// between the options and the browser's answer is kept in a cookie of its own (encrypted, 5 minutes, SameSite=Strict):
/// not in Identity's two-factor cookie, which <c>SignInManager.MakePasskeyRequestOptionsAsync</c> would overwrite and with it
/// who passed the first step.
/// </summary>
public sealed class Passkeys(IPasskeyHandler<StaffAccount> handler, IDataProtectionProvider protection, TimeProvider clock)
{
    private const string Cookie = "discret.cle";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Discret.Passkeys.State.v1").ToTimeLimitedDataProtector();

    /// <summary>Options for <c>navigator.credentials.create()</c>: a new passkey for the signed-in account.</summary>
    public async Task<string> CreationOptionsAsync(StaffAccount account, HttpContext http)
    {
        var result = await handler.MakeCreationOptionsAsync(new PasskeyUserEntity { Id = account.Id.ToString(), Name = account.UserName!, DisplayName = account.DisplayName }, http);
        Keep(http, "creation", result.AttestationState);
        return result.CreationOptionsJson;
    }

    /// <summary>Checks the browser's new credential against the challenge given; null when it does not check out.</summary>
    public async Task<UserPasskeyInfo?> AttestAsync(string credentialJson, HttpContext http)
    {
        if (Take(http, "creation") is not { } state) return null;
        var result = await handler.PerformAttestationAsync(new PasskeyAttestationContext { HttpContext = http, CredentialJson = credentialJson, AttestationState = state });
        return result.Succeeded ? result.Passkey : null;
    }

    /// <summary>Options for <c>navigator.credentials.get()</c>, limited to the passkeys of the account at the second step.</summary>
    public async Task<string> RequestOptionsAsync(StaffAccount account, HttpContext http)
    {
        var result = await handler.MakeRequestOptionsAsync(account, http);
        Keep(http, "assertion", result.AssertionState);
        return result.RequestOptionsJson;
    }

    /// <summary>The passkey that signed the challenge, when it belongs to <paramref name="account"/>; null otherwise.</summary>
    public async Task<UserPasskeyInfo?> AssertAsync(StaffAccount account, string credentialJson, HttpContext http)
    {
        if (Take(http, "assertion") is not { } state) return null;
        var result = await handler.PerformAssertionAsync(new PasskeyAssertionContext { HttpContext = http, CredentialJson = credentialJson, AssertionState = state });
        return result.Succeeded && result.User is { } user && user.Id == account.Id ? result.Passkey : null;
    }

    /// <summary>
    /// The credential's origin must be Discret's own, as this request reached it (scheme and host, the reverse proxy's
    /// forwarded ones). Identity's default compares it with the request's Origin header, which browsers send as « null »
    /// on a form posted under Discret's <c>Referrer-Policy: no-referrer</c>. Never from another origin, never in a frame.
    /// </summary>
    public static void Configure(IdentityPasskeyOptions options) => options.ValidateOrigin = context =>
        ValueTask.FromResult(!context.CrossOrigin && string.Equals(context.Origin,
            $"{context.HttpContext.Request.Scheme}://{context.HttpContext.Request.Host}", StringComparison.OrdinalIgnoreCase));

    private void Keep(HttpContext http, string operation, string? state) =>
        http.Response.Cookies.Append(Cookie, Protector.Protect(operation + "\n" + state, clock.GetUtcNow() + Lifetime), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, IsEssential = true, MaxAge = Lifetime,
        });

    private string? Take(HttpContext http, string operation)
    {
        if (!http.Request.Cookies.TryGetValue(Cookie, out var value)) return null;
        http.Response.Cookies.Delete(Cookie);
        try
        {
            var kept = Protector.Unprotect(value, out _);
            return kept.StartsWith(operation + "\n", StringComparison.Ordinal) ? kept[(operation.Length + 1)..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
