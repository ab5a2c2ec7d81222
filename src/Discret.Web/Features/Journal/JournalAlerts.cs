using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Discret.Domain.Input;

namespace Discret.Web.Features.Journal;

/// <summary>Thresholds of the anomaly alerts (<c>Discret:Journal:Alerts</c>).</summary>
public sealed class JournalAlertSettings
{
    /// <summary>How many days back the alerts look (today included).</summary>
    public int WindowDays { get; set; } = 7;
    /// <summary>An account reading more distinct files in a day than this many times the median of its role's other accounts…</summary>
    public double OverReadingFactor { get; set; } = 3;
    /// <summary>…and more than this floor.</summary>
    public int OverReadingFloor { get; set; } = 30;
    /// <summary>Refused accesses (404 on a file out of reach) by one account in one day above which there is an alert.</summary>
    public int RefusedPerDay { get; set; } = 5;
    /// <summary>Break-glass requests (opened or refused) by one account over the window above which there is an alert.</summary>
    public int BreakGlassPerWeek { get; set; } = 3;
    /// <summary>Resets of accounts asked by one account (the technical administrator) over the window above which there is an alert.</summary>
    public int ResetsPerWeek { get; set; } = 3;
    /// <summary>Night, Europe/Paris: from this hour…</summary>
    public int NightStartsAt { get; set; } = 20;
    /// <summary>…to this hour of the next morning.</summary>
    public int NightEndsAt { get; set; } = 7;
    /// <summary>Activity on Saturdays, Sundays and French public holidays is an alert.</summary>
    public bool DaysOff { get; set; } = true;

    /// <summary>
    /// The rules the alerts apply, in the words of the charter every worker accepts and of the register: they concern each
    /// worker, so each worker is told them (issue 17 §2).
    /// </summary>
    public IReadOnlyList<string> Rules() =>
    [
        $"plus de dossiers différents lus dans une journée que {OverReadingFactor:0.#} fois la médiane des autres comptes du même métier (et plus de {OverReadingFloor})",
        $"plus de {RefusedPerDay} demandes de dossiers hors de portée dans une journée",
        $"plus de {BreakGlassPerWeek} demandes d'accès exceptionnel sur {WindowDays} jours",
        $"une opération sur un dossier entre {NightStartsAt} h et {NightEndsAt} h",
        .. DaysOff ? (string[])["une opération sur un dossier un samedi, un dimanche ou un jour férié"] : [],
        $"plus de {ResetsPerWeek} réinitialisations de comptes demandées sur {WindowDays} jours (administration technique)",
    ];
}

public enum AlertKind { LecturesExcessives, AccesRefuses, AccesExceptionnels, ActiviteDeNuit, ActiviteJourNonOuvre, Reinitialisations }

/// <summary>
/// The anomaly alerts over a recent window. Every query aggregates in the database (GROUP BY account) over one bounded
/// range of the (Action, At) or (At) index — one day, one night, the window — so the cost follows the window's
/// activity, never the journal's size.
/// </summary>
public sealed class JournalAlerts(DiscretDbContext db, TimeProvider clock, IOptions<JournalAlertSettings> options)
{
    public sealed record Alert(AlertKind Kind, Guid AccountId, StaffRole? Role, DateOnly From, DateOnly To, int Count, string Rule, JournalAction? Action)
    {
        /// <summary>The journal search, pre-filtered on the account, the day(s) and the action: opaque id and dates only.</summary>
        public string SearchHref =>
            $"/tracabilite/journal?AccountId={AccountId}&From={From:yyyy-MM-dd}&To={To:yyyy-MM-dd}" + (Action is { } a ? $"&Action={a}" : "");
    }

    /// <summary>What people do with files: the actions that count as activity at night or on days off.</summary>
    private static readonly JournalAction[] Activity =
        [JournalAction.Lecture, JournalAction.Ecriture, JournalAction.Recherche, JournalAction.Export, JournalAction.AccesExceptionnel];

    public JournalAlertSettings Settings => options.Value;

