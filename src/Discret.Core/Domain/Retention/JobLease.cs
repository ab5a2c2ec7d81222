namespace Discret.Domain.Retention;

/// <summary>
/// A lock held in the database by the one instance that runs a job: taken by a conditional UPDATE (free, or its lease
/// expired), renewed while the job runs, released at the end. With several instances, the others find it taken and
/// skip the run; an instance that died leaves a lease that expires. The row also keeps the last run (which instance,
/// when, how it ended), which the DPO console shows.
/// </summary>
public class JobLease
{
    public const string Retention = "conservation";
    /// <summary>The nightly computation of the anonymous statistics.</summary>
    public const string Statistics = "statistiques";
    /// <summary>The journal's sealing into anchors and its purge (<c>JournalMaintenanceService</c>).</summary>
    public const string Journal = "journal";
    /// <summary>The purge of expired working notes.</summary>
    public const string WorkingNotes = "notes-de-travail";
    /// <summary>The purge of the API's idempotency records and the forms' one-time tokens.</summary>
    public const string Idempotency = "idempotence";
    /// <summary>The purge of ended server sessions.</summary>
    public const string Sessions = "sessions";
    /// <summary>The clearing of the data of accounts deactivated long enough.</summary>
    public const string DeactivatedAccounts = "comptes-desactives";

    public static readonly string[] All = [Retention, Statistics, Journal, WorkingNotes, Idempotency, Sessions, DeactivatedAccounts];

    public const int MaxOutcomeLength = 20;

    private JobLease() { }

    public JobLease(string name) => Name = name;

    public string Name { get; private set; } = "";
    public string? Holder { get; private set; }
    public DateTime? Until { get; private set; }
    /// <summary>The instance (machine/process) of the last run, and when it started and ended.</summary>
    public string? LastHolder { get; private set; }
    public DateTime? LastStartedAt { get; private set; }
    public DateTime? LastEndedAt { get; private set; }
    /// <summary>« en cours », « terminé », « échec » or « interrompu » (the lease was lost).</summary>
    public string? LastOutcome { get; private set; }
}
