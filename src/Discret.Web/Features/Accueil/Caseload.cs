using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Domain.Tasks;
using Discret.Web.Features.InformationDesPersonnes;
using Discret.Web.Features.Taches;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Accueil;

/// <summary>
/// « Mes accompagnements »: the signed-in social worker's own open follow-ups (referent or co-worker), never anyone
/// else's — the account is the one of the request, no parameter names another. Persons are taken from
/// <see cref="PersonAccess.VisiblePersons"/> (need-to-know, daily work only), so nothing is listed that she may not open.
/// Overdue items are the ones Discret computes today: the information notice not given after 30 days, the facts from a
/// third party not told within a month (<see cref="PersonInformation.PendingFactsAsync"/>), the rights requests past
/// their deadline, and the tasks about the person she sees (<see cref="WorkTasks.Visible"/>) past their due day. Journaled like a search: how many follow-ups were listed, never a name.
/// </summary>
/// <remarks>
/// A worker's open follow-ups are a bounded set (a caseload, at most some hundreds): their sort keys are read in one
/// query, sorted and filtered in memory, and cut after the cursor (the last follow-up of the previous page, an opaque
/// id that carries no personal data); the overdue items are then read for the persons of the page only.
/// </remarks>
[AcrossFiles("the signed-in worker's own open follow-ups, through PersonAccess.VisiblePersons")]
public sealed class Caseload(DiscretDbContext db, PersonAccess access, Reminders reminders, WorkTasks tasks, Journal.AccessJournal journal, TimeProvider clock)
{
    public const int PageSize = 50;

    public enum Sort { DernierContact, ProchainRendezVous, Nom }

    /// <summary>The page's GET parameters: the sort, the two filters, the cursor. None names or describes a person.</summary>
    public sealed record Query(Sort Sort = Sort.DernierContact, bool OverdueOnly = false, bool ReferentOnly = false, Guid? After = null);

    public sealed record Line(Guid FollowUpId, Guid PersonId, string Name, bool Referent, DateOnly LastContactOn, DateTime? NextAppointmentAt,
        IReadOnlyList<Overdue> Overdue);

    public sealed record Overdue(string What, DateOnly Deadline, string Href);

    public sealed record Page(IReadOnlyList<Line> Lines, Guid? Next, bool First, DateOnly Today);

    private sealed record Row(Guid FollowUpId, Guid PersonId, string? UsageName, string BirthName, string FirstNames, bool Referent,
        DateOnly LastContactOn, DateTime? NextAppointmentAt);

