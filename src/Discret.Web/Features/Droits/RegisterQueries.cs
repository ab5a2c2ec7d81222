using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Rights;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Droits;

/// <summary>
/// The register as lists and counts: the requests an account may see (<see cref="RequestAccess.Visible"/>), filtered
/// by status and right, the most urgent first; the dashboard counts open, near-due, overdue and closed-this-month
/// requests by right and by circonscription — never by worker. Lists name no person: a request is its opaque id.
/// </summary>
[AcrossFiles("the register's lists and counts for the DPO and heads of circonscription (no names)")]
public sealed class RegisterQueries(DiscretDbContext db, RequestAccess access, TimeProvider clock)
{
    public const int PageSize = 50;

    public sealed record Filter(RequestStatus? Status, RightKind? Kind, int Page = 1);

    public sealed record Row(Guid Id, RightKind Kind, RequestChannel Channel, DateOnly ReceivedOn, DateOnly DueOn, bool Extended,
        RequestStatus Status, DateOnly? ClosedOn, string Circonscription, bool Overdue, bool NearDue)
    {
        public int DaysLeft(DateOnly today) => DueOn.DayNumber - today.DayNumber;
    }

    public sealed record ListPage(IReadOnlyList<Row> Rows, int Page, int TotalPages, int Total, DateOnly Today);

    public sealed record Counts(int Open, int NearDue, int Overdue, int ClosedThisMonth);

    public sealed record Dashboard(Counts Total, IReadOnlyList<(RightKind Kind, Counts Counts)> ByKind,
        IReadOnlyList<(string Circonscription, Counts Counts)> ByCirconscription);

    public async Task<ListPage> ListAsync(ClaimsPrincipal user, Filter filter, CancellationToken ct = default)
    {
        var today = ParisTime.Today(clock);
        var query = access.Visible(user).AsNoTracking();
        if (filter.Status is { } status) query = query.Where(r => r.Status == status);
        if (filter.Kind is { } kind) query = query.Where(r => r.Kind == kind);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var rows = await query
            .OrderBy(r => r.Status == RequestStatus.EnCours ? 0 : 1).ThenBy(r => r.DueOn).ThenBy(r => r.ReceivedOn).ThenBy(r => r.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Join(db.Circonscriptions, r => r.CirconscriptionId, c => c.Id, (r, c) => new { r, c.Name })
            .ToListAsync(ct);
        return new ListPage(rows.Select(x => new Row(x.r.Id, x.r.Kind, x.r.Channel, x.r.ReceivedOn, x.r.DueOn, x.r.IsExtended, x.r.Status, x.r.ClosedOn,
            x.Name, x.r.IsOverdue(today), x.r.IsNearDue(today))).ToList(), page, pages, total, today);
    }

    public async Task<Dashboard> DashboardAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var today = ParisTime.Today(clock);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        // Only what the counts need: the open requests and those closed this month (a few hundred at most).
        var rows = await access.Visible(user).AsNoTracking()
            .Where(r => r.Status == RequestStatus.EnCours || r.ClosedOn >= monthStart)
            .Join(db.Circonscriptions, r => r.CirconscriptionId, c => c.Id, (r, c) => new { r.Kind, r.Status, r.DueOn, r.ClosedOn, c.Name })
            .ToListAsync(ct);
        Counts Count(IEnumerable<(RequestStatus Status, DateOnly DueOn, DateOnly? ClosedOn)> set)
        {
            var list = set.ToList();
            var open = list.Where(r => r.Status == RequestStatus.EnCours).ToList();
            return new Counts(open.Count,
                open.Count(r => today <= r.DueOn && r.DueOn.DayNumber - today.DayNumber <= 10),
                open.Count(r => today > r.DueOn),
                list.Count(r => r.Status != RequestStatus.EnCours && r.ClosedOn >= monthStart));
        }
        var tuples = rows.Select(r => (r.Kind, r.Name, Row: (r.Status, r.DueOn, r.ClosedOn))).ToList();
        return new Dashboard(Count(tuples.Select(t => t.Row)),
            Enum.GetValues<RightKind>().Select(k => (k, Count(tuples.Where(t => t.Kind == k).Select(t => t.Row)))).ToList(),
            tuples.GroupBy(t => t.Name).OrderBy(g => g.Key).Select(g => (g.Key, Count(g.Select(t => t.Row)))).ToList());
    }

    /// <summary>The section of the person's file: the person's requests, for accounts that may read <see cref="FieldGroup.Droits"/>.</summary>
    public sealed record PersonRequest(Guid Id, RightKind Kind, DateOnly ReceivedOn, DateOnly DueOn, RequestStatus Status, DateOnly? ClosedOn, bool Overdue, bool NearDue);

    public async Task<IReadOnlyList<PersonRequest>> ForPersonAsync(PersonAccessView view, CancellationToken ct = default)
    {
        if (!view.CanRead(FieldGroup.Droits)) return [];
        var today = ParisTime.Today(clock);
        var list = await db.RightsRequests.AsNoTracking().Where(r => r.PersonId == view.PersonId)
            .OrderByDescending(r => r.ReceivedOn).ThenBy(r => r.Id).ToListAsync(ct);
        return list.Select(r => new PersonRequest(r.Id, r.Kind, r.ReceivedOn, r.DueOn, r.Status, r.ClosedOn, r.IsOverdue(today), r.IsNearDue(today))).ToList();
    }
}
