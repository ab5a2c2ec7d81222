namespace Discret.Web.Features.Journal;

/// <summary>Journal settings (<c>Discret:Journal</c>).</summary>
public sealed class JournalSettings
{
    /// <summary>How long entries are kept (CNIL: 6 months to 1 year for access logs).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);
    /// <summary>How often the head of the chain is sealed into an anchor file.</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often the retention purge runs.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(24);
    /// <summary>
    /// False when the application's database role may not delete journal rows (recommended on PostgreSQL, README
    /// "Journal"): the purge then runs only from the <c>purge-journal</c> command under the owner role.
    /// </summary>
    public bool PurgeInProcess { get; set; } = true;
    /// <summary>Where anchors are written: outside the database, shared by every instance. Default: the data folder's journal-anchors.</summary>
    public string? AnchorDirectory { get; set; }
    /// <summary>The anchors' signing key (HMAC-SHA-256), base64, at least 32 bytes; or <see cref="AnchorKeyFile"/>.</summary>
    public string? AnchorKey { get; set; }
    /// <summary>A file holding the key (created with a random key when absent). Default: the data folder's journal-anchor.key.</summary>
    public string? AnchorKeyFile { get; set; }
}
