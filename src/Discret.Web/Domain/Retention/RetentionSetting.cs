namespace Discret.Web.Domain.Retention;

/// <summary>
/// A département's own active-base duration for one retention rule of the catalogue. Shorter than the reference:
/// always allowed. Longer: only with a recorded reason, which the register of processing shows. No row: the
/// catalogue's reference duration applies.
/// </summary>
public class RetentionSetting
{
    public const int MaxReasonLength = 500;
    public const int MaxDays = 3650;

    private RetentionSetting() { }

    public RetentionSetting(string ruleCode, int activeDays, string? reason, Guid setById, DateTime now)
    {
        RuleCode = ruleCode;
        Change(activeDays, reason, setById, now);
    }

    public string RuleCode { get; private set; } = "";
    public int ActiveDays { get; private set; }
    public string? Reason { get; private set; }
    public Guid SetById { get; private set; }
    public DateTime SetAt { get; private set; }

    public void Change(int activeDays, string? reason, Guid setById, DateTime now)
    {
        ActiveDays = activeDays;
        Reason = reason;
        SetById = setById;
        SetAt = now;
    }
}
