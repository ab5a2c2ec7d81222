namespace Discret.Web.Features.Journal;

/// <summary>Journal settings (<c>Discret:Journal</c>).</summary>
public sealed class JournalSettings
{
    /// <summary>How long entries are kept (CNIL: 6 months to 1 year for access logs).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);
    /// <summary>How often the head of the chain is sealed into a lasting anchor file (<c>anchor-&lt;seq&gt;.json</c>).</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>
    /// How often the head witness (<c>anchor-head.json</c>, beside the anchors, signed like them) is rewritten when the
    /// journal grew: the longest time the newest entries could be cut off without verification noticing.
    /// </summary>
    public TimeSpan WitnessInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>How often the retention purge runs.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(24);
    /// <summary>
    /// False when the application's database role may not delete journal rows (recommended on PostgreSQL, README
    /// "Journal"): the purge then runs only from the <c>purge-journal</c> command under the owner role.
    /// </summary>
    public bool PurgeInProcess { get; set; } = true;
    /// <summary>
    /// Verification reads the chain in segments of this many entries, several at once (one per processor), and puts them
    /// end to end: each segment's first entry must follow the previous segment's last.
    /// </summary>
    public int VerifySegment { get; set; } = 2_000_000;
    /// <summary>Where anchors are written: outside the database and its folder, shared by every instance. Default: <c>journal/anchors</c>
    /// in the application's root.</summary>
    public string? AnchorDirectory { get; set; }
    /// <summary>The anchors' signing key (HMAC-SHA-256), base64, at least 32 bytes; or <see cref="AnchorKeyFile"/>.</summary>
    public string? AnchorKey { get; set; }
    /// <summary>A file holding the key (created with a random key, mode 0600, when absent). Default: <c>journal/anchor.key</c> in the
    /// application's root. Outside Development, Discret refuses to start when it is in the SQLite database's folder or open to other accounts.</summary>
    public string? AnchorKeyFile { get; set; }
}
