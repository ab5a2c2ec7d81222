using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Web.Security.SecondFactor;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Discret.Web.Security.Secrets;

/// <summary>
/// Secrets sealed at rest (issue 15 §2): what a copy of the database alone must not give — a second factor, a session.
/// <list type="bullet">
/// <item>The data-protection key ring stays in the database (shared by every instance) but each key is encrypted with
/// the key-encryption certificate (<see cref="KeyEncryptionCertificates"/>), a file the database does not hold.</item>
/// <item>TOTP seeds are encrypted by Data Protection, recovery codes hashed (<see cref="SealedUserStore"/>).</item>
/// <item>At start, what an earlier version left in clear is sealed (<see cref="KeyRingSealing"/>, <see cref="SecondFactorSealing"/>),
/// and a missing certificate stops the start with a clear message.</item>
/// <item>A TOTP code opens one session only, within one step either side (<see cref="SingleUseTotpProvider"/>), and a
/// recovery code counts as a failure when wrong and never opens a locked account (<see cref="DiscretSignInManager"/>).</item>
/// </list>
/// </summary>
public static class SecretsAtRest
{
    /// <summary>
    /// Reads the key-encryption certificates (refusing to go on without them) and encrypts the key ring with them: what
    /// <c>ProtectKeysWithCertificate</c> and <c>UnprotectKeysWithAnyCertificate</c> do, with Discret's rules for where the
    /// certificate comes from.
    /// </summary>
    public static IDataProtectionBuilder ProtectKeysWithKeyEncryptionCertificate(this IDataProtectionBuilder builder, IConfiguration configuration,
        IHostEnvironment environment)
    {
        var certificates = KeyEncryptionCertificates.Load(configuration, environment);
        builder.Services.AddSingleton(certificates);
        return builder.ProtectKeysWithCertificate(certificates.Current).UnprotectKeysWithAnyCertificate([.. certificates.All]);
    }

    /// <summary>Call after <c>AddIdentityCore(...).AddEntityFrameworkStores</c>: replaces the store, the authenticator
    /// provider and the sign-in manager, and seals at start what an earlier version left in clear.</summary>
    public static IServiceCollection AddSecretsAtRest(this IServiceCollection services)
    {
        services.AddScoped<SealedSecrets>();
        services.Replace(ServiceDescriptor.Scoped<IUserStore<StaffAccount>, SealedUserStore>());
        services.Configure<IdentityOptions>(o =>
            o.Tokens.ProviderMap[TokenOptions.DefaultAuthenticatorProvider] = new TokenProviderDescriptor(typeof(SingleUseTotpProvider)));
        services.AddTransient<SingleUseTotpProvider>();
        services.Replace(ServiceDescriptor.Scoped<SignInManager<StaffAccount>, DiscretSignInManager>());
        services.TryAddScoped<IPasskeyHandler<StaffAccount>, PasskeyHandler<StaffAccount>>();
        services.AddScoped<Passkeys>(); // passkeys as a second factor (SecondFactor/Passkeys.cs)
        services.Configure<IdentityPasskeyOptions>(Passkeys.Configure);

        services.AddScoped<KeyRingSealing>();
        services.AddScoped<SecondFactorSealing>();
        services.AddHostedService<SealAtStart>();
        return services;
    }

    /// <summary>Before the first request, nothing is left in clear.</summary>
    private sealed class SealAtStart(IServiceProvider services, ILogger<SealAtStart> log) : IHostedService
    {
        public async Task StartAsync(CancellationToken ct)
        {
            using var scope = services.CreateScope();
            var keys = await scope.ServiceProvider.GetRequiredService<KeyRingSealing>().SealAsync(ct);
            var secrets = await scope.ServiceProvider.GetRequiredService<SecondFactorSealing>().SealAsync(ct);
            if (keys + secrets > 0)
                log.LogInformation("Sealed at start: {Keys} data-protection keys, {Secrets} second-factor secrets", keys, secrets);
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}

/// <summary>Seals the TOTP seeds and recovery codes an earlier version stored in clear (once; then there are none).</summary>
public sealed class SecondFactorSealing(DiscretDbContext db, SealedSecrets secrets)
{
    public async Task<int> SealAsync(CancellationToken ct = default)
    {
        var tokens = await db.UserTokens
            .Where(t => t.LoginProvider == SealedSecrets.LoginProvider && (t.Name == SealedSecrets.AuthenticatorKey || t.Name == SealedSecrets.RecoveryCodes))
            .ToListAsync(ct);
        var clear = tokens.Where(t => t.Value is { Length: > 0 } v &&
            (t.Name == SealedSecrets.AuthenticatorKey ? !SealedSecrets.IsSealedSeed(v) : !SealedSecrets.AreHashedCodes(v))).ToList();
        if (clear.Count == 0) return 0;
        var ids = clear.Select(t => t.UserId).Distinct().ToList();
        var accounts = await db.Users.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var token in clear)
            token.Value = token.Name == SealedSecrets.AuthenticatorKey
                ? secrets.ProtectSeed(token.Value!)
                : secrets.HashCodes(accounts[token.UserId], token.Value!.Split(';', StringSplitOptions.RemoveEmptyEntries));
        await db.SaveChangesAsync(ct);
        return clear.Count;
    }
}
