namespace Discret.Domain.Retention;

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

    public RetentionSetting(string ruleCode, int activeDays, string? reason, Guid setById, DateTime now, int? archiveDays = null, string? archiveJustification = null)
    {
        RuleCode = ruleCode;
        Change(activeDays, reason, setById, now, archiveDays, archiveJustification);
    }

    public string RuleCode { get; private set; } = "";
    public int ActiveDays { get; private set; }
    public string? Reason { get; private set; }
    /// <summary>Days in the intermediate archive after the active period; null: none (the default — an archive needs a
    /// written justification, CNIL délibération 2023-095).</summary>
    public int? ArchiveDays { get; private set; }
    /// <summary>The written justification of the intermediate archive (legal obligation, evidence within a limitation period).</summary>
    public string? ArchiveJustification { get; private set; }
    public Guid SetById { get; private set; }
    public DateTime SetAt { get; private set; }

    public void Change(int activeDays, string? reason, Guid setById, DateTime now, int? archiveDays = null, string? archiveJustification = null)
    {
        ActiveDays = activeDays;
        Reason = reason;
        ArchiveDays = archiveDays;
        ArchiveJustification = archiveDays is null ? null : archiveJustification;
        SetById = setById;
        SetAt = now;
    }
}
