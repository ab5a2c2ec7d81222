using Discret.Catalogue;

namespace Discret.Domain.Persons;

/// <summary>
/// An accompaniment (accompagnement) of a person by the service: a referent worker and a team, motives from a
/// closed list, dates and status. It is what gives a worker the need to know the person's file.
/// </summary>
public class FollowUp : IPersonalData
{
    private readonly List<FollowUpMember> _team = [];

    private FollowUp() { }

    public FollowUp(Guid personId, Guid circonscriptionId, Guid referentId, IEnumerable<FollowUpMotive> motives, DateOnly openedOn, Provenance provenance)
    {
        Id = Guid.NewGuid();
        PersonId = personId;
        CirconscriptionId = circonscriptionId;
        ReferentId = referentId;
        Motives = motives.Distinct().ToList();
        OpenedOn = openedOn;
        Status = FollowUpStatus.Ouvert;
        Provenance = provenance;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid CirconscriptionId { get; private set; }
    public Guid ReferentId { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public FollowUpStatus Status { get; private set; }
    public List<FollowUpMotive> Motives { get; private set; } = [];
    public Provenance Provenance { get; private set; } = Provenance.AProfessional;
    public int Version { get; private set; }
    /// <summary>The elimination batch that lists this closed follow-up for destruction, once its retention has ended.</summary>
    public Guid? EliminationBatchId { get; private set; }
    public IReadOnlyCollection<FollowUpMember> Team => _team;

    public bool IsOpen => Status == FollowUpStatus.Ouvert;

    /// <summary>A worker involved in the follow-up: its referent or a co-worker of its team. The one statement of the rule
    /// for queries (<c>Involves.For(accountId)</c>). <c>PersonAccess</c> states the same two branches twice more, for
    /// speed: inside its compiled query (which cannot take a predicate built at run time) and as an index-friendly UNION;
    /// its access tests prove both.</summary>
    public static readonly Rule<FollowUp, Guid> Involves = new((f, account) => f.ReferentId == account || f.Team.Any(m => m.StaffAccountId == account));

    public void Assign(Guid referentId, IEnumerable<Guid> coWorkers)
    {
        ReferentId = referentId;
        var wanted = coWorkers.Where(id => id != referentId).Distinct().ToHashSet();
        _team.RemoveAll(m => !wanted.Contains(m.StaffAccountId));
        foreach (var id in wanted.Where(id => _team.All(m => m.StaffAccountId != id)))
            _team.Add(new FollowUpMember(Id, id));
        Version++;
    }

    /// <summary>A new referent takes the follow-up over; the former one leaves it, the co-workers stay.</summary>
    public void HandOver(Guid newReferentId) => Assign(newReferentId, _team.Select(m => m.StaffAccountId).ToList());

    public void Describe(IEnumerable<FollowUpMotive> motives, Provenance provenance)
    {
        Motives = motives.Distinct().ToList();
        Provenance = provenance;
        Version++;
    }

    public void Close(DateOnly on)
    {
        if (!IsOpen) throw new InvalidOperationException("Follow-up already closed.");
        ClosedOn = on;
        Status = FollowUpStatus.Clos;
        Version++;
    }
}

/// <summary>A co-worker of a follow-up's team (besides the referent).</summary>
public class FollowUpMember : IPersonalData
{
    private FollowUpMember() { }

    public FollowUpMember(Guid followUpId, Guid staffAccountId)
    {
        FollowUpId = followUpId;
        StaffAccountId = staffAccountId;
    }

    public Guid FollowUpId { get; private set; }
    public Guid StaffAccountId { get; private set; }
}
