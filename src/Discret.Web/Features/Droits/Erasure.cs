using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Rights;
using Discret.Web.Features.Journal;
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
/// </summary>
/// <remarks>
/// Answers Ok once erased; <see cref="ResultStatus.Refused"/> when an open follow-up kept the file (the request is then
/// closed as refused, saved); <see cref="ResultStatus.Conflict"/> when the request's state forbids it (nothing saved).
/// </remarks>
[AcrossFiles("the DPO executes an erasure request, reached by the request's id, on a file they do not follow")]
public sealed class Erasure(DiscretDbContext db, RequestAccess access, PersonFileContext files, AccessJournal journal, TimeProvider clock,
    ILogger<Erasure> logger)
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

        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async Task<Result> () =>
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
            await Conservation.PersonDeletion.DeleteAsync(db, [personId], ct);

            request.Close(RequestStatus.Traitee, RightsLabels.ErasureDoneAnswer, today, me);
            journal.Record(JournalAction.Suppression, personId, "effacement du dossier", reference: request.Id);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Result.Ok();
        });
        if (result.Succeeded)
        {
            files.Forget(personId);
            // The file's bytes leave the SQLite log before the DPO is told it is erased (PostgreSQL: the retention job's VACUUM).
            await Conservation.PersonDeletion.ReachDiskAsync(db, logger, vacuum: false, ct);
        }
        return result;
    }
}
