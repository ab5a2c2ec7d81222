using Discret.Catalogue;

namespace Discret.Domain.Persons;

/// <summary>An interview (entretien) within a follow-up: when, how, who was there, what was addressed and decided, a short shared summary.</summary>
public class Interview : IPersonalData
{
    public const int MaxSummaryLength = 1000;

    private Interview() { }

    public Interview(Guid followUpId, Guid authorId, InterviewContent content, DateTime now)
    {
        Id = Guid.NewGuid();
        FollowUpId = followUpId;
        AuthorId = authorId;
        CreatedAt = now;
        OccurredOn = content.OccurredOn;
        Kind = content.Kind;
        ParticipantMemberIds = content.ParticipantMemberIds.Distinct().ToList();
        Motives = content.Motives.Distinct().ToList();
        Actions = content.Actions.Distinct().ToList();
        Summary = content.Summary;
        Provenance = content.Provenance;
    }

    public Guid Id { get; private set; }
    public Guid FollowUpId { get; private set; }
    public Guid AuthorId { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public InterviewKind Kind { get; private set; }
    /// <summary>Members of the household present (the professionals present are the author and the team).</summary>
    public List<Guid> ParticipantMemberIds { get; private set; } = [];
    public List<FollowUpMotive> Motives { get; private set; } = [];
    public List<InterviewAction> Actions { get; private set; } = [];
    public string? Summary { get; private set; }
    public Provenance Provenance { get; private set; } = Provenance.AProfessional;
    public DateTime CreatedAt { get; private set; }
    /// <summary>When the author last corrected the summary (null when never corrected).</summary>
    public DateTime? CorrectedAt { get; private set; }
    /// <summary>Optimistic concurrency: a correction starts from the version read.</summary>
    public int Version { get; private set; }

    /// <summary>Whether the author may still correct the interview at <paramref name="now"/> (else only an addendum).</summary>
    public bool Correctable(DateTime now, TimeSpan window) => now < CreatedAt + window;

    /// <summary>Replaces the summary; the text it had goes into the history, returned to be stored.</summary>
    public InterviewRevision Correct(string summary, Guid personId, DateTime now)
    {
        var revision = new InterviewRevision(Id, personId, Summary, AuthorId, now);
        Summary = summary;
        CorrectedAt = now;
        Version++;
        return revision;
    }
}

/// <summary>
/// The summary of an interview as it was before its author corrected it (R20 logic, like <c>RectifiedValue</c>): the
/// interview shows the corrected text; the previous one is kept here, read by the author only and given to the person
/// in the access export, and deleted with the interview.
/// </summary>
public class InterviewRevision : IPersonalData
{
    private InterviewRevision() { }

    public InterviewRevision(Guid interviewId, Guid personId, string? previous, Guid correctedById, DateTime now)
    {
        Id = Guid.NewGuid();
        InterviewId = interviewId;
        PersonId = personId;
        Previous = previous;
        CorrectedById = correctedById;
        CorrectedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid InterviewId { get; private set; }
    public Guid PersonId { get; private set; }
    /// <summary>The summary before the correction (null when there was none).</summary>
    public string? Previous { get; private set; }
    public Guid CorrectedById { get; private set; }
    public DateTime CorrectedAt { get; private set; }
}

/// <summary>
/// A dated addendum (« complément du … ») to an interview whose correction window has passed: it adds to the record
/// without changing the original text, and goes with the interview.
/// </summary>
public class InterviewAddendum : IPersonalData
{
    public const int MaxTextLength = 1000;

    private InterviewAddendum() { }

    public InterviewAddendum(Guid interviewId, Guid personId, Guid authorId, string text, DateTime now)
    {
        Id = Guid.NewGuid();
        InterviewId = interviewId;
        PersonId = personId;
        AuthorId = authorId;
        Text = text;
        WrittenAt = now;
    }

    public Guid Id { get; private set; }
    public Guid InterviewId { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime WrittenAt { get; private set; }
}

public sealed record InterviewContent(DateOnly OccurredOn, InterviewKind Kind, IReadOnlyList<Guid> ParticipantMemberIds,
    IReadOnlyList<FollowUpMotive> Motives, IReadOnlyList<InterviewAction> Actions, string? Summary, Provenance Provenance);
