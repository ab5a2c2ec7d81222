using Discret.Data;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Discret.Web.Security.Secrets;

/// <summary>
/// Identity's EF store, with the two second-factor secrets sealed in <c>AspNetUserTokens</c> instead of kept in clear:
/// <list type="bullet">
/// <item>the TOTP seed (authenticator key) is encrypted by Data Protection (<see cref="SealedSecrets.ProtectSeed"/>),
/// whose keys are themselves encrypted by the key-encryption certificate outside the database;</item>
/// <item>each recovery code is hashed (PBKDF2 with a salt per code, Identity's password hasher) and removed once used.</item>
/// </list>
/// Everything else — and every caller: <c>UserManager.ResetAuthenticatorKeyAsync</c>, <c>GenerateNewTwoFactorRecoveryCodesAsync</c>,
/// <c>RedeemTwoFactorRecoveryCodeAsync</c>, <c>ReplaceCodesAsync</c> — is Identity's, unchanged.
/// </summary>
public sealed class SealedUserStore(DiscretDbContext context, SealedSecrets secrets, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<StaffAccount, DiscretDbContext, Guid>(context, describer)
{
    /// <summary>
    /// Identity's update; when another request changed the account meanwhile (its concurrency stamp), the account is read
    /// again, so that the unit of work is clean for what follows (the journal's entry of the attempt) and a caller may
    /// apply its change again (<see cref="DiscretUserManager.AccessFailedAsync"/>).
    /// </summary>
    public override async Task<IdentityResult> UpdateAsync(StaffAccount user, CancellationToken cancellationToken = default)
    {
        var result = await base.UpdateAsync(user, cancellationToken);
        if (!result.Succeeded && result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            await Context.Entry(user).ReloadAsync(cancellationToken);
        return result;
    }

    public override async Task SetAuthenticatorKeyAsync(StaffAccount user, string key, CancellationToken cancellationToken)
    {
        // A new seed (enrolment, confirmed reset): the steps accepted under the former one no longer count. The step is
        // written by its own statements only (never by Identity's update of the whole account: it could carry a stale value).
        await Context.Users.Where(a => a.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.TotpLastStep, (long?)null), cancellationToken);
        await SetTokenAsync(user, SealedSecrets.LoginProvider, SealedSecrets.AuthenticatorKey, secrets.ProtectSeed(key), cancellationToken);
    }

    public override async Task<string?> GetAuthenticatorKeyAsync(StaffAccount user, CancellationToken cancellationToken) =>
        secrets.UnprotectSeed(await GetTokenAsync(user, SealedSecrets.LoginProvider, SealedSecrets.AuthenticatorKey, cancellationToken));

    public override Task ReplaceCodesAsync(StaffAccount user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, SealedSecrets.LoginProvider, SealedSecrets.RecoveryCodes, secrets.HashCodes(user, recoveryCodes), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(StaffAccount user, string code, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, SealedSecrets.LoginProvider, SealedSecrets.RecoveryCodes, cancellationToken);
        if (secrets.Redeem(user, stored, code) is not { } remaining) return false;
        // Saved with the account by UserManager (one SaveChanges, guarded by the account's concurrency stamp: two
        // requests spending the same code at once cannot both succeed).
        await SetTokenAsync(user, SealedSecrets.LoginProvider, SealedSecrets.RecoveryCodes, remaining, cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(StaffAccount user, CancellationToken cancellationToken) =>
        SealedSecrets.CountCodes(await GetTokenAsync(user, SealedSecrets.LoginProvider, SealedSecrets.RecoveryCodes, cancellationToken));
}

/// <summary>
/// The format of the sealed second-factor secrets, written once for the store and for the sealing of older rows
/// (<see cref="SecondFactorSealing"/>). A seed is stored as <c>dp1:</c> + Data Protection's output under the purpose
/// <see cref="SeedPurpose"/>; recovery codes as <c>pbkdf2:</c> + their hashes joined by <c>;</c>. A value without its prefix
/// was written in clear by an earlier version: still read, and sealed at the next start.
/// </summary>
public sealed class SealedSecrets(IDataProtectionProvider dataProtection)
{
    /// <summary>
    /// Identity's PBKDF2 (HMAC-SHA-512, a salt per code) at 10,000 iterations: a code has about 47 bits of entropy (10
    /// random characters of 26), so a stolen hash still costs decades of GPU time to guess, and checking one typed code
    /// against ten hashes costs what one password check costs (100,000 iterations).
    /// </summary>
    private static readonly PasswordHasher<StaffAccount> Hasher = new(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));

    public const string LoginProvider = "[AspNetUserStore]", AuthenticatorKey = "AuthenticatorKey", RecoveryCodes = "RecoveryCodes";
    public const string SeedPurpose = "Discret.SecondFactor.TotpSeed.v1";
    private const string SealedSeed = "dp1:", HashedCodes = "pbkdf2:";

    private readonly IDataProtector _seeds = dataProtection.CreateProtector(SeedPurpose);

    public string ProtectSeed(string key) => SealedSeed + _seeds.Protect(key);

    public string? UnprotectSeed(string? stored) =>
        stored is null ? null : IsSealedSeed(stored) ? _seeds.Unprotect(stored[SealedSeed.Length..]) : stored;

    public static bool IsSealedSeed(string stored) => stored.StartsWith(SealedSeed, StringComparison.Ordinal);

    /// <summary>Codes are compared as typed by a person: case and spaces do not matter.</summary>
    public static string Normalize(string code) => code.Replace(" ", "").Trim().ToUpperInvariant();

    public string HashCodes(StaffAccount user, IEnumerable<string> codes)
    {
        var hashes = codes.Select(c => Hasher.HashPassword(user, Normalize(c))).ToList();
        return hashes.Count == 0 ? "" : HashedCodes + string.Join(';', hashes);
    }

    public static bool AreHashedCodes(string stored) => stored.Length == 0 || stored.StartsWith(HashedCodes, StringComparison.Ordinal);

    /// <summary>The stored value without the code, when it held it; null when it did not.</summary>
    public string? Redeem(StaffAccount user, string? stored, string code)
    {
        if (string.IsNullOrEmpty(stored)) return null;
        code = Normalize(code);
        if (!AreHashedCodes(stored))
        {
            var clear = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
            var found = clear.FindIndex(c => Normalize(c) == code);
            if (found < 0) return null;
            clear.RemoveAt(found);
            return HashCodes(user, clear);
        }
        var hashes = stored[HashedCodes.Length..].Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var match = hashes.FindIndex(h => Hasher.VerifyHashedPassword(user, h, code) != PasswordVerificationResult.Failed);
        if (match < 0) return null;
        hashes.RemoveAt(match);
        return hashes.Count == 0 ? "" : HashedCodes + string.Join(';', hashes);
    }

    public static int CountCodes(string? stored) =>
        string.IsNullOrEmpty(stored) ? 0
        : (AreHashedCodes(stored) ? stored[HashedCodes.Length..] : stored).Split(';', StringSplitOptions.RemoveEmptyEntries).Length;
}
