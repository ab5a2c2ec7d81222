using Discret.Time;

namespace Discret.Domain.Input;

/// <summary>
/// The dates Discret takes in, whatever the field: from 1 January 1900 to 31 December 2100. A year 9999 or 0001 has no
/// meaning here and broke the journal's pages and API (a day after 31/12/9999 does not exist). Fields with a rule of their
/// own narrow it further (a birth date is not in the future). Applied at each door like <see cref="InputText"/>.
/// </summary>
public static class InputDate
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static bool IsInRange(DateOnly day) => day >= Earliest && day <= Latest;

    public static bool IsInRange(DateTime time) => IsInRange(new DateOnly(time.Year, time.Month, time.Day));

    public static string? Problem(DateOnly day) => IsInRange(day) ? null : OutOfRangeMessage;

    public static string? Problem(DateTime time) => IsInRange(time) ? null : OutOfRangeMessage;

    public static readonly string OutOfRangeMessage =
        $"Cette date est hors des limites admises (du {ParisTime.Day(Earliest)} au {ParisTime.Day(Latest)}) : vérifiez l'année.";
}
