using Discret.Web.Features.Journal;
using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Security;

/// <summary>
/// What one account may read and write of one person's file, derived from the catalogue's group grants.
/// <see cref="BreakGlassId"/> is set when the access comes from a running break-glass access ("accès exceptionnel");
/// <see cref="PaperOnlySince"/> when the person refused computerisation (the file is then a minimal record);
/// <see cref="RestrictedSince"/> when the processing is limited at the person's request (art. 18: consultation only).
/// </summary>
public sealed record PersonAccessView(Guid PersonId, Guid AccountId, StaffRole Role, bool SameCirconscription, bool Assigned,
    IReadOnlySet<FieldGroup> Readable, IReadOnlySet<FieldGroup> Writable, Guid? BreakGlassId = null, DateOnly? PaperOnlySince = null,
    DateOnly? RestrictedSince = null)
{
    public bool IsRestricted => RestrictedSince is not null;
    public bool CanRead(FieldGroup group) => Readable.Contains(group);
    public bool CanWrite(FieldGroup group) => Writable.Contains(group);
    public bool IsPaperOnly => PaperOnlySince is not null;

    /// <summary>Whether the file's state (paper only, limited) leaves <paramref name="group"/> open to writes: the rule
    /// <see cref="PersonAccess.StateAllowsWrite"/>, for writes that no grant decides (tasks: author, assignee, team).</summary>
    public bool StateAllowsWrite(FieldGroup group) => PersonAccess.StateAllowsWrite(group, PaperOnlySince, RestrictedSince);

    /// <summary>
    /// An API endpoint's parameter: the file of the route's <c>{id}</c>, resolved through the request's
    /// <see cref="PersonFileContext"/>; null when the file does not exist for the account (the use case answers 404).
    /// </summary>
    public static async ValueTask<PersonAccessView?> BindAsync(HttpContext http) =>
        Guid.TryParse(http.Request.RouteValues["id"]?.ToString(), out var id)
            ? await http.RequestServices.GetRequiredService<PersonFileContext>().PersonAsync(id)
            : null;
}

/// <summary>
/// The one authorization point for a person's file. An account reaches a person through its circonscription or
/// through an assignment (referent or co-worker of an open follow-up); the catalogue says which field groups each
/// role gets through each. No group readable means the file does not exist for that account (404).
/// </summary>
[AcrossFiles("the one authorization point: decides which files an account reaches (PersonFileContext asks it once per file and request)")]
public sealed class PersonAccess(DiscretDbContext db, AccessJournal journal, TimeProvider clock, RunningBreakGlass running, ReachedFileState fileState)
{
    public static IReadOnlySet<FieldGroup> Groups(StaffRole role, bool sameCirconscription, bool assigned, bool write)
    {
        var set = new HashSet<FieldGroup>();
        foreach (var grant in DataCatalogue.Grants)
        {
            var map = write ? grant.Write : grant.Read;
            if (map.TryGetValue(role, out var scope) && (scope == Scope.Circonscription ? sameCirconscription || assigned : assigned))
                set.Add(grant.Group);
        }
        return set;
    }

    /// <summary>True when the role can see anything at all through its circonscription (reception, secretariat, RC).</summary>
    public static bool ReachesByCirconscription(StaffRole role) =>
        DataCatalogue.Grants.Any(g => g.Read.TryGetValue(role, out var s) && s == Scope.Circonscription);

    public static bool ReachesByAssignment(StaffRole role) =>
        DataCatalogue.Grants.Any(g => g.Read.TryGetValue(role, out var s) && s == Scope.Assigned);

    /// <summary>Persons for whom the account holds an open follow-up, as referent or co-worker.</summary>
    /// <remarks>
    /// Written as two parts joined by UNION ALL (referent; co-worker) rather than one OR: each part is then an index
    /// range scan (follow_ups by referent, follow_up_members by account), where the OR made the database walk every
    /// open follow-up. At département scale that is ~1 ms instead of ~150 ms for each search.
    /// </remarks>
    public IQueryable<Guid> AssignedPersonIds(Guid accountId) =>
        db.FollowUps.Where(f => f.ReferentId == accountId && f.Status == FollowUpStatus.Ouvert).Select(f => f.PersonId)
            .Concat(db.FollowUpMembers.Where(m => m.StaffAccountId == accountId)
                .Join(db.FollowUps.Where(f => f.Status == FollowUpStatus.Ouvert), m => m.FollowUpId, f => f.Id, (m, f) => f.PersonId));

    /// <summary>The query filter every list of persons starts from: lists cannot leak what the account may not read.
    /// Files out of daily work (<see cref="Person.InDailyWork"/>: archived, or listed for elimination) are out of every list.</summary>
    public IQueryable<Person> VisiblePersons(ClaimsPrincipal user) => VisibleAmongAll(user).Where(Person.InDailyWork);

