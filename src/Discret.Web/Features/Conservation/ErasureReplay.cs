using Discret.Web.Security;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Web.Features.Droits;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Conservation;

/// <summary>What a replay of the erasure ledger did: files, closed follow-ups and requests deleted again, requests closed.</summary>
public sealed record ReplayOutcome(int Erasures, int Files, int FollowUps, int Requests, int RejectedLines)
{
    public static readonly ReplayOutcome Nothing = new(0, 0, 0, 0, 0);
    public bool Any => Erasures + Files + FollowUps + Requests > 0;
}

/// <summary>The journal ends before its seals: a database restored (or its journal cut) and <c>after-restore</c> not yet run.</summary>
public sealed record JournalCut(long Head, long SealedUpTo);

/// <summary>
/// Thrown at start when erasures must be replayed on a database whose journal ends before its seals: replaying would
/// append entries over the seals of the lost ones; <c>after-restore</c> sets those seals aside first.
/// </summary>
public sealed class RestoreNotCompletedException(string message) : InvalidOperationException(message);

/// <summary>
/// Brings the database back to the erasure ledger (<see cref="ErasureLedger"/>): after a restore from a backup older than
/// some erasures, the files erased since (by the DPO, art. 17, or by the retention job under an approved batch) are in the
/// database again; the replay deletes them again through the same code as the first time
/// (<see cref="Erasure.EraseFileAsync"/>, <see cref="PersonDeletion.DeleteAsync"/>), closes the erasure requests still open
/// as answered on the day they were, and journals each replay as <see cref="JournalAction.Suppression"/> without content.
/// Idempotent: what is no longer in the database is not due. Runs at every start (<see cref="ErasureReplayAtStart"/>),
/// at the start of every retention run, and in <c>after-restore</c>.
/// </summary>
[AcrossFiles("re-executes, by opaque id, the erasures the ledger recorded and a restored database no longer reflects; no one's view of a file")]
public sealed partial class ErasureReplay(DiscretDbContext db, ErasureLedger ledger, AccessJournal journal, JournalAnchors anchors,
    ILogger<ErasureReplay> logger)
{
    public const string ReplayedErasure = "effacement rejoué après une restauration (registre des effacements)";
    private const int Chunk = 2000;

    /// <summary>The ledger's entries still to be replayed (their rows still in the database), and how many lines did not verify.</summary>
    public async Task<(IReadOnlyList<LedgerLine> Due, int Rejected)> DueAsync(CancellationToken ct = default)
    {
        var (lines, rejected) = await ledger.ReadAsync(ct);
        if (lines.Count == 0) return ([], rejected.Count);
        var abandoned = lines.Where(l => l.Abandoned).Select(l => l.Entry).ToHashSet();
        var entries = lines.Where(l => !l.Abandoned && !abandoned.Contains(l.Entry)).GroupBy(l => l.Entry).Select(g => g.First()).ToList();
        var persons = await ExistingAsync(entries.SelectMany(e => e.Persons ?? []), ids => db.Persons.Where(p => ids.Contains(p.Id)).Select(p => p.Id), ct);
        var followUps = await ExistingAsync(entries.SelectMany(e => e.FollowUps ?? []), ids => db.FollowUps.Where(f => ids.Contains(f.Id)).Select(f => f.Id), ct);
        var requestIds = entries.SelectMany(e => e.Requests ?? []).Concat(entries.Where(e => e.Kind == LedgerKind.Effacement && e.Request is not null).Select(e => e.Request!.Value));
        var requests = await ExistingAsync(requestIds, ids => db.RightsRequests.Where(r => ids.Contains(r.Id)).Select(r => r.Id), ct);
        var openRequests = await ExistingAsync(requestIds, ids => db.RightsRequests.Where(r => ids.Contains(r.Id) && r.Status == Domain.Rights.RequestStatus.EnCours).Select(r => r.Id), ct);
        var due = entries.Where(e => (e.Persons ?? []).Any(persons.Contains) || (e.FollowUps ?? []).Any(followUps.Contains) || (e.Requests ?? []).Any(requests.Contains)
            || (e.Kind == LedgerKind.Effacement && e.Request is { } r && openRequests.Contains(r))).ToList();
        return (due, rejected.Count);
    }

    private static async Task<HashSet<Guid>> ExistingAsync(IEnumerable<Guid> ids, Func<List<Guid>, IQueryable<Guid>> query, CancellationToken ct)
    {
        var found = new HashSet<Guid>();
        foreach (var chunk in ids.Distinct().Chunk(Chunk))
            found.UnionWith(await query(chunk.ToList()).ToListAsync(ct));
        return found;
    }

    /// <summary>The journal's head is behind an authentic seal (restored, or cut): null when it is not.</summary>
    public async Task<JournalCut?> JournalCutAsync(CancellationToken ct = default)
    {
        var head = await db.JournalHeads.AsNoTracking().SingleAsync(ct);
        var beyond = anchors.List().Where(a => a.Authentic && a.Seq > head.Seq).Select(a => a.Seq).DefaultIfEmpty().Max();
        return beyond > head.Seq ? new JournalCut(head.Seq, beyond) : null;
    }

    /// <summary>
    /// Replays every due entry, one transaction each (a chunk of files at a time for the retention job's), then prunes the
    /// lines no backup can need any more. <paramref name="reachDisk"/>: make the deletions reach the disk before returning
    /// (false when the caller, the retention job, does it at its end).
    /// </summary>
    public async Task<ReplayOutcome> ReplayAsync(bool reachDisk = true, CancellationToken ct = default)
    {
        var (due, rejected) = await DueAsync(ct);
        var outcome = ReplayOutcome.Nothing with { RejectedLines = rejected };
        foreach (var entry in due)
            outcome = entry.Kind == LedgerKind.Effacement ? outcome with { Erasures = outcome.Erasures + await ReplayErasureAsync(entry, ct) }
                : await ReplayEliminationAsync(entry, outcome, ct);
        if (outcome.Any)
        {
            LogReplayed(logger, outcome.Erasures, outcome.Files, outcome.FollowUps, outcome.Requests);
            if (reachDisk) await PersonDeletion.ReachDiskAsync(db, logger, vacuum: true, ct);
        }
        await ledger.PruneAsync(ct);
        return outcome;
    }

    private async Task<int> ReplayErasureAsync(LedgerLine entry, CancellationToken ct)
    {
        var personId = entry.Persons?.FirstOrDefault() ?? Guid.Empty;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.BeginJournaledTransactionAsync(ct);
            var request = entry.Request is { } r ? await db.RightsRequests.FirstOrDefaultAsync(x => x.Id == r, ct) : null;
            var present = await db.Persons.AnyAsync(p => p.Id == personId, ct);
            if (!present && request is not { IsOpen: true }) return 0; // done meanwhile (another instance)
            await Erasure.EraseFileAsync(db, journal, personId, request, ParisTime.DayOf(entry.At), entry.By ?? Guid.Empty, ReplayedErasure, null, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return 1;
        });
    }

    private async Task<ReplayOutcome> ReplayEliminationAsync(LedgerLine entry, ReplayOutcome outcome, CancellationToken ct)
    {
        var persons = entry.Persons ?? [];
        var followUpIds = (entry.FollowUps ?? []).ToList();
        var requestIds = (entry.Requests ?? []).ToList();
        await using var transaction = await db.BeginJournaledTransactionAsync(ct);
        var files = 0;
        foreach (var chunk in persons.Chunk(Chunk)) files += await PersonDeletion.DeleteAsync(db, chunk, ct);
        var followUps = followUpIds.Count == 0 ? 0 : await db.FollowUps.Where(f => followUpIds.Contains(f.Id)).ExecuteDeleteAsync(ct);
        var requests = requestIds.Count == 0 ? 0 : await db.RightsRequests.Where(r => requestIds.Contains(r.Id)).ExecuteDeleteAsync(ct);
        journal.Record(JournalAction.Suppression,
            detail: $"conservation : {files} dossiers, {followUps} accompagnements clos, {requests} demandes supprimés de nouveau après une restauration (registre des effacements)",
            reference: entry.Batch);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return outcome with { Files = outcome.Files + files, FollowUps = outcome.FollowUps + followUps, Requests = outcome.Requests + requests };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasure ledger replayed: {Erasures} erasure(s), {Files} file(s), {FollowUps} closed follow-up(s), {Requests} request(s) deleted again.")]
    private static partial void LogReplayed(ILogger logger, int erasures, int files, int followUps, int requests);
}

