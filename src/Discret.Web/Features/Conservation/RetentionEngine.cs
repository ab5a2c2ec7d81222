using Discret.Web.Data;
using Discret.Web.Domain.Retention;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// The retention job (issue 8): executes the catalogue's retention rules in force. Work in progress: see the session notes.
/// </summary>
public sealed class RetentionEngine(DiscretDbContext db, TimeProvider clock)
{
    /// <summary>
    /// One run: takes the database lock (<see cref="JobLease.Retention"/>), writes the dry-run report, then, unless
    /// <paramref name="simulation"/>, archives, lists for elimination and deletes the approved batches.
    /// Null when another instance holds the lock.
    /// </summary>
    public Task<RetentionRun?> RunAsync(RunTrigger trigger, bool simulation, Guid? startedById = null, CancellationToken ct = default) =>
        throw new NotImplementedException();
}
