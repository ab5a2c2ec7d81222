using Discret.Domain.Retention;
using Discret.Web.Security;
using System.Linq.Expressions;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Microsoft.EntityFrameworkCore.Query;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// What the retention rules in force say is past its time, on a given day: the one place where "expired" is defined.
/// The dry run counts these queries, the job marks and deletes through them, and a batch is checked against them again
/// before its rows go (so a new contact, a legal hold or a lengthened rule saves a row already listed).
/// </summary>
[AcrossFiles("the retention rules select expired data across every file")]
public sealed class RetentionCriteria
{
    private readonly DiscretDbContext _db;

    public RetentionCriteria(DiscretDbContext db, IReadOnlyList<RetentionRule> rulesInForce, DateOnly today, DateTime now)
    {
        _db = db;
        Today = today;
        File = rulesInForce.Single(r => r.Code == RetentionRule.DeuxAnsApresDernierContact.Code);
        FollowUp = rulesInForce.Single(r => r.Code == RetentionRule.DeuxAnsApresCloture.Code);
        Appointment = rulesInForce.Single(r => r.Code == RetentionRule.TroisMoisApresRendezVous.Code);
        Request = rulesInForce.Single(r => r.Code == RetentionRule.DemandeDeDroits.Code);
        ContactBefore = today.AddDays(-(int)File.Active.TotalDays);
        // Without an intermediate archive (any more), an archived file is due at once.
        ArchivedBefore = File.Archive is { } archive ? today.AddDays(-(int)archive.TotalDays) : today.AddDays(1);
        ClosedBefore = today.AddDays(-(int)FollowUp.Active.TotalDays);
        RequestClosedBefore = today.AddDays(-(int)Request.Active.TotalDays);
        AppointmentBefore = now - Appointment.Active;
        RectifiedValue = rulesInForce.Single(r => r.Code == RetentionRule.ValeurRectifiee.Code);
        RectifiedBefore = now - RectifiedValue.Active;
        // Tasks (issue 16 §3).
        Task = rulesInForce.Single(r => r.Code == RetentionRule.Tache.Code);
        TaskEndedBefore = today.AddDays(-(int)Task.Active.TotalDays);
        // Mandates (issue 19): they outlive the file, and go on their own clock.
        Mandate = rulesInForce.SingleOrDefault(r => r.Code == RetentionRule.Mandat.Code) ?? RetentionRule.Mandat;
        MandateEndedBefore = today.AddDays(-(int)Mandate.Active.TotalDays);
    }

    public RetentionRule Mandate { get; }
    /// <summary>A mandate that ended (its last day, or its revocation) before this day is past its time.</summary>
    public DateOnly MandateEndedBefore { get; }

    /// <summary>Mandates past their time: ended (<see cref="Domain.Mandates.Mandate.EndedOn"/>) for the rule's duration, whether
    /// the file still exists or not. A legal hold or a limitation on the person keeps them.</summary>
    public IQueryable<Domain.Mandates.Mandate> MandatesDue => _db.Mandates.Where(m =>
        (m.RevokedOn != null && m.RevokedOn < m.EndsOn ? m.RevokedOn.Value : m.EndsOn) < MandateEndedBefore && !Held.Contains(m.PersonId));

    /// <summary>The circonscription of each mandate due, through the account that prepared it (the file may be gone).</summary>
    public IQueryable<Guid> MandatesDueCirconscriptions =>
        from m in MandatesDue join a in _db.Users on m.CreatedById equals a.Id select a.CirconscriptionId;

    public RetentionRule RectifiedValue { get; }
    /// <summary>A value replaced by a rectification before this instant is past its time.</summary>
    public DateTime RectifiedBefore { get; }

    /// <summary>Values replaced by a rectification, past the delays of a dispute; a legal hold or a limitation keeps them.</summary>
    public IQueryable<Discret.Domain.Rights.RectifiedValue> RectifiedValuesDue =>
        _db.RectifiedValues.Where(v => v.RectifiedAt < RectifiedBefore && !Held.Contains(v.PersonId));

    /// <summary>The circonscription of each value due, through its request (for the run's counts).</summary>
    public IQueryable<Guid> RectifiedValuesDueCirconscriptions =>
        from v in RectifiedValuesDue join r in _db.RightsRequests on v.RightsRequestId equals r.Id select r.CirconscriptionId;

    public RetentionRule Task { get; }
    /// <summary>A task whose follow-up closed before this day (or, about no follow-up, due and done before it) is past its time.</summary>
    public DateOnly TaskEndedBefore { get; }

    /// <summary>Tasks past their time: on a follow-up closed for the rule's duration; about no follow-up, due and done for
    /// that long. A legal hold or a limitation on the task's file keeps them.</summary>
    public IQueryable<Discret.Domain.Tasks.WorkTask> TasksDue => _db.Tasks.Where(t =>
        (t.FollowUpId != null
            ? _db.FollowUps.Any(f => f.Id == t.FollowUpId && f.Status == FollowUpStatus.Clos && f.ClosedOn < TaskEndedBefore)
            : t.DueOn < TaskEndedBefore && (t.DoneOn == null || t.DoneOn < TaskEndedBefore))
        && (t.PersonId == null || !Held.Contains(t.PersonId.Value)));

    public DateOnly Today { get; }
    public RetentionRule File { get; }
    public RetentionRule FollowUp { get; }
    public RetentionRule Appointment { get; }
    public RetentionRule Request { get; }
    /// <summary>A file whose last contact is before this day has ended its active period.</summary>
    public DateOnly ContactBefore { get; }
    /// <summary>An archived file archived before this day has ended its time in the intermediate archive.</summary>
    public DateOnly ArchivedBefore { get; }
    public DateOnly ClosedBefore { get; }
    public DateOnly RequestClosedBefore { get; }
    public DateTime AppointmentBefore { get; }
    public bool ArchivesFiles => File.Archive is not null;

