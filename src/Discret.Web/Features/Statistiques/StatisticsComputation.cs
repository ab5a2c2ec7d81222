using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Agenda;
using Discret.Domain.Retention;
using Discret.Domain.Statistics;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Statistiques;

/// <summary>
/// Computes a year's figures, before masking, from the live data and the counts the retention engine kept when it
/// deleted data (follow-ups closed, interviews by kind: added to the year's figures). Each source is read once, as a
/// stream of dates, closed-list values and circonscriptions — never a name — and counted here; the persons received are
/// the only ones kept in memory (by opaque id, to count each once per period) until the year is counted.
/// </summary>
[AcrossFiles("anonymous counts over every file of the département; no person is named or kept")]
public static class StatisticsComputation
{
    /// <summary>The figures of <paramref name="year"/> up to <paramref name="today"/> (a year after today has none).</summary>
    public static async Task<List<StatFigure>> ComputeYearAsync(DiscretDbContext db, int year, DateOnly today, CancellationToken ct = default)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31) < today ? new DateOnly(year, 12, 31) : today;
        var tally = new Tally(year);
        if (last < first) return [];
        var fromUtc = ParisTime.StartOfDayUtc(first);
        var toUtc = ParisTime.StartOfDayUtc(last.AddDays(1));

        // Interviews, counted by the database: by month, the follow-up's circonscription and kind, then under each action.
        var interviews = db.Interviews.Where(i => i.OccurredOn >= first && i.OccurredOn <= last)
            .Join(db.FollowUps, i => i.FollowUpId, f => f.Id, (i, f) => new { i.OccurredOn, i.Kind, i.Actions, f.CirconscriptionId, f.PersonId });
        foreach (var g in await interviews.GroupBy(x => new { x.OccurredOn.Month, x.CirconscriptionId, x.Kind })
                     .Select(g => new { g.Key.Month, g.Key.CirconscriptionId, g.Key.Kind, Count = g.Count() }).ToListAsync(ct))
            tally.Event("entretiens", new DateOnly(year, g.Month, 1), g.CirconscriptionId, g.Count, ("type", [g.Kind.ToString()]));
        foreach (var action in Enum.GetValues<InterviewAction>())
            foreach (var g in await interviews.Where(x => x.Actions.Contains(action)).GroupBy(x => new { x.OccurredOn.Month, x.CirconscriptionId })
                         .Select(g => new { g.Key.Month, g.Key.CirconscriptionId, Count = g.Count() }).ToListAsync(ct))
                tally.Count("entretiens", new DateOnly(year, g.Month, 1), g.CirconscriptionId, "action", action.ToString(), g.Count);

        // The persons they received (each person once per period, in her file's circonscription): the database gives each
        // person's months once, her months are gathered here as bits.
        var received = new Dictionary<Guid, Received>();
        await foreach (var p in interviews.Join(db.Persons, x => x.PersonId, p => p.Id,
                               (x, p) => new { x.PersonId, x.OccurredOn.Month, p.CirconscriptionId, p.BirthDate, p.HouseholdId })
                           .Distinct().AsAsyncEnumerable().WithCancellation(ct))
        {
            var month = 1 << (p.Month - 1);
            received[p.PersonId] = received.TryGetValue(p.PersonId, out var r) ? r with { Months = r.Months | month }
                : new Received(p.CirconscriptionId, p.BirthDate, p.HouseholdId, month);
        }
        if (received.Count > 0)
        {
            // The households' composition and city, read once (a few per person received; grouped by the database).
            var households = new Dictionary<Guid, (string Type, string Commune)>();
            await foreach (var h in db.Persons.GroupBy(p => p.HouseholdId).Select(g => new
                               {
                                   g.Key, Members = g.Count(),
                                   Partners = g.Count(p => p.HouseholdLink == HouseholdLink.ConjointOuPartenaire),
                                   Children = g.Count(p => p.HouseholdLink == HouseholdLink.Enfant),
                               })
                               .Join(db.Households, g => g.Key, h => h.Id, (g, h) => new { g.Key, g.Members, g.Partners, g.Children, h.City })
                               .AsAsyncEnumerable().WithCancellation(ct))
                households[h.Key] = (Indicators.HouseholdType(h.Members, h.Partners, h.Children), Indicators.CommuneOf(h.City));
            foreach (var (_, p) in received)
            {
                var (household, commune) = households.GetValueOrDefault(p.HouseholdId, ("autre", Indicators.CommuneUnknown));
                foreach (var period in MonthsToPeriods(year, p.Months))
                    tally.Add("personnes-recues", period, p.Circonscription,
                        ("age", [Indicators.AgeBand(p.BirthDate, period.Last)]), ("menage", [household]), ("commune", [commune]));
            }
        }
        received.Clear();

        // Files created, and files that became paper-only.
        await foreach (var p in db.Persons.Where(p => p.CreatedAt >= fromUtc && p.CreatedAt < toUtc)
                           .Select(p => new { p.CreatedAt, p.CirconscriptionId }).AsAsyncEnumerable().WithCancellation(ct))
            tally.Event("premiers-accueils", ParisTime.DayOf(p.CreatedAt), p.CirconscriptionId);
        await foreach (var p in db.Persons.Where(p => p.PaperOnlySince >= first && p.PaperOnlySince <= last)
                           .Select(p => new { p.PaperOnlySince, p.CirconscriptionId }).AsAsyncEnumerable().WithCancellation(ct))
            tally.Event("refus-informatisation", p.PaperOnlySince!.Value, p.CirconscriptionId);

        // Follow-ups that overlap the year: opened, closed, in progress on each period's last day.
        var periods = StatPeriod.Of(year).Where(p => p.First <= last).Select(p => (Period: p, End: p.Last < last ? p.Last : last)).ToList();
        await foreach (var f in db.FollowUps.Where(f => f.OpenedOn <= last && (f.ClosedOn == null || f.ClosedOn >= first))
                           .Select(f => new { f.CirconscriptionId, f.OpenedOn, f.ClosedOn, f.Motives }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (f.OpenedOn >= first) tally.Event("accompagnements-ouverts", f.OpenedOn, f.CirconscriptionId, ("motif", f.Motives.Select(m => m.ToString())));
            if (f.ClosedOn is { } closed && closed <= last) tally.Event("accompagnements-clos", closed, f.CirconscriptionId);
            foreach (var (period, end) in periods)
                if (f.OpenedOn <= end && (f.ClosedOn is null || f.ClosedOn > end)) tally.Add("accompagnements-en-cours", period, f.CirconscriptionId);
        }

        // Sharings, consents, information, rights requests, break-glass accesses.
        await foreach (var s in db.Sharings.Where(s => s.SharedAt >= fromUtc && s.SharedAt < toUtc)
                           .Join(db.SharingConsents, s => s.ConsentId, c => c.Id, (s, c) => new { s.SharedAt, s.PersonId, c.Partner })
                           .Join(db.Persons, s => s.PersonId, p => p.Id, (s, p) => new { s.SharedAt, s.Partner, p.CirconscriptionId })
                           .AsAsyncEnumerable().WithCancellation(ct))
            tally.Event("partages", ParisTime.DayOf(s.SharedAt), s.CirconscriptionId, ("partenaire", [s.Partner.ToString()]));
        await foreach (var c in db.SharingConsents.Where(c => c.GivenOn >= first && c.GivenOn <= last)
                           .Join(db.Persons, c => c.PersonId, p => p.Id, (c, p) => new { c.GivenOn, c.Partner, p.CirconscriptionId })
                           .AsAsyncEnumerable().WithCancellation(ct))
            tally.Event("consentements", c.GivenOn, c.CirconscriptionId, ("partenaire", [c.Partner.ToString()]));
        await foreach (var r in db.InformationRecords.Where(r => r.InformedOn >= first && r.InformedOn <= last)
                           .Join(db.Persons, r => r.PersonId, p => p.Id, (r, p) => new { r.InformedOn, r.Method, p.CirconscriptionId })
                           .AsAsyncEnumerable().WithCancellation(ct))
            tally.Event("informations", r.InformedOn, r.CirconscriptionId, ("mode", [r.Method.ToString()]));
        await foreach (var r in db.RightsRequests.Where(r => r.ReceivedOn >= first && r.ReceivedOn <= last)
                           .Select(r => new { r.ReceivedOn, r.Kind, r.Status, r.CirconscriptionId }).AsAsyncEnumerable().WithCancellation(ct))
            tally.Event("droits", r.ReceivedOn, r.CirconscriptionId, ("droit", [r.Kind.ToString()]), ("issue", [r.Status.ToString()]));
        await foreach (var b in db.BreakGlassAccesses.Where(b => b.StartedAt >= fromUtc && b.StartedAt < toUtc)
                           .Join(db.Persons, b => b.PersonId, p => p.Id, (b, p) => new { b.StartedAt, p.CirconscriptionId })
                           .AsAsyncEnumerable().WithCancellation(ct))
            tally.Event("acces-exceptionnels", ParisTime.DayOf(b.StartedAt), b.CirconscriptionId);

        // Delay from the file's creation to the first appointment not cancelled, for first appointments in the year.
        var firsts = await db.Appointments.Where(a => a.Status != AppointmentStatus.Annule).GroupBy(a => a.PersonId)
            .Select(g => new { PersonId = g.Key, First = g.Min(a => a.StartsAt) })
            .Where(x => x.First >= fromUtc && x.First < toUtc).ToListAsync(ct);
        var delays = new Dictionary<(StatPeriod, Guid?), List<int>>();
        foreach (var chunk in firsts.Chunk(1000))
        {
            var ids = chunk.Select(x => x.PersonId).ToList();
            var created = await db.Persons.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.CreatedAt, p.CirconscriptionId }).ToDictionaryAsync(p => p.Id, ct);
            foreach (var x in chunk)
            {
                if (!created.TryGetValue(x.PersonId, out var p)) continue;
                var day = ParisTime.DayOf(x.First);
                var days = Math.Max(0, day.DayNumber - ParisTime.DayOf(p.CreatedAt).DayNumber);
                foreach (var period in StatPeriod.Containing(day))
                    foreach (var territory in new Guid?[] { p.CirconscriptionId, null })
                        (delays.TryGetValue((period, territory), out var list) ? list : delays[(period, territory)] = []).Add(days);
            }
        }
        foreach (var ((period, territory), list) in delays)
        {
            list.Sort();
            tally.Set("delai-premier-rendez-vous", period, territory, "", "", list.Count);
            tally.Set("delai-premier-rendez-vous", period, territory, Indicators.DelayBreakdown, Indicators.DelayMedian, NearestRank(list, 0.5));
            tally.Set("delai-premier-rendez-vous", period, territory, Indicators.DelayBreakdown, Indicators.DelayP90, NearestRank(list, 0.9));
        }

        // What the retention engine kept of data already deleted, added to the year's figures it matches.
        foreach (var cell in await db.StatisticCells.Where(c => c.Year == year).AsNoTracking().ToListAsync(ct))
        {
            var y = StatPeriod.OfYear(year);
            switch (cell.Measure)
            {
                case StatisticMeasure.AccompagnementsClos:
                    tally.AddKept("accompagnements-clos", y, cell.CirconscriptionId, "", "", cell.Count);
                    break;
                case StatisticMeasure.EntretiensParType:
                    tally.AddKept("entretiens", y, cell.CirconscriptionId, "", "", cell.Count);
                    if (cell.Value != StatisticCell.Other) tally.AddKept("entretiens", y, cell.CirconscriptionId, "type", cell.Value, cell.Count);
                    break;
            }
        }
        return tally.Figures();
    }

    /// <summary>A person received in the year: her file's circonscription, birth date, household and months (bit m−1).</summary>
    private readonly record struct Received(Guid Circonscription, DateOnly BirthDate, Guid HouseholdId, int Months);

    /// <summary>The value at rank ⌈p·n⌉ of a sorted list (nearest rank).</summary>
    public static int NearestRank(IReadOnlyList<int> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static IEnumerable<StatPeriod> MonthsToPeriods(int year, int months)
    {
        yield return StatPeriod.OfYear(year);
        for (var q = 1; q <= 4; q++)
            if ((months >> (q * 3 - 3) & 0b111) != 0) yield return StatPeriod.OfQuarter(year, q);
        for (var m = 1; m <= 12; m++)
            if ((months >> (m - 1) & 1) != 0) yield return StatPeriod.OfMonth(year, m);
    }

    /// <summary>The counts of a year, by indicator, period, territory (each circonscription and the département) and value.</summary>
    private sealed class Tally(int year)
    {
        private readonly Dictionary<(string Indicator, string Period, Guid? Territory, string Breakdown, string Value), int> _counts = [];

        /// <summary>An event of a day: counted in its year, quarter and month, in its circonscription and the département,
        /// in the total and under each of its values of each breakdown.</summary>
        public void Event(string indicator, DateOnly day, Guid circonscription, params (string Breakdown, IEnumerable<string> Values)[] breakdowns) =>
            Event(indicator, day, circonscription, 1, breakdowns);

        /// <summary><paramref name="count"/> events of the same day (or month), values and circonscription.</summary>
        public void Event(string indicator, DateOnly day, Guid circonscription, int count, params (string Breakdown, IEnumerable<string> Values)[] breakdowns)
        {
            foreach (var period in StatPeriod.Containing(day)) Add(indicator, period, circonscription, count, breakdowns);
        }

        public void Add(string indicator, StatPeriod period, Guid circonscription, params (string Breakdown, IEnumerable<string> Values)[] breakdowns) =>
            Add(indicator, period, circonscription, 1, breakdowns);

        private void Add(string indicator, StatPeriod period, Guid circonscription, int count, (string Breakdown, IEnumerable<string> Values)[] breakdowns)
        {
            foreach (var territory in new Guid?[] { circonscription, null })
            {
                Increment((indicator, period.Code, territory, "", ""), count);
                foreach (var (breakdown, values) in breakdowns)
                    foreach (var value in values.Distinct())
                        Increment((indicator, period.Code, territory, breakdown, value), count);
            }
        }

        /// <summary>Events under one value of a breakdown only (their total is counted elsewhere).</summary>
        public void Count(string indicator, DateOnly day, Guid circonscription, string breakdown, string value, int count)
        {
            foreach (var period in StatPeriod.Containing(day))
                foreach (var territory in new Guid?[] { circonscription, null })
                    Increment((indicator, period.Code, territory, breakdown, value), count);
        }

        /// <summary>A count kept by the retention engine: in its circonscription and the département, or the département only.</summary>
        public void AddKept(string indicator, StatPeriod period, Guid? circonscription, string breakdown, string value, int count)
        {
            if (circonscription is not null) Increment((indicator, period.Code, circonscription, breakdown, value), count);
            Increment((indicator, period.Code, null, breakdown, value), count);
        }

        public void Set(string indicator, StatPeriod period, Guid? territory, string breakdown, string value, int number) =>
            _counts[(indicator, period.Code, territory, breakdown, value)] = number;

        private void Increment((string, string, Guid?, string, string) key, int by) => _counts[key] = _counts.GetValueOrDefault(key) + by;

        public List<StatFigure> Figures() =>
            _counts.Select(c => new StatFigure(year, c.Key.Indicator, c.Key.Period, c.Key.Territory, c.Key.Breakdown, c.Key.Value, c.Value)).ToList();
    }
}
