using Discret.Data;
using Discret.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Discret.Web.Security.Sessions;

/// <summary>
/// The open sessions of staff (<see cref="ServerSession"/>): started at each sign-in, checked on every authenticated
/// request, ended at logout. One indexed lookup per request and no cache, so that a session ended on one instance is
/// refused by every other at once.
/// </summary>
public sealed class ServerSessions(DiscretDbContext db, IServiceScopeFactory scopes, TimeProvider clock, IOptions<SecuritySettings> security)
{
    /// <summary>The open session, or null when it was ended, has reached its absolute end, or belongs to another account.</summary>
    public async Task<ServerSession?> FindOpenAsync(Guid sessionId, Guid accountId, CancellationToken ct)
    {
        var session = await db.ServerSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        return session is not null && session.IsOpenFor(accountId, clock.GetUtcNow().UtcDateTime) ? session : null;
    }

    /// <summary>
    /// Opens a session for a sign-in, and ends the one the request came with. A renewal within a session (new password,
    /// charter accepted, second factor enrolled) keeps its absolute end; a new sign-in starts a full one.
    /// </summary>
    /// <param name="replacing">The request's session, ended by this sign-in.</param>
    /// <param name="keepEnd">A renewal of that session (same account, same ticket): the new one keeps its absolute end.</param>
    public async Task<ServerSession> StartAsync(Guid accountId, ServerSession? replacing, bool keepEnd)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var inherited = keepEnd && replacing?.AccountId == accountId ? replacing.EndsAt : (DateTime?)null;
        var session = new ServerSession(accountId, now, inherited ?? now + security.Value.AbsoluteLifetime);
        // A unit of work of its own: the page's pending changes, if any, are not saved with it.
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
        own.ServerSessions.Add(session);
        await own.SaveChangesAsync();
        if (replacing is not null) await own.ServerSessions.Where(s => s.Id == replacing.Id).ExecuteDeleteAsync();
        return session;
    }

    public Task EndAsync(Guid sessionId) => db.ServerSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync();

    /// <summary>Deletes the sessions past their absolute end (those ended otherwise are already gone).</summary>
    public Task<int> PurgeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.ServerSessions.Where(s => s.EndsAt <= now).ExecuteDeleteAsync(ct);
    }
}

/// <summary>Every hour, the sessions past their absolute end are deleted.</summary>
public sealed class ServerSessionPurge(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ServerSessionPurge> logger)
    : Shared.PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);
    protected override string? LeaseName => Discret.Domain.Retention.JobLease.Sessions;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<ServerSessions>().PurgeAsync(ct);
}
