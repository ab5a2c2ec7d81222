namespace Discret.Domain.Retention;

/// <summary>
/// A lock held in the database by the one instance that runs a job: taken by a conditional UPDATE (free, or its lease
/// expired), renewed while the job runs, released at the end. With several instances, the others find it taken and
/// skip the run; an instance that died leaves a lease that expires.
/// </summary>
public class JobLease
{
    public const string Retention = "conservation";
    /// <summary>The nightly computation of the anonymous statistics.</summary>
    public const string Statistics = "statistiques";

    private JobLease() { }

    public JobLease(string name) => Name = name;

    public string Name { get; private set; } = "";
    public string? Holder { get; private set; }
    public DateTime? Until { get; private set; }
}