    /// <summary>Only a social worker has a caseload; any other role gets null (its own home).</summary>
    public async Task<Page?> ListAsync(ClaimsPrincipal user, Query query, CancellationToken ct)
    {
        if (user.Role() != StaffRole.TravailleurSocial) return null;
        var me = user.AccountId();
        var today = ParisTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var visible = access.VisiblePersons(user);
        // FollowUp.Involves as two index range scans joined by UNION ALL (referent; co-worker), as PersonAccess.AssignedPersonIds
        // does: one OR made the database walk every open follow-up of the département.
        var open = db.FollowUps.AsNoTracking().Where(f => f.Status == FollowUpStatus.Ouvert);
        var mine = open.Where(f => f.ReferentId == me).Select(f => new { f.Id, f.PersonId, f.ReferentId });
        if (!query.ReferentOnly)
            mine = mine.Concat(db.FollowUpMembers.Where(m => m.StaffAccountId == me)
                .Join(open, m => m.FollowUpId, f => f.Id, (m, f) => new { f.Id, f.PersonId, f.ReferentId }));
        var rows = (await (from f in mine
                           join p in visible on f.PersonId equals p.Id
                           select new Row(f.Id, p.Id, p.UsageName, p.BirthName, p.FirstNames, f.ReferentId == me, p.LastContactOn,
                               // Agenda (issue 16): the next appointment is the follow-up's first planned appointment from now.
                               db.Appointments.Where(a => a.FollowUpId == f.Id && a.Status == Discret.Domain.Agenda.AppointmentStatus.Prevu && a.StartsAt >= now).Min(a => (DateTime?)a.StartsAt)))
            .ToListAsync(ct)).DistinctBy(r => r.FollowUpId).ToList();

        IEnumerable<Row> candidates = rows;
        Dictionary<Guid, List<Overdue>>? overdue = null;
        if (query.OverdueOnly)
        {
            overdue = await OverdueAsync(user, rows.Select(r => r.PersonId).Distinct().ToList(), today, ct);
            candidates = rows.Where(r => overdue.ContainsKey(r.PersonId));
        }
        var ordered = Order(candidates, query.Sort).ToList();
        var start = query.After is { } after ? ordered.FindIndex(r => r.FollowUpId == after) + 1 : 0;
        var page = ordered.Skip(start).Take(PageSize + 1).ToList();
        var next = page.Count > PageSize ? page[PageSize - 1].FollowUpId : (Guid?)null;
        page = page.Take(PageSize).ToList();
        overdue ??= await OverdueAsync(user, page.Select(r => r.PersonId).Distinct().ToList(), today, ct);

        await journal.WriteAsync(JournalAction.Recherche, detail: $"mes accompagnements : {page.Count} accompagnement(s)", ct: ct);
        return new Page(page.Select(r => new Line(r.FollowUpId, r.PersonId, Person.NameOf(r.UsageName, r.BirthName, r.FirstNames), r.Referent,
            r.LastContactOn, r.NextAppointmentAt, overdue.GetValueOrDefault(r.PersonId) ?? [])).ToList(), next, start == 0, today);
    }

    /// <summary>Each order is total (the follow-up's id breaks ties), so the cursor always finds its place again.</summary>
    private static IOrderedEnumerable<Row> Order(IEnumerable<Row> rows, Sort sort) => sort switch
    {
        Sort.Nom => rows.OrderBy(r => r.UsageName ?? r.BirthName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => r.FirstNames, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.FollowUpId),
        Sort.ProchainRendezVous => rows.OrderBy(r => r.NextAppointmentAt is null).ThenBy(r => r.NextAppointmentAt).ThenBy(r => r.FollowUpId),
        _ => rows.OrderBy(r => r.LastContactOn).ThenBy(r => r.FollowUpId),
    };

    /// <summary>The kinds of reminders that count as « en retard » on a line once past their deadline (the rules: <see cref="Reminders"/>).</summary>
    public static readonly IReadOnlySet<ReminderKind> OverdueKinds = new HashSet<ReminderKind> { ReminderKind.NoticeToGive, ReminderKind.FactToTell, ReminderKind.RightsRequestDue };

    /// <summary>What is past its deadline on these persons' files, per person — computed by <see cref="Reminders"/>, the one
    /// place where each deadline is stated — and the tasks about them that she sees, past their due day (<see cref="WorkTask.OverdueOn"/>).</summary>
    private async Task<Dictionary<Guid, List<Overdue>>> OverdueAsync(ClaimsPrincipal user, List<Guid> personIds, DateOnly today, CancellationToken ct)
    {
        var items = (await reminders.ForPersonsAsync(user, personIds, OverdueKinds, ct))
            .SelectMany(p => p.Value.Where(r => r.Deadline < today).Select(r => (PersonId: p.Key, Item: new Overdue(r.What, r.Deadline, r.Href))))
            .ToList();
        var due = await tasks.Visible(user).AsNoTracking().Where(WorkTask.OverdueOn.For(today))
            .Where(t => t.PersonId != null && personIds.Contains(t.PersonId.Value))
            .OrderBy(t => t.DueOn).ThenBy(t => t.Id).Select(t => new { PersonId = t.PersonId!.Value, t.Title, t.DueOn }).ToListAsync(ct);
        items.AddRange(due.Select(t => (t.PersonId, new Overdue($"Tâche : {t.Title}", t.DueOn, "/taches"))));
        return items.GroupBy(i => i.PersonId).ToDictionary(g => g.Key, g => g.Select(i => i.Item).ToList());
    }
}