    private IQueryable<Person> VisibleAmongAll(ClaimsPrincipal user)
    {
        var role = user.Role();
        if (role is null) return db.Persons.Where(_ => false);
        var me = user.AccountId();
        var circonscription = user.CirconscriptionId();
        var byCirconscription = ReachesByCirconscription(role.Value);
        var byAssignment = ReachesByAssignment(role.Value);
        if (!byCirconscription && !byAssignment) return db.Persons.Where(_ => false);
        var assigned = AssignedPersonIds(me);
        return byCirconscription
            ? db.Persons.Where(p => p.CirconscriptionId == circonscription || (byAssignment && assigned.Contains(p.Id)))
            : db.Persons.Where(p => assigned.Contains(p.Id));
    }

    /// <summary>What a running break-glass access opens: the groups of an assigned social worker, never the private notes.</summary>
    public static IReadOnlySet<FieldGroup> BreakGlassGroups(bool write) =>
        Groups(StaffRole.TravailleurSocial, sameCirconscription: true, assigned: true, write).Where(g => g != FieldGroup.NotesPersonnelles).ToHashSet();

    /// <summary>
    /// What is left of a file once the person refused computerisation: the minimal record (identity, circonscription,
    /// referent and team, appointments) and the proof that the person's rights were respected (information, requests).
    /// Every other group is closed to every role, whatever its grants, until the person accepts computerisation again.
    /// </summary>
    public static readonly IReadOnlySet<FieldGroup> PaperOnlyGroups =
        new HashSet<FieldGroup> { FieldGroup.Identite, FieldGroup.Equipe, FieldGroup.RendezVous, FieldGroup.Information, FieldGroup.Droits };

    private static IReadOnlySet<FieldGroup> Restrict(IReadOnlySet<FieldGroup> groups, DateOnly? paperOnlySince) =>
        paperOnlySince is null ? groups : groups.Where(PaperOnlyGroups.Contains).ToHashSet();

    /// <summary>
    /// What may still be written of a file whose processing is limited (art. 18): only what proves the person's rights
    /// were respected (information given, rights requests). Nothing else is modified or shared, whatever the role's
    /// grants, until the DPO lifts the limitation.
    /// </summary>
    public static readonly IReadOnlySet<FieldGroup> RestrictedWritableGroups = new HashSet<FieldGroup> { FieldGroup.Information, FieldGroup.Droits };

    /// <summary>
    /// The one statement of what a file's state leaves open to writes: a minimal record (paper only) takes writes on
    /// <see cref="PaperOnlyGroups"/> only, a limited file on <see cref="RestrictedWritableGroups"/> only. The grants decide
    /// the rest (<see cref="Writable"/>); writes that no grant decides (tasks, a worker marking the appointment she receives)
    /// ask this directly.
    /// </summary>
    public static bool StateAllowsWrite(FieldGroup group, DateOnly? paperOnlySince, DateOnly? restrictedSince) =>
        (paperOnlySince is null || PaperOnlyGroups.Contains(group)) && (restrictedSince is null || RestrictedWritableGroups.Contains(group));

    private static IReadOnlySet<FieldGroup> Writable(IReadOnlySet<FieldGroup> groups, Reach person) =>
        groups.Where(g => StateAllowsWrite(g, person.PaperOnlySince, person.RestrictedSince)).ToHashSet();

    /// <summary>
    /// Working notes (<see cref="FieldGroup.NotesPersonnelles"/>) belong to their author and no grant reaches them: whoever
    /// reads a follow-up's content may keep notes on it — decided here, with every other write, so that a file whose
    /// processing is limited or that went back to paper takes no new note either. Never through a break-glass access.
    /// </summary>
    private static IReadOnlySet<FieldGroup> WithNotes(IReadOnlySet<FieldGroup> writable, IReadOnlySet<FieldGroup> readable, Reach person) =>
        readable.Contains(FieldGroup.Accompagnement) && person.RestrictedSince is null && person.PaperOnlySince is null
            ? writable.Append(FieldGroup.NotesPersonnelles).ToHashSet()
            : writable;

    private sealed record Reach(Guid CirconscriptionId, bool Assigned, Guid? BreakGlassId, DateOnly? PaperOnlySince, DateOnly? RestrictedSince);

    // Compiled once (EF.CompileAsyncQuery): this check runs before every read of a file, and translating the LINQ on
    // each call was a measurable part of its cost (bench/README.md, scenario c).

