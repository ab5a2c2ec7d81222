using Discret.Data;
using Discret.Domain.Retention;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Shared;

/// <summary>
/// The database lock of a job (<see cref="JobLease"/>): one conditional UPDATE takes it when it is free or its lease has
/// run out, so of several instances starting together exactly one gets it (PostgreSQL re-checks the condition on the
/// row the winner committed; SQLite serialises writers). A holder that dies leaves a lease that expires. Taking and
/// releasing record the run (instance, start, end, outcome) for the DPO console.
/// </summary>
public sealed class JobLock(DiscretDbContext db, TimeProvider clock)
{
    public const string Running = "en cours", Done = "terminé", Failed = "échec", Lost = "interrompu";

    /// <summary>This instance, as the console names it: the machine and the process.</summary>
    public static string Instance => $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <returns>The holder's token, or null when another holder has the lock.</returns>
    public async Task<string?> TryTakeAsync(string name, TimeSpan lease, CancellationToken ct = default)
    {
        var holder = $"{Instance}/{Guid.NewGuid():N}";
        if (holder.Length > 100) holder = holder[^100..];
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + lease;
        var taken = await db.JobLeases.Where(l => l.Name == name && (l.Until == null || l.Until < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.Until, until)
                .SetProperty(l => l.LastHolder, holder).SetProperty(l => l.LastStartedAt, now)
                .SetProperty(l => l.LastEndedAt, (DateTime?)null).SetProperty(l => l.LastOutcome, Running), ct);
        return taken == 1 ? holder : null;
    }

    /// <summary>Extends the lease of a long run; false when the lock was lost (the lease ran out and another took it).</summary>
    public async Task<bool> RenewAsync(string name, string holder, TimeSpan lease, CancellationToken ct = default)
    {
        var until = clock.GetUtcNow().UtcDateTime + lease;
        return await db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, until), ct) == 1;
    }

    /// <summary>Whether some holder (on any instance) has the lock and its lease still runs.</summary>
    public Task<bool> IsHeldAsync(string name, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.JobLeases.AnyAsync(l => l.Name == name && l.Holder != null && l.Until >= now, ct);
    }

    /// <summary>Frees the lock and records how the run ended (on the row the holder still has; a lost lock records nothing).</summary>
    public Task ReleaseAsync(string name, string holder, CancellationToken ct = default, string outcome = Done)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.Until, (DateTime?)null)
                .SetProperty(l => l.LastEndedAt, now).SetProperty(l => l.LastOutcome, outcome), ct);
    }

    /// <summary>Records that a run which lost its lock stopped (on the row as its last run, if no one else has run since).</summary>
    public Task RecordLostAsync(string name, string holder, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.JobLeases.Where(l => l.Name == name && l.LastHolder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastEndedAt, now).SetProperty(l => l.LastOutcome, Lost), ct);
    }
}