    public async Task<IReadOnlyList<Alert>> ComputeAsync(CancellationToken ct = default)
    {
        var s = options.Value;
        var today = ParisTime.Today(clock);
        var first = today.AddDays(-(Math.Max(1, s.WindowDays) - 1));
        var alerts = new List<Alert>();

        for (var day = first; day <= today; day = day.AddDays(1))
        {
            var (start, end) = (ParisTime.StartOfDayUtc(day), ParisTime.StartOfDayUtc(day.AddDays(1)));

            // Distinct files read per account that day, compared with the median of the other accounts of its role.
            var reads = await db.JournalEntries.AsNoTracking()
                .Where(e => e.Action == JournalAction.Lecture && e.At >= start && e.At < end && e.AccountId != null && e.PersonId != null)
                .GroupBy(e => new { e.AccountId, e.Role })
                .Select(g => new { g.Key.AccountId, g.Key.Role, Files = g.Select(e => e.PersonId).Distinct().Count() })
                .ToListAsync(ct);
            foreach (var r in reads)
            {
                var peers = reads.Where(p => p.Role == r.Role && p.AccountId != r.AccountId).Select(p => p.Files).ToList();
                var threshold = Math.Max(s.OverReadingFactor * Median(peers), s.OverReadingFloor);
                if (r.Files > threshold)
                    alerts.Add(new Alert(AlertKind.LecturesExcessives, r.AccountId!.Value, r.Role, day, day, r.Files,
                        $"{r.Files} dossiers distincts lus dans la journée ; seuil : {threshold:0} (le plus grand de {s.OverReadingFactor:0.#} × la médiane des autres comptes du même rôle, {Median(peers):0.#}, et de {s.OverReadingFloor})",
                        JournalAction.Lecture));
            }

            var refused = await db.JournalEntries.AsNoTracking()
                .Where(e => e.Action == JournalAction.AccesRefuse && e.At >= start && e.At < end && e.AccountId != null)
                .GroupBy(e => new { e.AccountId, e.Role })
                .Select(g => new { g.Key.AccountId, g.Key.Role, Count = g.Count() })
                .Where(g => g.Count > s.RefusedPerDay)
                .ToListAsync(ct);
            alerts.AddRange(refused.Select(r => new Alert(AlertKind.AccesRefuses, r.AccountId!.Value, r.Role, day, day, r.Count,
                $"{r.Count} demandes de dossiers hors de portée dans la journée ; seuil : {s.RefusedPerDay}", JournalAction.AccesRefuse)));

            // The night that starts this evening (20:00 → 07:00 the next morning), if it has begun.
            var nightStart = ParisTime.ToUtc(day, new TimeOnly(Math.Clamp(s.NightStartsAt, 0, 23), 0));
            var nightEnd = ParisTime.ToUtc(day.AddDays(1), new TimeOnly(Math.Clamp(s.NightEndsAt, 0, 23), 0));
            // The early morning of the window's first day belongs to the night before it.
            if (day == first)
                foreach (var a in await ActivityAsync(ParisTime.StartOfDayUtc(day), ParisTime.ToUtc(day, new TimeOnly(Math.Clamp(s.NightEndsAt, 0, 23), 0)), ct))
                    alerts.Add(new Alert(AlertKind.ActiviteDeNuit, a.AccountId, a.Role, day, day, a.Count,
                        $"{a.Count} opérations sur des dossiers avant {s.NightEndsAt} h", null));
            foreach (var a in await ActivityAsync(nightStart, nightEnd, ct))
                alerts.Add(new Alert(AlertKind.ActiviteDeNuit, a.AccountId, a.Role, day, day.AddDays(1), a.Count,
                    $"{a.Count} opérations sur des dossiers entre {s.NightStartsAt} h et {s.NightEndsAt} h", null));

            if (s.DaysOff && FrenchCalendar.IsDayOff(day))
                foreach (var a in await ActivityAsync(start, end, ct))
                    alerts.Add(new Alert(AlertKind.ActiviteJourNonOuvre, a.AccountId, a.Role, day, day, a.Count,
                        $"{a.Count} opérations sur des dossiers un jour non ouvré ({FrenchCalendar.Describe(day)})", null));
        }

        // Break-glass requests per account over the window: those opened and those refused (beyond the weekly limit…).
        var (windowStart, windowEnd) = (ParisTime.StartOfDayUtc(first), ParisTime.StartOfDayUtc(today.AddDays(1)));
        var breakGlass = (await db.JournalEntries.AsNoTracking()
                .Where(e => (e.Action == JournalAction.AccesExceptionnel || e.Action == JournalAction.AccesExceptionnelRefuse)
                            && e.At >= windowStart && e.At < windowEnd && e.AccountId != null)
                .GroupBy(e => new { e.AccountId, e.Role, e.Action })
                .Select(g => new { g.Key.AccountId, g.Key.Role, g.Key.Action, Count = g.Count() })
                .ToListAsync(ct))
            .GroupBy(b => new { b.AccountId, b.Role })
            .Select(g => new { g.Key.AccountId, g.Key.Role, Count = g.Sum(b => b.Count), Refused = g.Where(b => b.Action == JournalAction.AccesExceptionnelRefuse).Sum(b => b.Count) })
            .Where(b => b.Count > s.BreakGlassPerWeek);
        alerts.AddRange(breakGlass.Select(b => new Alert(AlertKind.AccesExceptionnels, b.AccountId!.Value, b.Role, first, today, b.Count,
            $"{b.Count} demandes d'accès exceptionnel sur la période (dont {b.Refused} refusée{(b.Refused > 1 ? "s" : "")}) ; seuil : {s.BreakGlassPerWeek}", JournalAction.AccesExceptionnel)));

        // Resets of accounts asked per account over the window, confirmed or not: taking over accounts starts with resets.
        var reset = nameof(AccountRequestKind.Reinitialisation);
        var resets = await db.JournalEntries.AsNoTracking()
            .Where(e => e.Action == JournalAction.DemandeCompte && e.Purpose == reset && e.At >= windowStart && e.At < windowEnd && e.AccountId != null)
            .GroupBy(e => new { e.AccountId, e.Role })
            .Select(g => new { g.Key.AccountId, g.Key.Role, Count = g.Count() })
            .Where(g => g.Count > s.ResetsPerWeek)
            .ToListAsync(ct);
        alerts.AddRange(resets.Select(r => new Alert(AlertKind.Reinitialisations, r.AccountId!.Value, r.Role, first, today, r.Count,
            $"{r.Count} réinitialisations de comptes demandées sur la période ; seuil : {s.ResetsPerWeek}", JournalAction.DemandeCompte)));

        return alerts.OrderByDescending(a => a.From).ThenBy(a => a.Kind).ToList();
    }

