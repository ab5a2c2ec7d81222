namespace Discret.Web.Domain.Rights;

/// <summary>
/// One published version of the information notice. The text is generated from the data catalogue and the
/// département's settings; when either changes, the generated text's fingerprint changes and a new version is kept.
/// Old versions stay readable: an information record names the version the person was given.
/// </summary>
public class NoticeVersion
{
    private NoticeVersion() { }

    public NoticeVersion(int number, string fingerprint, string content, DateTime now)
    {
        Number = number;
        Fingerprint = fingerprint;
        Content = content;
        PublishedAt = now;
    }

    /// <summary>1, 2, 3…</summary>
    public int Number { get; private set; }
    /// <summary>SHA-256 (hex) of <see cref="Content"/>.</summary>
    public string Fingerprint { get; private set; } = "";
    /// <summary>The notice as generated (JSON), so an old version prints as it was given.</summary>
    public string Content { get; private set; } = "";
    public DateTime PublishedAt { get; private set; }
}
