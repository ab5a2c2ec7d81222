using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Discret.Data;
using Discret.Domain.Idempotency;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Discret.Web.Shared.Idempotency;

public sealed class IdempotencySettings
{
    /// <summary>How long a key and its answer are kept (and a retry answered from them).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long a request waits for an identical one already running before answering 409.</summary>
    public TimeSpan WaitForFirst { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A claim older than this without an answer belongs to a request that died with its process: it may be taken over.</summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>What <see cref="IdempotencyStore.ClaimAsync"/> found.</summary>
public enum ClaimOutcome
{
    /// <summary>The key is new (or was released): this request runs, then completes or releases it.</summary>
    Mine,
    /// <summary>The same request was answered already: answer the same.</summary>
    Answered,
    /// <summary>The key was used for another request (another address or body).</summary>
    OtherRequest,
    /// <summary>The same request is still running after the wait.</summary>
    StillRunning,
}

public sealed record Claim(ClaimOutcome Outcome, IdempotentRequest? First = null);

/// <summary>
/// The one store behind <see cref="IdempotencyKeyFilter"/> (API creates) and <see cref="OnceOnlyFormFilter"/> (forms).
/// Each operation uses a DbContext of its own, so that a claim is committed before the request's own work starts and a
/// failed insert (the key is taken) never lingers in the request's unit of work.
/// </summary>
public sealed class IdempotencyStore(IServiceScopeFactory scopes, TimeProvider clock, IDataProtectionProvider protection,
    IOptions<IdempotencySettings> settings)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Discret.Idempotency.Answer");

    /// <summary>SHA-256 (hex) of a key of a kind ("api", "form"): the key itself is never stored.</summary>
    public static string HashKey(string kind, string key) => Sha256(kind + "\n" + key);

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Takes the key for this request, or says who has it. Of two identical requests at the same time, the unique key lets
    /// one insert; the other waits (polling) until the first is answered, released or abandoned, or the wait is over.
    /// </summary>
    public async Task<Claim> ClaimAsync(Guid account, string keyHash, string fingerprint, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): a key already taken is the expected case of a retry,
            // not a failed INSERT that EF Core would log as a database error.
            var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO idempotency_keys (\"AccountId\", \"KeyHash\", \"Fingerprint\", \"CreatedAt\") VALUES ({account}, {keyHash}, {fingerprint}, {now}) ON CONFLICT DO NOTHING",
                ct);
            if (inserted == 1) return new Claim(ClaimOutcome.Mine);
            var first = await FindAsync(account, keyHash, ct);
            if (first is null)
            {
                // Released meanwhile: claim it again (a key that can be neither inserted nor read is a broken database).
                if (waited.Elapsed > settings.Value.WaitForFirst) throw new InvalidOperationException("The idempotency key could be neither claimed nor read.");
                continue;
            }
            if (first.Fingerprint != fingerprint) return new Claim(ClaimOutcome.OtherRequest, first);
            if (first.Completed) return new Claim(ClaimOutcome.Answered, first);
            if (now - first.CreatedAt > settings.Value.AbandonedAfter)
            {
                await ReleaseAsync(account, keyHash, first.CreatedAt);
                continue;
            }
            if (waited.Elapsed > settings.Value.WaitForFirst) return new Claim(ClaimOutcome.StillRunning, first);
            await Task.Delay(TimeSpan.FromMilliseconds(25), ct);
        }
    }

    /// <summary>Records the first answer (its body encrypted); later identical requests get it back.</summary>
    public async Task CompleteAsync(Guid account, string keyHash, int statusCode, string? location, string? contentType, byte[]? body)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
        var row = await db.Set<IdempotentRequest>().SingleOrDefaultAsync(r => r.AccountId == account && r.KeyHash == keyHash);
        if (row is null) return; // purged meanwhile: nothing to answer retries with
        var kept = body is { Length: > 0 and <= IdempotentRequest.MaxBodyLength } ? _protector.Protect(body) : null;
        row.Complete(statusCode, location, contentType, kept, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    /// <summary>Gives the key back (the request failed: nothing was created), so that a retry runs again.</summary>
    public async Task ReleaseAsync(Guid account, string keyHash, DateTime? claimedAt = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
        await db.Set<IdempotentRequest>()
            .Where(r => r.AccountId == account && r.KeyHash == keyHash && r.CompletedAt == null && (claimedAt == null || r.CreatedAt == claimedAt))
            .ExecuteDeleteAsync();
    }

    public byte[] BodyOf(IdempotentRequest answered) => answered.ProtectedBody is { } body ? _protector.Unprotect(body) : [];

    private async Task<IdempotentRequest?> FindAsync(Guid account, string keyHash, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
        return await db.Set<IdempotentRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.AccountId == account && r.KeyHash == keyHash, ct);
    }
}

/// <summary>Deletes the keys (and the answers kept with them) older than the retention window.</summary>
public sealed class IdempotencyPurge(DiscretDbContext db, IOptions<IdempotencySettings> settings)
{
    /// <returns>How many keys were deleted.</returns>
    public Task<int> RunAsync(DateTime now, CancellationToken ct = default)
    {
        var before = now - settings.Value.Retention;
        return db.Set<IdempotentRequest>().Where(r => r.CreatedAt < before).ExecuteDeleteAsync(ct);
    }
}

/// <summary>Runs <see cref="IdempotencyPurge"/> periodically (hourly by default).</summary>
public sealed class IdempotencyPurgeService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<IdempotencySettings> settings,
    ILogger<IdempotencyPurgeService> logger) : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Interval => settings.Value.PurgeInterval;
    protected override string? LeaseName => Discret.Domain.Retention.JobLease.Idempotency;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<IdempotencyPurge>().RunAsync(clock.GetUtcNow().UtcDateTime, ct);
}
