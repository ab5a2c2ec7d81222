using Discret.Web.Shared;
using Discret.Web.Security;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Retention;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Conservation;

public sealed class RetentionJobSettings
{
    /// <summary>Whether this instance runs the job every night (several instances may: the database lock elects one).</summary>
    public bool Nightly { get; set; } = true;
    /// <summary>Paris time of the nightly run.</summary>
    public TimeOnly NightlyAt { get; set; } = new(2, 30);
    /// <summary>Files deleted per transaction: each file goes whole or not at all, and an interrupted run loses at most one chunk of work.</summary>
    public int ChunkSize { get; set; } = 2000;
    /// <summary>How long the database lock holds without renewal (renewed at every step and after every chunk; a run that finds it lost stops).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>Longest a single statement of the job may take.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// The retention job (issue 8): executes the catalogue's retention rules in force (<see cref="RetentionSettings.AllInForceAsync"/>),
/// every night and on demand. One run: takes the database lock (one instance at a time), writes the dry-run report
/// first (what would be archived, listed for elimination, deleted, kept by a hold, counts per rule and circonscription),
/// then, unless a simulation: clears past appointments; moves files past their active period to the intermediate
/// archive (when the rule has one) or lists them for elimination; lists closed follow-ups and rights requests past
/// their time; and deletes the batches the archives service approved (anonymous statistics kept first), one chunk of
/// files per transaction, so that a run cut short leaves nothing half-deleted and the next run finishes the work; then
/// makes the deletions reach the disk (<see cref="PersonDeletion.ReachDiskAsync"/>: the SQLite log checkpointed and cut,
/// PostgreSQL's tables vacuumed) before it reports the run done. Everything done is journaled as facts and counts, never data, in the name of whoever started the run.
/// The run renews its lease at every step and after every chunk; a run that finds the lease lost (it outlasted it and
/// another instance took the lock) stops there, its report saying it was interrupted, so two instances never delete at once.
/// </summary>
[AcrossFiles("the retention job: applies the rules in force to every file, as counts in its report")]
public sealed partial class RetentionEngine(DiscretDbContext db, RetentionSettings settings, AccessJournal journal, JobLock jobLock, TimeProvider clock,
    IOptions<RetentionJobSettings> options, ErasureLedger ledger, ErasureReplay replay, ILogger<RetentionEngine> logger)
{
    private RetentionJobSettings Options => options.Value;
    private JournalActor? _startedBy;

    /// <summary>Null when another instance holds the lock.</summary>
    /// <param name="startedBy">Who asked for the run (the DPO), named in the run and its journal entries; null for the night and the command line.</param>
    public async Task<RetentionRun?> RunAsync(RunTrigger trigger, bool simulation, JournalActor? startedBy = null, CancellationToken ct = default)
    {
        _startedBy = startedBy;
        var holder = await jobLock.TryTakeAsync(JobLease.Retention, Options.Lease, ct);
        if (holder is null) return null;
        // Set-based statements over a département's files (marking 300,000 rows) outlast the 30 s meant for pages.
        db.Database.SetCommandTimeout(Options.CommandTimeout);
        var done = new List<RunLine>();
        RetentionRun? run = null;
        try
        {
            // Holding the lock, no other run is going on: one still "in progress" was cut short (a power cut, a killed process).
            await db.RetentionRuns.Where(r => r.Outcome == RunOutcome.EnCours)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, RunOutcome.Interrompue), ct);
            // Saved at once, so the console shows the run in progress, and a run cut short can be marked so.
            var started = new RetentionRun(trigger, simulation, startedBy?.AccountId, Now);
            started.Progress(RunStep.Simulation, []);
            db.RetentionRuns.Add(started);
            await db.SaveChangesAsync(ct);
            run = started;
            var criteria = new RetentionCriteria(db, (await settings.AllInForceAsync(ct)).Rules, ParisTime.Today(clock), Now);
            run.Plan(await PlanAsync(criteria, ct));
            await db.SaveChangesAsync(ct);
            if (!simulation)
            {
                await ReplayLedgerAsync(ct);
                await StepAsync(run, RunStep.EffacementRendezVous, done, holder, ct);
                done.AddRange(await ClearAppointmentsAsync(criteria, ct));
                done.AddRange(await DeleteTasksAsync(criteria, ct));
                done.AddRange(await DeleteRectifiedValuesAsync(criteria, ct));
                done.AddRange(await DeleteMandatesAsync(criteria, ct));
                await StepAsync(run, RunStep.Archivage, done, holder, ct);
                done.AddRange(await ArchiveAsync(criteria, ct));
                await StepAsync(run, RunStep.Bordereau, done, holder, ct);
                done.AddRange(await ListForEliminationAsync(criteria, ct));
                await StepAsync(run, RunStep.Suppression, done, holder, ct);
                await ExecuteApprovedAsync(criteria, run, done, holder, ct);
                // Before the run says it is done: what it deleted, and what erasures deleted since, leaves the disk too.
                await PersonDeletion.ReachDiskAsync(db, logger, vacuum: true, ct);
            }
            run.Finish(Merge(done), RunOutcome.Terminee, Now);
            await db.SaveChangesAsync(ct);
            return run;
        }
        catch (LeaseLostException) when (run is not null)
        {
            // Another instance holds the lock now: stop before doing anything more. What was committed stays committed.
            await FinishInterruptedAsync(run, done);
            return run;
        }
        catch when (run is not null)
        {
            // What was committed stays committed; the report says the run stopped, and the next run finishes the work.
            await FinishInterruptedAsync(run, done);
            throw;
        }
        finally
        {
            await jobLock.ReleaseAsync(JobLease.Retention, holder, CancellationToken.None);
        }
    }

    /// <summary>
    /// Erasures of the ledger missing from the database (a restore) are done again first (<see cref="ErasureReplay"/>), unless
    /// the journal ends before its seals: then <c>after-restore</c> must set them aside first, and the start refuses meanwhile.
    /// </summary>
    private async Task ReplayLedgerAsync(CancellationToken ct)
    {
        if ((await replay.DueAsync(ct)).Due.Count == 0)
        {
            await ledger.PruneAsync(ct);
            return;
        }
        if (await replay.JournalCutAsync(ct) is not null)
        {
            LogReplayWaits(logger);
            return;
        }
        await replay.ReplayAsync(reachDisk: false, ct);
        db.ChangeTracker.Clear();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Erasures of the ledger are missing from the database, but the journal ends before its seals: run after-restore; nothing replayed.")]
    private static partial void LogReplayWaits(ILogger logger);

    private async Task FinishInterruptedAsync(RetentionRun run, List<RunLine> done)
    {
        db.ChangeTracker.Clear();
        db.RetentionRuns.Attach(run);
        run.Finish(Merge(done), RunOutcome.Interrompue, Now);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Thrown when the run's lease was lost: caught by <see cref="RunAsync"/>, which stops the run.</summary>
    private sealed class LeaseLostException : Exception;

    /// <summary>Checks the run still holds the lock (renewing its lease), then records the step it starts and what it has done so far.</summary>
    private async Task StepAsync(RetentionRun run, RunStep step, List<RunLine> done, string holder, CancellationToken ct)
    {
        await KeepLeaseAsync(holder, ct);
        run.Progress(step, Merge(done));
        await db.SaveChangesAsync(ct);
    }

    private async Task KeepLeaseAsync(string holder, CancellationToken ct)
    {
        if (!await jobLock.RenewAsync(JobLease.Retention, holder, Options.Lease, ct)) throw new LeaseLostException();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The dry run: what this run would do, counted by rule and circonscription.</summary>
    private async Task<List<RunLine>> PlanAsync(RetentionCriteria c, CancellationToken ct)
    {
        var lines = new List<RunLine>();
        async Task Count(IQueryable<Guid> circonscriptions, string rule, RunAction action) =>
            lines.AddRange(await ByCirconscription(circonscriptions, rule, action, ct));
        var file = c.File.Code;
        await Count(c.AppointmentsDue.Select(f => f.CirconscriptionId), c.Appointment.Code, RunAction.EffacementRendezVous);
        await Count(c.TasksDue.Select(t => t.CirconscriptionId), c.Task.Code, RunAction.Suppression);
        await Count(c.RectifiedValuesDueCirconscriptions, c.RectifiedValue.Code, RunAction.Suppression);
        await Count(c.MandatesDueCirconscriptions, c.Mandate.Code, RunAction.Suppression);
        await Count(c.ActiveDue.Select(p => p.CirconscriptionId), file, c.ArchivesFiles ? RunAction.Archivage : RunAction.AjoutAuBordereau);
        await Count(c.ArchiveDue.Select(p => p.CirconscriptionId), file, RunAction.AjoutAuBordereau);
        await Count(c.HeldDue.Select(p => p.CirconscriptionId), file, RunAction.Gel);
        await Count(c.Stale.Select(p => p.CirconscriptionId), file, RunAction.AExaminer);
        await Count(c.FollowUpsDue.Select(f => f.CirconscriptionId), c.FollowUp.Code, RunAction.AjoutAuBordereau);
        await Count(c.RequestsDue.Select(r => r.CirconscriptionId), c.Request.Code, RunAction.AjoutAuBordereau);
        foreach (var batch in await db.EliminationBatches.AsNoTracking().Where(b => b.Status == BatchStatus.Vise).ToListAsync(ct))
        {
            var b = batch.Id;
            var persons = c.PersonsNoLongerDue(b).Select(p => p.Id);
            var followUps = c.FollowUpsNoLongerDue(b).Select(f => f.Id);
            var requests = c.RequestsNoLongerDue(b).Select(r => r.Id);
            await Count(db.Persons.Where(p => p.EliminationBatchId == b && !persons.Contains(p.Id)).Select(p => p.CirconscriptionId), file, RunAction.Suppression);
            await Count(db.FollowUps.Where(f => f.EliminationBatchId == b && !followUps.Contains(f.Id)).Select(f => f.CirconscriptionId), c.FollowUp.Code, RunAction.Suppression);
            await Count(db.RightsRequests.Where(r => r.EliminationBatchId == b && !requests.Contains(r.Id)).Select(r => r.CirconscriptionId), c.Request.Code, RunAction.Suppression);
        }
        return Merge(lines);
    }

    private static List<RunLine> Merge(IEnumerable<RunLine> lines) =>
        lines.GroupBy(l => (l.Rule, l.Action, l.CirconscriptionId)).Select(g => new RunLine(g.Key.Rule, g.Key.Action, g.Key.CirconscriptionId, g.Sum(l => l.Count)))
            .OrderBy(l => l.Rule).ThenBy(l => l.Action).ToList();

    private async Task<List<RunLine>> ByCirconscription(IQueryable<Guid> circonscriptions, string rule, RunAction action, CancellationToken ct) =>
        (await circonscriptions.GroupBy(id => id).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(x => new RunLine(rule, action, x.Key, x.Count)).ToList();

    /// <summary>Appointments of the agenda are kept 3 months after their date (the rule "rendez-vous"), then deleted.</summary>
    private Task<List<RunLine>> ClearAppointmentsAsync(RetentionCriteria c, CancellationToken ct) =>
        DeleteOutrightAsync(c.AppointmentsDue, c.AppointmentsDue.Select(f => f.CirconscriptionId), c.Appointment.Code, RunAction.EffacementRendezVous,
            n => $"{n} rendez-vous passés effacés", ct);

    /// <summary>Tasks past their time (rule "tache") are deleted outright: a task is no evidence, nothing goes to an elimination list.</summary>
    private Task<List<RunLine>> DeleteTasksAsync(RetentionCriteria c, CancellationToken ct) =>
        DeleteOutrightAsync(c.TasksDue, c.TasksDue.Select(t => t.CirconscriptionId), c.Task.Code, RunAction.Suppression, n => $"{n} tâches supprimées", ct);

    /// <summary>Values replaced by a rectification (rule "valeur-rectifiee") are deleted outright once the delays of a dispute are over.</summary>
    private Task<List<RunLine>> DeleteRectifiedValuesAsync(RetentionCriteria c, CancellationToken ct) =>
        DeleteOutrightAsync(c.RectifiedValuesDue, c.RectifiedValuesDueCirconscriptions, c.RectifiedValue.Code, RunAction.Suppression,
            n => $"{n} valeurs remplacées par une rectification supprimées", ct);

    /// <summary>
    /// Mandates past their time (rule "mandat", 5 years after their end): deleted with their authorisations and the
    /// procedures done under them, whether the file is still there or not; the procedures first (they reference an
    /// authorisation), then the mandates (their authorisations go with them). Counted and journaled with their number.
    /// </summary>
    private async Task<List<RunLine>> DeleteMandatesAsync(RetentionCriteria c, CancellationToken ct)
    {
        await using var transaction = await db.BeginJournaledTransactionAsync(ct);
        var lines = await ByCirconscription(c.MandatesDueCirconscriptions, c.Mandate.Code, RunAction.Suppression, ct);
        var due = c.MandatesDue.Select(m => m.Id);
        var actions = await db.MandateActions.Where(a => due.Contains(a.MandateId)).ExecuteDeleteAsync(ct);
        var deleted = await c.MandatesDue.ExecuteDeleteAsync(ct);
        if (deleted > 0)
            journal.Record(JournalAction.Suppression, detail: $"conservation : {deleted} mandats supprimés, avec {actions} démarches faites sous mandat", actor: _startedBy);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return lines;
    }

    /// <summary>
    /// Rows that are no evidence, deleted as soon as they are due, without an elimination list: counted by circonscription
    /// for the run's report, deleted, and journaled with their count (« conservation : … »), in one transaction.
    /// </summary>
    private async Task<List<RunLine>> DeleteOutrightAsync<T>(IQueryable<T> due, IQueryable<Guid> circonscriptions, string rule, RunAction action,
        Func<int, string> detail, CancellationToken ct)
    {
        await using var transaction = await db.BeginJournaledTransactionAsync(ct);
        var lines = await ByCirconscription(circonscriptions, rule, action, ct);
        var deleted = await due.ExecuteDeleteAsync(ct);
        if (deleted > 0) journal.Record(JournalAction.Suppression, detail: "conservation : " + detail(deleted), actor: _startedBy);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return lines;
    }

    /// <summary>Files past their active period go to the intermediate archive, when the rule has one.</summary>
    private async Task<List<RunLine>> ArchiveAsync(RetentionCriteria c, CancellationToken ct)
    {
        if (!c.ArchivesFiles) return [];
        await using var transaction = await db.BeginJournaledTransactionAsync(ct);
        var lines = await ByCirconscription(c.ActiveDue.Select(p => p.CirconscriptionId), c.File.Code, RunAction.Archivage, ct);
        var today = c.Today;
        var archived = await c.ActiveDue.ExecuteUpdateAsync(s => s.SetProperty(p => p.ArchivedOn, today), ct);
        if (archived > 0) journal.Record(JournalAction.Archivage, detail: $"conservation : {archived} dossiers passés en archive intermédiaire", actor: _startedBy);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return lines;
    }

    /// <summary>Rows past their time join the elimination list in preparation (created when needed).</summary>
    private async Task<List<RunLine>> ListForEliminationAsync(RetentionCriteria c, CancellationToken ct)
    {
        await using var transaction = await db.BeginJournaledTransactionAsync(ct);
        var lines = new List<RunLine>();
        if (!c.ArchivesFiles) lines.AddRange(await ByCirconscription(c.ActiveDue.Select(p => p.CirconscriptionId), c.File.Code, RunAction.AjoutAuBordereau, ct));
        lines.AddRange(await ByCirconscription(c.ArchiveDue.Select(p => p.CirconscriptionId), c.File.Code, RunAction.AjoutAuBordereau, ct));
        lines.AddRange(await ByCirconscription(c.FollowUpsDue.Select(f => f.CirconscriptionId), c.FollowUp.Code, RunAction.AjoutAuBordereau, ct));
        lines.AddRange(await ByCirconscription(c.RequestsDue.Select(r => r.CirconscriptionId), c.Request.Code, RunAction.AjoutAuBordereau, ct));
        if (lines.Count == 0) return [];

        var batch = await db.EliminationBatches.FirstOrDefaultAsync(b => b.Status == BatchStatus.EnPreparation, ct);
        // Locks the batch's row until this transaction ends, so that the DPO's submission waits and then freezes a list
        // that includes these rows; a batch submitted in between is left alone and a new one started.
        if (batch is not null && await EliminationBatches.LockInPreparationAsync(db, batch.Id, ct) == 0) batch = null;
        if (batch is null)
        {
            var number = (await db.EliminationBatches.MaxAsync(b => (int?)b.Number, ct) ?? 0) + 1;
            db.EliminationBatches.Add(batch = new EliminationBatch(number, Now));
            await db.SaveChangesAsync(ct);
        }
        var id = batch.Id;
        // Follow-ups first: their criterion looks at the files, which the next statements mark.
        var followUps = await c.FollowUpsDue.ExecuteUpdateAsync(s => s.SetProperty(f => f.EliminationBatchId, id), ct);
        var requests = await c.RequestsDue.ExecuteUpdateAsync(s => s.SetProperty(r => r.EliminationBatchId, id), ct);
        var files = await c.ArchiveDue.ExecuteUpdateAsync(s => s.SetProperty(p => p.EliminationBatchId, id), ct);
        if (!c.ArchivesFiles) files += await c.ActiveDue.ExecuteUpdateAsync(s => s.SetProperty(p => p.EliminationBatchId, id), ct);
        journal.Record(JournalAction.Archivage, detail: $"conservation : bordereau n° {batch.Number} en préparation, {files} dossiers, {followUps} accompagnements clos, {requests} demandes ajoutés", reference: id, actor: _startedBy);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return lines;
    }

    /// <summary>
    /// Deletes the batches approved by the archives service: rows that the rules in force no longer let go leave the
    /// batch; the anonymous statistics are kept (once); then files go a chunk per transaction, closed follow-ups and
    /// requests after them. Resumes where an interrupted run stopped. Each chunk commits with the run's progress and
    /// adds its lines to <paramref name="done"/>; the lease is renewed after each, and the run stops at once if it was lost.
    /// </summary>
    private async Task ExecuteApprovedAsync(RetentionCriteria c, RetentionRun run, List<RunLine> done, string holder, CancellationToken ct)
    {
        var batches = await db.EliminationBatches.Where(b => b.Status == BatchStatus.Vise).OrderBy(b => b.Number).ToListAsync(ct);
        foreach (var batch in batches)
        {
            var id = batch.Id;
            await c.PersonsNoLongerDue(id).ExecuteUpdateAsync(s => s.SetProperty(p => p.EliminationBatchId, (Guid?)null), ct);
            await c.FollowUpsNoLongerDue(id).ExecuteUpdateAsync(s => s.SetProperty(f => f.EliminationBatchId, (Guid?)null), ct);
            await c.RequestsNoLongerDue(id).ExecuteUpdateAsync(s => s.SetProperty(r => r.EliminationBatchId, (Guid?)null), ct);

            if (batch.AggregatedAt is null)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await AnonymousStatistics.KeepAsync(db, id, ct);
                batch.MarkAggregated(Now);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }

            while (true)
            {
                var chunk = await db.Persons.Where(p => p.EliminationBatchId == id).OrderBy(p => p.Id)
                    .Select(p => new { p.Id, p.CirconscriptionId }).Take(Options.ChunkSize).ToListAsync(ct);
                if (chunk.Count == 0) break;
                var lines = chunk.GroupBy(p => p.CirconscriptionId).Select(g => new RunLine(c.File.Code, RunAction.Suppression, g.Key, g.Count())).ToList();
                await using var transaction = await db.BeginJournaledTransactionAsync(ct);
                var ids = chunk.Select(p => p.Id).ToList();
                var deleted = await PersonDeletion.DeleteAsync(db, ids, ct);
                journal.Record(JournalAction.Suppression, detail: $"conservation : {deleted} dossiers supprimés (bordereau n° {batch.Number})", reference: id, actor: _startedBy);
                run.Progress(RunStep.Suppression, Merge(done.Concat(lines)));
                await db.SaveChangesAsync(ct);
                // In the erasure ledger before the commit, so that a restore from an older backup deletes them again.
                await ledger.AppendAsync(new LedgerLine(Guid.NewGuid(), LedgerKind.Elimination, Now, Batch: id, Persons: ids), ct);
                await transaction.CommitAsync(ct);
                done.AddRange(lines);
                await KeepLeaseAsync(holder, ct);
            }

            await using (var transaction = await db.BeginJournaledTransactionAsync(ct))
            {
                var lines = new List<RunLine>();
                lines.AddRange(await ByCirconscription(db.FollowUps.Where(f => f.EliminationBatchId == id).Select(f => f.CirconscriptionId), c.FollowUp.Code, RunAction.Suppression, ct));
                lines.AddRange(await ByCirconscription(db.RightsRequests.Where(r => r.EliminationBatchId == id).Select(r => r.CirconscriptionId), c.Request.Code, RunAction.Suppression, ct));
                var followUpIds = await db.FollowUps.Where(f => f.EliminationBatchId == id).Select(f => f.Id).ToListAsync(ct);
                var requestIds = await db.RightsRequests.Where(r => r.EliminationBatchId == id).Select(r => r.Id).ToListAsync(ct);
                var followUps = await db.FollowUps.Where(f => f.EliminationBatchId == id).ExecuteDeleteAsync(ct);
                var requests = await db.RightsRequests.Where(r => r.EliminationBatchId == id).ExecuteDeleteAsync(ct);
                batch.MarkExecuted(Now);
                journal.Record(JournalAction.Suppression,
                    detail: $"conservation : bordereau n° {batch.Number} exécuté ({followUps} accompagnements clos, {requests} demandes supprimés)", reference: id, actor: _startedBy);
                run.Progress(RunStep.Suppression, Merge(done.Concat(lines)));
                await db.SaveChangesAsync(ct);
                if (followUpIds.Count + requestIds.Count > 0)
                    await ledger.AppendAsync(new LedgerLine(Guid.NewGuid(), LedgerKind.Elimination, Now, Batch: id, FollowUps: followUpIds, Requests: requestIds), ct);
                await transaction.CommitAsync(ct);
                done.AddRange(lines);
            }
            await KeepLeaseAsync(holder, ct);
        }
    }
}