/// <summary>
/// At every start, before anything is served: the erasures of the ledger missing from the database are replayed
/// (<see cref="ErasureReplay"/>), so that a file erased before a restore is never served again. When erasures are due and
/// the journal ends before its seals (a restore whose <c>after-restore</c> was not run), Discret refuses to start and
/// says what to do. Any other failure (the database not reachable yet) is logged and the start goes on: the next
/// retention run replays.
/// </summary>
public sealed partial class ErasureReplayAtStart(IServiceScopeFactory scopes, ILogger<ErasureReplayAtStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var replay = scope.ServiceProvider.GetRequiredService<ErasureReplay>();
        try
        {
            var (due, _) = await replay.DueAsync(cancellationToken);
            if (due.Count == 0) return;
            if (await replay.JournalCutAsync(cancellationToken) is { } cut)
                throw new RestoreNotCompletedException(
                    $"Démarrage refusé : la base semble restaurée (le journal s'arrête au n° {cut.Head}, ses scellements vont jusqu'au n° {cut.SealedUpTo}) "
                    + $"et {due.Count} effacement(s) du registre des effacements doivent être refaits. Lancez d'abord « dotnet Discret.Web.dll after-restore » "
                    + "(il met de côté les scellements des entrées perdues, puis refait les effacements), puis relancez (docs/operations.md, § 4).");
            await replay.ReplayAsync(ct: cancellationToken);
        }
        catch (Exception e) when (e is not RestoreNotCompletedException and not OperationCanceledException)
        {
            LogFailed(logger, e.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The erasure ledger could not be replayed at start ({Type}); the next retention run replays it.")]
    private static partial void LogFailed(ILogger logger, string type);
}
