using Discret.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Discret.Web.Shared;

/// <summary>
/// Readiness (<c>/health/ready</c>, and <c>/health</c> as before) answers « ok » only when Discret can serve: the database
/// reachable, its schema complete (no migration pending) and the installation done (the département's settings exist:
/// written by <c>create-admin</c>, or by the demo data in the same transaction as the rest of it), and the journal
/// writable (<see cref="JournalWritableHealthCheck"/>). Otherwise « indisponible », with no detail (no version, no
/// connection string). Liveness (<c>/health/live</c>) says only that the process answers, so that a load balancer
/// restarts a hung instance but not one whose database is away.
/// </summary>
public sealed class DatabaseHealthCheck(DiscretDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken)) return HealthCheckResult.Unhealthy();
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any()) return HealthCheckResult.Unhealthy();
            return await db.DepartementSettings.AnyAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy();
        }
        catch (Exception)
        {
            return HealthCheckResult.Unhealthy();
        }
    }
}

/// <summary>
/// The journal can take an entry: without it no journaled request can succeed, so the instance is not ready. PostgreSQL:
/// not a standby, not read-only, and the application's role may insert into the journal. SQLite: a write transaction
/// can begin on the journal's head (a read-only file or folder fails), rolled back without writing.
/// </summary>
public sealed class JournalWritableHealthCheck(DiscretDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (db.Database.IsNpgsql())
            {
                var writable = await db.Database.SqlQueryRaw<bool>(
                    "SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AND has_table_privilege('journal_pending', 'INSERT') AND has_table_privilege('journal_entries', 'INSERT') AS \"Value\"")
                    .SingleAsync(cancellationToken);
                return writable ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy();
            }
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("UPDATE journal_head SET \"Seq\" = \"Seq\" WHERE 0 = 1", cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception)
        {
            return HealthCheckResult.Unhealthy();
        }
    }
}

public static class HealthEndpoint
{
    public static readonly HealthCheckOptions Options = new()
    {
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = (context, report) =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(report.Status == HealthStatus.Healthy ? "ok" : "indisponible");
        },
    };

    public const string Ready = "ready";

    /// <summary>What the readiness endpoints run: the checks tagged <see cref="Ready"/>.</summary>
    public static readonly HealthCheckOptions ReadyOptions = With(r => r.Tags.Contains(Ready));

    /// <summary>Liveness runs no check: the process answered.</summary>
    public static readonly HealthCheckOptions LiveOptions = With(_ => false);

    private static HealthCheckOptions With(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResultStatusCodes = Options.ResultStatusCodes,
        ResponseWriter = Options.ResponseWriter,
    };
}
