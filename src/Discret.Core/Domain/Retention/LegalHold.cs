using Discret.Domain.Input;

namespace Discret.Domain.Retention;

/// <summary>Why the deletion of a person's data is suspended (closed list).</summary>
public enum HoldReason { Contentieux, RecoursOuReclamation, DemandeDeLaPersonne, RequisitionJudiciaire }

/// <summary>What the DPO reads for the reason of a legal hold.</summary>
public static class HoldReasonLabels
{
    public static string Label(this HoldReason reason) => reason switch
    {
        HoldReason.Contentieux => "Contentieux",
        HoldReason.RecoursOuReclamation => "Recours ou réclamation",
        HoldReason.DemandeDeLaPersonne => "Demande de la personne",
        HoldReason.RequisitionJudiciaire => "Réquisition judiciaire",
        _ => ClosedList.Unknown(reason),
    };
}

/// <summary>
/// A legal hold (gel de la suppression): the DPO suspends the archiving and the deletion of one person's data for a
/// recorded reason and a set duration — litigation, a complaint, the person's own request. The hold is visible and
/// expires by itself; the retention job leaves the person's data alone while it runs.
/// </summary>
public class LegalHold : Persons.IPersonalData
{
    public const int MaxDetailsLength = 500;
    public const int MaxMonths = 60;

    private LegalHold() { }

    public LegalHold(Guid personId, HoldReason reason, string? details, DateOnly from, DateOnly until, Guid setById, DateTime now)
    {
        Id = Guid.NewGuid();
        PersonId = personId;
        Reason = reason;
        Details = details;
        From = from;
        Until = until;
        SetById = setById;
        SetAt = now;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public HoldReason Reason { get; private set; }
    /// <summary>The reference of the case, through the sobriety guard (never the content of the dispute).</summary>
    public string? Details { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly Until { get; private set; }
    public Guid SetById { get; private set; }
    public DateTime SetAt { get; private set; }
    public DateOnly? LiftedOn { get; private set; }
    public Guid? LiftedById { get; private set; }

    /// <summary>In force on a day: not lifted, and the day within its dates. The one statement of the rule, for queries
    /// (<c>InForce.For(day)</c>: the retention job's holds, the file's banner) and code (<c>InForce.Holds(hold, day)</c>: the list's states).</summary>
    public static readonly Rule<LegalHold, DateOnly> InForce = new((h, day) => h.LiftedOn == null && h.From <= day && day <= h.Until);

    public void Lift(DateOnly on, Guid byId)
    {
        LiftedOn = on;
        LiftedById = byId;
    }
}
