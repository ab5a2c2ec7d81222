using System.Globalization;

namespace Discret.Time;

/// <summary>
/// The one calendar of Discret: "today" and "now" are those of Europe/Paris, read from the injected
/// <see cref="TimeProvider"/> (tests replace it by a fake clock), whatever the server's zone; and every date or time a
/// person sees, prints or exports is written here. Instants are stored in UTC; only the calendar day and what people
/// read are Paris.
/// </summary>
public static class ParisTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    // ── The clock ────────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>The calendar day in Paris: between midnight and 1 or 2 a.m. it is already the next UTC day.</summary>
    public static DateOnly Today(this TimeProvider clock) => DayOf(clock.GetUtcNow().UtcDateTime);

    /// <summary>How long until the next <paramref name="at"/> (Paris time): today's if still ahead, else tomorrow's.</summary>
    public static TimeSpan UntilNext(this TimeProvider clock, TimeOnly at)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var next = ToUtc(Today(clock), at);
        if (next <= now) next = ToUtc(Today(clock).AddDays(1), at);
        return next - now;
    }

    /// <summary>The wall-clock time in Paris (for display and Paris-day arithmetic; store <c>GetUtcNow()</c>).</summary>
    public static DateTime Now(this TimeProvider clock) => ToParis(clock.GetUtcNow().UtcDateTime);

    // ── Conversions ──────────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>The Paris wall-clock time of a UTC instant.</summary>
    public static DateTime ToParis(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The Paris calendar day of a UTC instant.</summary>
    public static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToParis(utc));

    /// <summary>The UTC instant of a Paris wall-clock time (midnight, 07:00, 20:00 always exist in Paris).</summary>
    public static DateTime ToUtc(DateOnly day, TimeOnly time) => ToUtc(day.ToDateTime(time));

    /// <summary>
    /// The UTC instant of a time typed by a person (a <c>datetime-local</c> field, a JSON time without offset): read as
    /// Paris wall-clock time. A time that already says its zone (UTC, or an offset turned local by the JSON reader) is kept.
    /// A time that does not exist in Paris (the hour skipped in March) is read an hour later, as the clocks show it.
    /// </summary>
    public static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => TimeZoneInfo.ConvertTimeToUtc(Zone.IsInvalidTime(time) ? time.AddHours(1) : time, Zone),
    };

    public static DateTime StartOfDayUtc(DateOnly day) => ToUtc(day, TimeOnly.MinValue);

    // ── What people read ─────────────────────────────────────────────────────────────────────────────────────────

    /// <summary>"05/03/2026".</summary>
    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"05/03/2026", or « — » when there is no date.</summary>
    public static string Day(DateOnly? day) => day is { } d ? Day(d) : "—";

    /// <summary>The Paris day of a UTC instant: "05/03/2026".</summary>
    public static string Day(DateTime utc) => Day(DayOf(utc));

    /// <summary>The Paris day of a UTC instant, or « — » when there is none.</summary>
    public static string Day(DateTime? utc) => utc is { } u ? Day(u) : "—";

    /// <summary>"05/03/2026 14:07" (Paris).</summary>
    public static string DayTime(DateTime utc) => ToParis(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"05/03/2026 à 14:07" (Paris).</summary>
    public static string DayAtTime(DateTime utc) => ToParis(utc).ToString("dd/MM/yyyy 'à' HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"05/03/2026 14:07:59" (Paris): the journal's stamp, to the second.</summary>
    public static string Format(DateTime utc) => ToParis(utc).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"14:07" (Paris).</summary>
    public static string Time(DateTime utc) => ToParis(utc).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"5 mars 2026 à 14:07", "1er mars 2026 à 09:00" (Paris), for the documents Discret prints.</summary>
    public static string LongDayAtTime(DateTime utc) => $"{LongDate(utc)} à {Time(utc)}";

    /// <summary>"5 mars 2026", "1er mars 2026", for the documents Discret prints.</summary>
    public static string LongDate(DateOnly day) => day.Day == 1 ? "1er " + day.ToString("MMMM yyyy", French) : day.ToString("d MMMM yyyy", French);

    /// <summary>The Paris day of a UTC instant: "5 mars 2026".</summary>
    public static string LongDate(DateTime utc) => LongDate(DayOf(utc));

    /// <summary>« lundi 7 décembre 2026 »: a day of the agenda.</summary>
    public static string LongDay(DateOnly day) => day.ToString("dddd d MMMM yyyy", French);

    /// <summary>"jeudi 5 mars 2026 à 14:07" (Paris): an appointment.</summary>
    public static string Appointment(DateTime utc) => ToParis(utc).ToString("dddd d MMMM yyyy 'à' HH:mm", French);

    /// <summary>
    /// A UTC instant with Paris's offset at that moment (written "2026-10-25T02:30:00+01:00" in JSON): the time of a file handed
    /// to a person or an archive is the wall-clock time they lived, and still names the instant without ambiguity.
    /// </summary>
    public static DateTimeOffset Instant(DateTime utc)
    {
        var at = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return new DateTimeOffset(at).ToOffset(Zone.GetUtcOffset(at));
    }

    /// <summary>"2026-03-05": the value of a date field, a date in a file name or a link.</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date typed in a form or sent to the API: "2026-03-05" (date field, JSON) or "05/03/2026"; none outside the
    /// dates Discret takes in (1900 to 2100, <see cref="Discret.Domain.Input.InputDate"/>).</summary>
    public static DateOnly? ParseDay(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
          && Discret.Domain.Input.InputDate.IsInRange(day) ? day
        : null;
}
