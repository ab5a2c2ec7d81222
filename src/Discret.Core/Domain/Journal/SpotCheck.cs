namespace Discret.Domain.Journal;

/// <summary>A "contrôle inopiné": a random sample of recent journal entries drawn by the DPO, each then judged.</summary>
public class SpotCheck
{
    private SpotCheck() { }

    public SpotCheck(Guid dpoId, DateTime now)
    {
        Id = Guid.NewGuid();
        DrawnBy = dpoId;
        DrawnAt = now;
    }

    public Guid Id { get; private set; }
    public Guid DrawnBy { get; private set; }
    public DateTime DrawnAt { get; private set; }
    public List<SpotCheckItem> Items { get; private set; } = [];
}

public enum SpotCheckVerdict { Justifie, AExaminer }

/// <summary>One sampled journal entry and the DPO's judgement of it.</summary>
public class SpotCheckItem
{
    public const int MaxObservationLength = 500;

    private SpotCheckItem() { }

    public SpotCheckItem(Guid spotCheckId, long journalSeq)
    {
        Id = Guid.NewGuid();
        SpotCheckId = spotCheckId;
        JournalSeq = journalSeq;
    }

    public Guid Id { get; private set; }
    public Guid SpotCheckId { get; private set; }
    public long JournalSeq { get; private set; }
    public SpotCheckVerdict? Verdict { get; private set; }
    /// <summary>The DPO's observation: free text, through the sobriety guard.</summary>
    public string? Observation { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    public void Decide(SpotCheckVerdict verdict, string? observation, DateTime now)
    {
        Verdict = verdict;
        Observation = string.IsNullOrWhiteSpace(observation) ? null : observation.Trim();
        DecidedAt = now;
    }
}

/// <summary>The outcome of one run of the chain verification, kept for the DPO console.</summary>
public class JournalVerification
{
    public const int MaxProblemLength = 500;

    private JournalVerification() { }

    public JournalVerification(DateTime at, bool intact, long entriesChecked, int anchorsChecked, long? brokenAt, string? problem)
    {
        Id = Guid.NewGuid();
        At = at;
        Intact = intact;
        EntriesChecked = entriesChecked;
        AnchorsChecked = anchorsChecked;
        BrokenAt = brokenAt;
        Problem = problem is { Length: > MaxProblemLength } ? problem[..MaxProblemLength] : problem;
    }

    public Guid Id { get; private set; }
    public DateTime At { get; private set; }
    public bool Intact { get; private set; }
    public long EntriesChecked { get; private set; }
    public int AnchorsChecked { get; private set; }
    public long? BrokenAt { get; private set; }
    public string? Problem { get; private set; }
}