    /// <summary>Persons kept whatever their dates: under a legal hold today, or whose processing is limited at their
    /// request (art. 18: storage only, so not destruction either).</summary>
    public IQueryable<Guid> Held =>
        _db.LegalHolds.Where(LegalHold.InForce.For(Today)).Select(h => h.PersonId)
            .Concat(_db.Persons.Where(p => p.RestrictedSince != null).Select(p => p.Id));

    // "Past its time", stated once per kind of row. Every query below is built from these: the rows to archive or list,
    // the rows a hold keeps, and (negated) the rows that leave a batch before it is executed.

    /// <summary>An active file with no contact over the active period.</summary>
    private Expression<Func<Person, bool>> ActiveOver => p => p.ArchivedOn == null && p.LastContactOn < ContactBefore;

    /// <summary>An archived file over its time in the intermediate archive.</summary>
    private Expression<Func<Person, bool>> ArchiveOver => p => p.ArchivedOn != null && p.ArchivedOn < ArchivedBefore;

    /// <summary>No follow-up open: an open follow-up keeps the file whatever its dates (it is reported to be examined).</summary>
    private Expression<Func<Person, bool>> NoOpenFollowUp =>
        p => !_db.FollowUps.Any(f => f.PersonId == p.Id && f.Status == FollowUpStatus.Ouvert);

    /// <summary>A file past its time, active or archived (before any hold is considered).</summary>
    private Expression<Func<Person, bool>> FileOver => And(NoOpenFollowUp, Or(ActiveOver, ArchiveOver));

    private Expression<Func<FollowUp, bool>> FollowUpOver => f => f.Status == FollowUpStatus.Clos && f.ClosedOn < ClosedBefore;

    private Expression<Func<RightsRequest, bool>> RequestOver => r => r.Status != RequestStatus.EnCours && r.ClosedOn < RequestClosedBefore;

    private IQueryable<Person> NotListed => _db.Persons.Where(p => p.EliminationBatchId == null);

    /// <summary>Active files whose active period has ended (before any hold is considered).</summary>
    public IQueryable<Person> ActiveEnded => NotListed.Where(NoOpenFollowUp).Where(ActiveOver);

    /// <summary>Active files to archive (when the rule has an intermediate archive) or to list for elimination.</summary>
    public IQueryable<Person> ActiveDue => ActiveEnded.Where(p => !Held.Contains(p.Id));

    /// <summary>Archived files whose time in the archive has ended, not yet listed.</summary>
    public IQueryable<Person> ArchiveDue => NotListed.Where(NoOpenFollowUp).Where(ArchiveOver).Where(p => !Held.Contains(p.Id));

    /// <summary>Files past their time that a hold keeps (reported, never touched).</summary>
    public IQueryable<Person> HeldDue => NotListed.Where(FileOver).Where(p => Held.Contains(p.Id));

    /// <summary>Files with an open follow-up and no contact for longer than the active period: the follow-up should be
    /// closed or the contact recorded; the job touches nothing and reports them to be examined.</summary>
    public IQueryable<Person> Stale => _db.Persons.Where(ActiveOver).Where(Not(NoOpenFollowUp));

    /// <summary>Closed follow-ups past their time, of files that stay (a file that goes takes its follow-ups with it).</summary>
    public IQueryable<FollowUp> FollowUpsDue =>
        _db.FollowUps.Where(FollowUpOver).Where(f => f.EliminationBatchId == null
            && _db.Persons.Where(Person.InDailyWork).Any(p => p.Id == f.PersonId && p.LastContactOn >= ContactBefore)
            && !Held.Contains(f.PersonId));

    /// <summary>Closed rights requests past their time (kept as evidence of the answer until then).</summary>
    public IQueryable<RightsRequest> RequestsDue =>
        _db.RightsRequests.Where(RequestOver).Where(r => r.EliminationBatchId == null && !Held.Contains(r.PersonId));

    /// <summary>Appointments of the agenda past their time (3 months after their date), unless the file is held.</summary>
    public IQueryable<Discret.Domain.Agenda.Appointment> AppointmentsDue =>
        _db.Appointments.Where(a => a.StartsAt < AppointmentBefore && !Held.Contains(a.PersonId));

    /// <summary>Rows of a batch that the rules in force no longer let go (a new contact, a follow-up opened or reopened,
    /// a hold, a lengthened rule): they leave the batch before it is executed.</summary>
    public IQueryable<Person> PersonsNoLongerDue(Guid batchId) =>
        _db.Persons.Where(p => p.EliminationBatchId == batchId).Where(Or(p => Held.Contains(p.Id), Not(FileOver)));

    public IQueryable<FollowUp> FollowUpsNoLongerDue(Guid batchId) =>
        _db.FollowUps.Where(f => f.EliminationBatchId == batchId).Where(Or(f => Held.Contains(f.PersonId), Not(FollowUpOver)));

    public IQueryable<RightsRequest> RequestsNoLongerDue(Guid batchId) =>
        _db.RightsRequests.Where(r => r.EliminationBatchId == batchId).Where(Or(r => Held.Contains(r.PersonId), Not(RequestOver)));

    private static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> e) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(e.Body), e.Parameters);

    private static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Expression.Lambda<Func<T, bool>>(Expression.AndAlso(a.Body, ReplacingExpressionVisitor.Replace(b.Parameters[0], a.Parameters[0], b.Body)), a.Parameters);

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Expression.Lambda<Func<T, bool>>(Expression.OrElse(a.Body, ReplacingExpressionVisitor.Replace(b.Parameters[0], a.Parameters[0], b.Body)), a.Parameters);
}
