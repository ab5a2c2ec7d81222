using Discret.Data;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Discret.Web.Security.SecondFactor;

/// <summary>
/// The TOTP check, wherever a code is asked (second factor at login, enrolment — every caller of
/// <c>VerifyTwoFactorTokenAsync</c> with Identity's authenticator provider, whose name this provider takes).
/// Identity's own provider accepts a code of up to two steps (90 s) either side, as many times as it is typed. Here:
/// <list type="bullet">
/// <item>RFC 6238 (SHA-1, 6 digits, 30 s) computed by Otp.NET on the injected clock, with a window of one step either
/// side for a phone whose clock drifts;</item>
/// <item>a code is accepted once: its step must be later than the last step accepted for the account, which is recorded
/// by one conditional update, so a replayed code, a code of an earlier step, and two requests racing with one code
/// (only one updates the row) are all refused.</item>
/// </list>
/// </summary>
public sealed class SingleUseTotpProvider(DiscretDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<StaffAccount>
{
    public static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffAccount> manager, StaffAccount user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Codes come from the person's application, never from Discret.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<StaffAccount> manager, StaffAccount user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffAccount> manager, StaffAccount user)
    {
        if (token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, Window)) return false;
        var recorded = await db.Users
            .Where(a => a.Id == user.Id && (a.TotpLastStep == null || a.TotpLastStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.TotpLastStep, step));
        if (recorded == 0) return false;
        user.TotpStepAccepted(step);
        return true;
    }
}
