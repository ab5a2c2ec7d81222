using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Rights;
using Discret.Web.Features.Conservation;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Droits;

/// <summary>
/// The right to erasure (GDPR art. 17), executed by the DPO from an open erasure request. While a follow-up is open
/// the data are needed for the public-interest mission in progress (art. 17.3.b): the request is closed as refused
/// with that reason. Otherwise the person's file is deleted for real in one transaction — follow-ups, interviews,
/// working notes, information records, facts brought to knowledge, consents and sharings, break-glass accesses and
/// their notifications, the person, and the household once empty — journaled as <see cref="JournalAction.Suppression"/>
/// without content — and the deletion made to reach the disk before the answer (<see cref="Conservation.PersonDeletion.ReachDiskAsync"/>). The request stays in the register with the person's opaque id.
/// Before the transaction commits, the erasure is written to the erasure ledger (<see cref="ErasureLedger"/>, outside the
/// database), so that a database restored from an older backup is erased again at the next start (<see cref="ErasureReplay"/>);
/// when it then turns out not to have been committed, a second line says so and it is not replayed.
/// </summary>
/// <remarks>
/// Answers Ok once erased; <see cref="ResultStatus.Refused"/> when an open follow-up kept the file (the request is then
/// closed as refused, saved); <see cref="ResultStatus.Conflict"/> when the request's state forbids it (nothing saved).
/// </remarks>
[AcrossFiles("the DPO executes an erasure request, reached by the request's id, on a file they do not follow")]
public sealed class Erasure(DiscretDbContext db, RequestAccess access, PersonFileContext files, AccessJournal journal, TimeProvider clock,
    ErasureLedger ledger, ILogger<Erasure> logger)
{
    public const string RefusedTitle = "Effacement refusé";

    public async Task<Result> ExecuteAsync(ClaimsPrincipal user, Guid requestId, CancellationToken ct = default)
    {
        if (!RequestAccess.SeesWholeRegister(user)) return Result.NotFound();
        var request = await access.FindForChangeAsync(user, requestId, ct);
        if (request is null) return Result.NotFound();
        if (request.Kind != RightKind.Effacement) return Result.Conflict("Cette demande n'est pas une demande d'effacement.");
        if (!request.IsOpen) return Result.Conflict(RequestDecisions.ClosedMessage);
        var personId = request.PersonId;
        var today = ParisTime.Today(clock);
        var me = user.AccountId();

        // One ledger entry for this erasure, whichever attempt of the execution strategy commits it.
        var ledgered = new LedgerLine(Guid.NewGuid(), LedgerKind.Effacement, clock.GetUtcNow().UtcDateTime, Request: request.Id, By: me, Persons: [personId]);
        var written = false;
        async Task<Result> AttemptAsync()
        {
            await using var transaction = await db.BeginJournaledTransactionAsync(ct);
            var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null) return Result.Conflict("Le dossier de cette personne a déjà été effacé.");
            if (await db.FollowUps.AnyAsync(f => f.PersonId == personId && f.Status == FollowUpStatus.Ouvert, ct))
            {
                request.Close(RequestStatus.Refusee, RightsLabels.ErasureRefusedAnswer, today, me);
                journal.RecordWrite(personId, "effacement refusé", [FieldGroup.Droits], reference: request.Id);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return Result.Refused(RefusedTitle, RightsLabels.ErasureRefusedAnswer);
            }

            db.Entry(person).State = EntityState.Detached;
            await EraseFileAsync(db, journal, personId, request, today, me, "effacement du dossier", null, ct);
            await db.SaveChangesAsync(ct);
            // Written before the commit: an erasure committed is always in the ledger (a crash right after is replayed).
            await ledger.AppendAsync(ledgered, ct);
            written = true;
            await transaction.CommitAsync(ct);
            return Result.Ok();
        }

        Result result;
        try
        {
            result = await db.Database.CreateExecutionStrategy().ExecuteAsync(AttemptAsync);
        }
        catch when (written)
        {
            await AbandonIfNotCommittedAsync(ledgered, personId);
            throw;
        }
        if (written && !result.Succeeded) await AbandonIfNotCommittedAsync(ledgered, personId);
        if (result.Succeeded)
        {
            files.Forget(personId);
            // The file's bytes leave the SQLite log before the DPO is told it is erased (PostgreSQL: the retention job's VACUUM).
            await Conservation.PersonDeletion.ReachDiskAsync(db, logger, vacuum: false, ct);
        }
        return result;
    }

    /// <summary>
    /// The erasure of a file, shared by the DPO's erasure and its replay after a restore (<see cref="ErasureReplay"/>): the
    /// file deleted (<see cref="PersonDeletion.DeleteAsync"/>), the request closed as answered when it is still open, and
    /// the deletion journaled without content. The caller holds a journaled transaction, saves and commits.
    /// </summary>
    public static async Task EraseFileAsync(DiscretDbContext db, AccessJournal journal, Guid personId, RightsRequest? request, DateOnly on, Guid by,
        string detail, JournalActor? actor, CancellationToken ct)
    {
        await PersonDeletion.DeleteAsync(db, [personId], ct);
        if (request is { IsOpen: true }) request.Close(RequestStatus.Traitee, RightsLabels.ErasureDoneAnswer, on, by);
        journal.Record(JournalAction.Suppression, personId, detail, reference: request?.Id, actor: actor);
    }

    /// <summary>
    /// The ledger's line was written but the erasure failed or was refused on a later attempt: when the file is still there,
    /// nothing was committed, and a second line says so (it is not replayed). When that cannot be known (the database does
    /// not answer), the line stays: the replay completes the erasure the DPO asked for.
    /// </summary>
    private async Task AbandonIfNotCommittedAsync(LedgerLine line, Guid personId)
    {
        try
        {
            db.ChangeTracker.Clear();
            if (await db.Persons.AnyAsync(p => p.Id == personId))
                await ledger.AppendAsync(line with { Abandoned = true, At = clock.GetUtcNow().UtcDateTime });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("An erasure failed after its ledger line was written, and whether it was committed could not be checked ({Type}); the replay will complete it.", e.GetType().Name);
        }
    }
}