    private sealed record ActivityCount(Guid AccountId, StaffRole? Role, int Count);

    /// <summary>Operations on files per account between two instants (one range of the (At) index).</summary>
    private async Task<List<ActivityCount>> ActivityAsync(DateTime from, DateTime to, CancellationToken ct)
    {
        if (to <= from) return [];
        var rows = await db.JournalEntries.AsNoTracking()
            .Where(e => e.At >= from && e.At < to && e.AccountId != null && Activity.Contains(e.Action))
            .GroupBy(e => new { e.AccountId, e.Role })
            .Select(g => new { g.Key.AccountId, g.Key.Role, Count = g.Count() })
            .ToListAsync(ct);
        return rows.Select(r => new ActivityCount(r.AccountId!.Value, r.Role, r.Count)).ToList();
    }

    public static double Median(IReadOnlyList<int> values)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    public static string Label(AlertKind kind) => kind switch
    {
        AlertKind.LecturesExcessives => "Lectures bien plus nombreuses que les pairs",
        AlertKind.AccesRefuses => "Accès refusés répétés",
        AlertKind.AccesExceptionnels => "Accès exceptionnels au-delà du seuil",
        AlertKind.ActiviteDeNuit => "Activité de nuit",
        AlertKind.ActiviteJourNonOuvre => "Activité un jour non ouvré",
        AlertKind.Reinitialisations => "Réinitialisations de comptes au-delà du seuil",
        _ => ClosedList.Unknown(kind),
    };
}

/// <summary>Saturdays, Sundays and the French public holidays (metropolitan France).</summary>
public static class FrenchCalendar
{
    public static bool IsDayOff(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || HolidayName(day) is not null;

    public static string Describe(DateOnly day) =>
        HolidayName(day) ?? (day.DayOfWeek == DayOfWeek.Saturday ? "samedi" : day.DayOfWeek == DayOfWeek.Sunday ? "dimanche" : "jour ouvré");

    public static string? HolidayName(DateOnly day)
    {
        var easter = Easter(day.Year);
        if (day == easter.AddDays(1)) return "lundi de Pâques";
        if (day == easter.AddDays(39)) return "Ascension";
        if (day == easter.AddDays(50)) return "lundi de Pentecôte";
        return (day.Month, day.Day) switch
        {
            (1, 1) => "jour de l'an",
            (5, 1) => "fête du Travail",
            (5, 8) => "8 mai 1945",
            (7, 14) => "fête nationale",
            (8, 15) => "Assomption",
            (11, 1) => "Toussaint",
            (11, 11) => "armistice de 1918",
            (12, 25) => "Noël",
            _ => null,
        };
    }

    /// <summary>Easter Sunday (Gregorian calendar, anonymous algorithm).</summary>
    public static DateOnly Easter(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, dayOfMonth = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, dayOfMonth);
    }
}
