using System.Collections.Concurrent;
using System.Diagnostics;
using Discret.Domain.Accounts;
using Discret.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Connexion;

/// <summary>
/// What makes a failed login look the same whether the login names an account or not: the failures counted per typed
/// login (in memory, whether an account exists or not), the progressive delay taken from that count and measured from
/// the start of the request, and a password hash checked even when there is no account to check it against.
/// </summary>
public sealed class LoginAttempts(TimeProvider clock, IOptions<SecuritySettings> security)
{
    /// <summary>Beyond this many typed logins remembered, the forgotten ones are dropped (the rate limits stay).</summary>
    private const int MaxRemembered = 50_000;

    private sealed record Failures(int Count, DateTimeOffset Last);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private string? _dummyHash;

    /// <summary>
    /// Checks the password against a hash of a random password made by the same hasher with the same settings, when
    /// there is no account (or no usable one): the answer then costs what a wrong password costs.
    /// </summary>
    public void CheckAgainstNoAccount(IPasswordHasher<StaffAccount> hasher, string password)
    {
        _dummyHash ??= hasher.HashPassword(null!, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        hasher.VerifyHashedPassword(null!, _dummyHash, password);
    }

    /// <summary>Counts one more failure for the typed login; its answer waits <see cref="SecuritySettings.FailureDelay"/> of that count.</summary>
    public int Failed(string login)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count > MaxRemembered) Forget(now);
        return _failures.AddOrUpdate(login, _ => new Failures(1, now),
            (_, f) => Expired(f, now) ? new Failures(1, now) : new Failures(f.Count + 1, now)).Count;
    }

    public void Succeeded(string login) => _failures.TryRemove(login, out _);

    /// <summary>Waits until the failure's delay has passed since the request started: the work done meanwhile (hash,
    /// journal, lockout) is inside the delay, so its cost does not show.</summary>
    public Task WaitAfterFailureAsync(long startedAt, int failures, CancellationToken ct)
    {
        var left = security.Value.FailureDelay(failures) - Stopwatch.GetElapsedTime(startedAt);
        return left > TimeSpan.Zero ? Task.Delay(left, ct) : Task.CompletedTask;
    }

    private bool Expired(Failures f, DateTimeOffset now) => now - f.Last > security.Value.LockoutDuration;

    private void Forget(DateTimeOffset now)
    {
        foreach (var (login, f) in _failures)
            if (Expired(f, now)) _failures.TryRemove(login, out _);
        if (_failures.Count > MaxRemembered) _failures.Clear();
    }
}
