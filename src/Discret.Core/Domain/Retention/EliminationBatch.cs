using Discret.Domain.Input;

namespace Discret.Domain.Retention;

/// <summary>
/// Where a batch of data past retention stands. A département's files are public archives (Code du patrimoine L.211-4,
/// L.212-3): nothing is destroyed without the visa of the archives service.
/// </summary>
public enum BatchStatus
{
    /// <summary>The nightly job adds to it what reaches the end of its retention.</summary>
    EnPreparation,
    /// <summary>The DPO sent the elimination list to the archives service: the batch no longer grows.</summary>
    Soumis,
    /// <summary>The archives service approved the destruction (visa date and reference recorded): the job deletes it.</summary>
    Vise,
    /// <summary>Deleted.</summary>
    Execute,
}

/// <summary>What the DPO reads for where an elimination batch stands.</summary>
public static class BatchStatusLabels
{
    public static string Label(this BatchStatus status) => status switch
    {
        BatchStatus.EnPreparation => "En préparation",
        BatchStatus.Soumis => "Soumis au service des archives",
        BatchStatus.Vise => "Visé par le service des archives",
        BatchStatus.Execute => "Éliminé",
        _ => ClosedList.Unknown(status),
    };
}

/// <summary>
/// A batch of data past retention, listed on an elimination list (bordereau d'élimination): counts by category,
/// circonscription and year, never names. The rows themselves carry the batch's id (persons, follow-ups, rights
/// requests); at execution each is checked again against the rules in force, so a batch deletes at most what the
/// archives service approved, never more.
/// </summary>
public class EliminationBatch
{
    public const int MaxVisaReferenceLength = 100;

    private EliminationBatch() { }

    public EliminationBatch(int number, DateTime now)
    {
        Id = Guid.NewGuid();
        Number = number;
        CreatedAt = now;
        Status = BatchStatus.EnPreparation;
    }

    public Guid Id { get; private set; }
    public int Number { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public BatchStatus Status { get; private set; }
    /// <summary>The elimination list as submitted (JSON lines: category, circonscription, year, count), frozen so the
    /// list printed after the deletion is the one the archives service signed.</summary>
    public string? ListJson { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public Guid? SubmittedById { get; private set; }
    public DateOnly? VisaDate { get; private set; }
    public string? VisaReference { get; private set; }
    public Guid? VisaRecordedById { get; private set; }
    /// <summary>When the batch was exported for transfer to the archives service (a sample kept), before deletion.</summary>
    public DateTime? ExportedAt { get; private set; }
    /// <summary>When the anonymous statistics of the batch were kept (once, before the first deletion).</summary>
    public DateTime? AggregatedAt { get; private set; }
    public DateTime? ExecutedAt { get; private set; }

    public void Submit(string listJson, Guid byId, DateTime now)
    {
        if (Status != BatchStatus.EnPreparation) throw new InvalidOperationException("Batch already submitted.");
        ListJson = listJson;
        SubmittedById = byId;
        SubmittedAt = now;
        Status = BatchStatus.Soumis;
    }

    public void Approve(DateOnly visaDate, string visaReference, Guid byId)
    {
        if (Status != BatchStatus.Soumis) throw new InvalidOperationException("Only a submitted batch is approved.");
        VisaDate = visaDate;
        VisaReference = visaReference;
        VisaRecordedById = byId;
        Status = BatchStatus.Vise;
    }

    public void MarkExported(DateTime now) => ExportedAt = now;

    public void MarkAggregated(DateTime now) => AggregatedAt = now;

    public void MarkExecuted(DateTime now)
    {
        ExecutedAt = now;
        Status = BatchStatus.Execute;
    }
}
