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
}

public sealed record InterviewContent(DateOnly OccurredOn, InterviewKind Kind, IReadOnlyList<Guid> ParticipantMemberIds,
    IReadOnlyList<FollowUpMotive> Motives, IReadOnlyList<InterviewAction> Actions, string? Summary, Provenance Provenance);
