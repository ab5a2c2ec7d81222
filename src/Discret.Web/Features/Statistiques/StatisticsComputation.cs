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
                     .Select(g => new
                     {
                         g.Key.Month, g.Key.CirconscriptionId, g.Key.Kind, Count = g.Count(),
                         // One scan: the interviews of the group that decided each action.
                         Orientation = g.Count(x => x.Actions.Contains(InterviewAction.OrientationPartenaire)),
                         Aid = g.Count(x => x.Actions.Contains(InterviewAction.DemandeAideFinanciere)),
                         Housing = g.Count(x => x.Actions.Contains(InterviewAction.DossierLogement)),
                         Rights = g.Count(x => x.Actions.Contains(InterviewAction.OuvertureDeDroits)),
                         Steps = g.Count(x => x.Actions.Contains(InterviewAction.AccompagnementDemarche)),
                         Next = g.Count(x => x.Actions.Contains(InterviewAction.RendezVousUlterieur)),
                     }).ToListAsync(ct))
        {
            var day = new DateOnly(year, g.Month, 1);
            tally.Event("entretiens", day, g.CirconscriptionId, g.Count, ("type", [g.Kind.ToString()]));
            foreach (var (action, count) in new[]
                     {
                         (InterviewAction.OrientationPartenaire, g.Orientation), (InterviewAction.DemandeAideFinanciere, g.Aid),
                         (InterviewAction.DossierLogement, g.Housing), (InterviewAction.OuvertureDeDroits, g.Rights),
                         (InterviewAction.AccompagnementDemarche, g.Steps), (InterviewAction.RendezVousUlterieur, g.Next),
                     })
                if (count > 0) tally.Count("entretiens", day, g.CirconscriptionId, "action", action.ToString(), count);
        }
        // A new action in the closed list must be counted above too (StatisticsDeclarationTests checks that none is missing).

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
            var total = tally.Series("personnes-recues");
            var bands = Indicators.Age.Values!.ToDictionary(v => v.Code, v => tally.Series("personnes-recues", "age", v.Code));
            foreach (var (_, p) in received)
            {
                var (household, commune) = households.GetValueOrDefault(p.HouseholdId, ("autre", Indicators.CommuneUnknown));
                int[] series = [total, tally.Series("personnes-recues", "menage", household), tally.Series("personnes-recues", "commune", commune), 0];
                int[] territories = [tally.Territory(p.Circonscription), tally.Territory(null)];
                foreach (var period in MonthsToPeriods(year, p.Months))
                {
                    series[3] = bands[Indicators.AgeBand(p.BirthDate, period.Last)];
                    var index = Tally.PeriodIndex(period);
                    foreach (var territory in territories)
                        foreach (var one in series) tally.Increment(one, index, territory, 1);
                }
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
        var periods = StatPeriod.Of(year).Where(p => p.First <= last).Select(p => (Index: Tally.PeriodIndex(p), End: p.Last < last ? p.Last : last)).ToList();
        var inProgress = tally.Series("accompagnements-en-cours");
        await foreach (var f in db.FollowUps.Where(f => f.OpenedOn <= last && (f.ClosedOn == null || f.ClosedOn >= first))
                           .Select(f => new { f.CirconscriptionId, f.OpenedOn, f.ClosedOn, f.Motives }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (f.OpenedOn >= first) tally.Event("accompagnements-ouverts", f.OpenedOn, f.CirconscriptionId, ("motif", f.Motives.Select(m => m.ToString())));
            if (f.ClosedOn is { } closed && closed <= last) tally.Event("accompagnements-clos", closed, f.CirconscriptionId);
            int circonscription = tally.Territory(f.CirconscriptionId), departement = tally.Territory(null);
            foreach (var (index, end) in periods)
                if (f.OpenedOn <= end && (f.ClosedOn is null || f.ClosedOn > end))
                {
                    tally.Increment(inProgress, index, circonscription, 1);
                    tally.Increment(inProgress, index, departement, 1);
                }
        }

        // Sharings, consents, information, rights requests, break-glass accesses.
        await foreach (var s in db.Sharings.Where(s => s.SharedAt >= fromUtc && s.SharedAt < toUtc)
                           .Join(db.SharingConsents, s => s.ConsentId, c => c.Id, (s, c) => new { s.SharedAt, s.PersonId, c.Partner })
                           .Join(db.Persons, s => s.PersonId, p => p.Id, (s, p) => new { s.SharedAt, s.Partner, p.CirconscriptionId })
                           .AsAsyncEnumerable().WithCancellation(ct))
            tally.Event("partages", ParisTime.DayOf(s.SharedAt), s.CirconscriptionId, ("partenaire", [s.Partner.ToString()]));
        // Digital helps (issue 19), in the circonscription of their follow-up; procedures done under a mandate, in that of the mandate's follow-up.
        await foreach (var h in db.DigitalHelps.Where(h => h.OccurredOn >= first && h.OccurredOn <= last)
                           .Join(db.FollowUps, h => h.FollowUpId, f => f.Id, (h, f) => new { h.OccurredOn, h.Level, h.Domain, f.CirconscriptionId })
                           .AsAsyncEnumerable().WithCancellation(ct))
            tally.Event("aides-numeriques", h.OccurredOn, h.CirconscriptionId, ("niveau", [h.Level.ToString()]),
                ("domaine", h.Domain is { } domain ? [domain.ToString()] : []));
        await foreach (var a in db.MandateActions.Where(a => a.DoneOn >= first && a.DoneOn <= last)
                           .Join(db.Mandates, a => a.MandateId, m => m.Id, (a, m) => new { a.DoneOn, a.Domain, m.FollowUpId })
                           .Join(db.FollowUps, a => a.FollowUpId, f => f.Id, (a, f) => new { a.DoneOn, a.Domain, f.CirconscriptionId })
                           .AsAsyncEnumerable().WithCancellation(ct))
            tally.Event("aides-numeriques", a.DoneOn, a.CirconscriptionId, ("niveau", [nameof(Discret.Domain.Mandates.DigitalHelpLevel.JeFaisALaPlaceDe)]),
                ("domaine", [a.Domain.ToString()]));
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
                case StatisticMeasure.AidesNumeriquesParNiveau:
                    tally.AddKept("aides-numeriques", y, cell.CirconscriptionId, "", "", cell.Count);
                    if (cell.Value != StatisticCell.Other) tally.AddKept("aides-numeriques", y, cell.CirconscriptionId, "niveau", cell.Value, cell.Count);
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

    /// <summary>
    /// The counts of a year, by indicator, period, territory (each circonscription and the département) and value. A
    /// figure's place is packed in one number — a series (indicator, breakdown, value), a period (0 the year, 1–4 the
    /// quarters, 5–16 the months) and a territory (0 the département) — so that millions of increments hash no text.
    /// </summary>
    private sealed class Tally(int year)
    {
        private readonly Dictionary<(string Indicator, string Breakdown, string Value), int> _series = [];
        private readonly List<(string Indicator, string Breakdown, string Value)> _seriesNames = [];
        private readonly Dictionary<Guid, int> _territories = [];
        private readonly List<Guid?> _territoryIds = [null];
        private readonly Dictionary<long, int> _counts = [];

        public int Series(string indicator, string breakdown = "", string value = "")
        {
            if (_series.TryGetValue((indicator, breakdown, value), out var id)) return id;
            _seriesNames.Add((indicator, breakdown, value));
            return _series[(indicator, breakdown, value)] = _seriesNames.Count - 1;
        }

        /// <summary>0 for the département (null), else the circonscription's number in this tally.</summary>
        public int Territory(Guid? circonscription)
        {
            if (circonscription is not { } id) return 0;
            if (_territories.TryGetValue(id, out var index)) return index;
            _territoryIds.Add(id);
            return _territories[id] = _territoryIds.Count - 1;
        }

        public static int PeriodIndex(StatPeriod period) => period.IsMonth ? 4 + period.Month : period.IsQuarter ? period.Quarter : 0;

        private StatPeriod Period(int index) => index == 0 ? StatPeriod.OfYear(year) : index <= 4 ? StatPeriod.OfQuarter(year, index) : StatPeriod.OfMonth(year, index - 4);

        private static long Key(int series, int period, int territory) => ((long)series << 24) | ((long)period << 16) | (uint)territory;

        public void Increment(int series, int period, int territory, int by)
        {
            var key = Key(series, period, territory);
            _counts[key] = _counts.GetValueOrDefault(key) + by;
        }

        /// <summary>An event of a day: counted in its year, quarter and month, in its circonscription and the département,
        /// in the total and under each of its values of each breakdown.</summary>
        public void Event(string indicator, DateOnly day, Guid circonscription, params (string Breakdown, IEnumerable<string> Values)[] breakdowns) =>
            Event(indicator, day, circonscription, 1, breakdowns);

        /// <summary><paramref name="count"/> events of the same day (or month), values and circonscription.</summary>
        public void Event(string indicator, DateOnly day, Guid circonscription, int count, params (string Breakdown, IEnumerable<string> Values)[] breakdowns)
        {
            var series = breakdowns.SelectMany(b => b.Values.Distinct().Select(v => Series(indicator, b.Breakdown, v))).Prepend(Series(indicator)).ToList();
            int[] territories = [Territory(circonscription), 0];
            foreach (var period in StatPeriod.Containing(day))
                foreach (var territory in territories)
                    foreach (var one in series) Increment(one, PeriodIndex(period), territory, count);
        }

        /// <summary>Events under one value of a breakdown only (their total is counted elsewhere).</summary>
        public void Count(string indicator, DateOnly day, Guid circonscription, string breakdown, string value, int count)
        {
            var series = Series(indicator, breakdown, value);
            foreach (var period in StatPeriod.Containing(day))
                foreach (var territory in new[] { Territory(circonscription), 0 })
                    Increment(series, PeriodIndex(period), territory, count);
        }

        /// <summary>A count kept by the retention engine: in its circonscription and the département, or the département only.</summary>
        public void AddKept(string indicator, StatPeriod period, Guid? circonscription, string breakdown, string value, int count)
        {
            var series = Series(indicator, breakdown, value);
            if (circonscription is not null) Increment(series, PeriodIndex(period), Territory(circonscription), count);
            Increment(series, PeriodIndex(period), 0, count);
        }

        public void Set(string indicator, StatPeriod period, Guid? territory, string breakdown, string value, int number) =>
            _counts[Key(Series(indicator, breakdown, value), PeriodIndex(period), Territory(territory))] = number;

        public List<StatFigure> Figures() => _counts.Select(c =>
        {
            var (indicator, breakdown, value) = _seriesNames[(int)(c.Key >> 24)];
            return new StatFigure(year, indicator, Period((int)(c.Key >> 16) & 0xFF).Code, _territoryIds[(int)(c.Key & 0xFFFF)], breakdown, value, c.Value);
        }).ToList();
    }
}