    /// <summary>
    /// Same rule as AssignedPersonIds, asked of this one person's follow-ups (found by the PersonId index) rather than
    /// by listing every person the account is assigned to; in the same round trip, the account's running break-glass
    /// access to this person, if any.
    /// </summary>
    private static readonly Func<DiscretDbContext, Guid, Guid, DateTime, Task<Reach?>> AssignmentQuery = EF.CompileAsyncQuery(
        (DiscretDbContext db, Guid personId, Guid me, DateTime now) => db.Persons.AsNoTracking().Where(p => p.Id == personId).Where(Person.InDailyWork)
            .Select(p => new Reach(p.CirconscriptionId, db.FollowUps.Any(f => f.PersonId == p.Id && f.Status == FollowUpStatus.Ouvert
                && (f.ReferentId == me || f.Team.Any(m => m.StaffAccountId == me))),
                db.BreakGlassAccesses.Where(b => b.AccountId == me && b.PersonId == p.Id && b.StartedAt <= now && b.ExpiresAt > now)
                    .OrderByDescending(b => b.ExpiresAt).Select(b => (Guid?)b.Id).FirstOrDefault(), p.PaperOnlySince, p.RestrictedSince))
            .FirstOrDefault());

    private static readonly Func<DiscretDbContext, Guid, Task<Reach?>> CirconscriptionQuery = EF.CompileAsyncQuery(
        (DiscretDbContext db, Guid personId) => db.Persons.AsNoTracking().Where(p => p.Id == personId).Where(Person.InDailyWork)
            .Select(p => new Reach(p.CirconscriptionId, false, null, p.PaperOnlySince, p.RestrictedSince)).FirstOrDefault());

    /// <summary>
    /// The account's access to one person, or null when it has none (answer 404). Only <see cref="PersonFileContext"/>
    /// calls it (a test checks): use cases receive the view it resolved once for the request. A file out of daily work
    /// (<see cref="Person.InDailyWork"/>: in the intermediate archive, or listed for elimination once its active period is
    /// over) is absent for every role, without a refusal journaled: the DPO consults it through its own pages
    /// (<c>Features/Conservation/ArchiveConsultation</c>, the elimination lists), never through the file. Asking for a file that exists but
    /// is out of reach is journaled (<see cref="Domain.Journal.JournalAction.AccesRefuse"/>), unless
    /// <paramref name="journalRefusal"/> is false (the app checking where to send the user, not the user asking).
    /// </summary>
    public async Task<PersonAccessView?> ForAsync(ClaimsPrincipal user, Guid personId, bool journalRefusal = true)
    {
        var role = user.Role();
        if (role is null) return null;
        // One round trip: the person's circonscription and, for roles that reach persons by assignment, whether the account is assigned.
        var me = user.AccountId();
        var person = ReachesByAssignment(role.Value)
            ? await AssignmentQuery(db, personId, me, clock.GetUtcNow().UtcDateTime)
            : await CirconscriptionQuery(db, personId);
        if (person is null) return null;
        var sameCirconscription = person.CirconscriptionId == user.CirconscriptionId();
        var assigned = person.Assigned;
        // Break-glass: a social worker of the person's circonscription, not assigned, with a running access (never another role or circonscription).
        if (role == StaffRole.TravailleurSocial && sameCirconscription && !assigned && person.BreakGlassId is { } breakGlassId)
        {
            running.Id = breakGlassId;
            Remember(person);
            return new PersonAccessView(personId, me, role.Value, sameCirconscription, false, Restrict(BreakGlassGroups(write: false), person.PaperOnlySince),
                Writable(BreakGlassGroups(write: true), person), breakGlassId, person.PaperOnlySince, person.RestrictedSince);
        }
        var readable = Restrict(Groups(role.Value, sameCirconscription, assigned, write: false), person.PaperOnlySince);
        if (readable.Count == 0)
        {
            if (journalRefusal) await journal.WriteAsync(Domain.Journal.JournalAction.AccesRefuse, personId);
            return null;
        }
        Remember(person);
        return new PersonAccessView(personId, me, role.Value, sameCirconscription, assigned, readable,
            WithNotes(Writable(Groups(role.Value, sameCirconscription, assigned, write: true), person), readable, person), PaperOnlySince: person.PaperOnlySince,
            RestrictedSince: person.RestrictedSince);
    }

    /// <summary>For the API's answer to a refusal on a file this request does reach (<see cref="FileStateAnswer"/>).</summary>
    private void Remember(Reach person)
    {
        fileState.PaperOnlySince = person.PaperOnlySince;
        fileState.RestrictedSince = person.RestrictedSince;
    }
}

/// <summary>The break-glass access through which this request reached a file, if any (for the banner on the page).</summary>
public sealed class RunningBreakGlass
{
    public Guid? Id { get; set; }
}

/// <summary>
/// Set by <see cref="PersonAccess"/> when this request reached a file whose state forbids some writes: the person
/// refused computerisation, or the processing is limited (art. 18). The API then answers a refusal on that file as a
/// conflict that says why (<see cref="FileStateAnswer"/>), not as a 404.
/// </summary>
public sealed class ReachedFileState
{
    public DateOnly? PaperOnlySince { get; set; }
    public DateOnly? RestrictedSince { get; set; }
}
