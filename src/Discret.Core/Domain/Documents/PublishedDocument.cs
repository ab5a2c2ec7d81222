namespace Discret.Domain.Documents;

/// <summary>The documents Discret generates from its catalogue and settings and publishes in versions.</summary>
public enum DocumentKind { NoticeInformation, RegistreDesTraitements, AnalyseImpact }

/// <summary>
/// One published version of a generated document (the information notice, the register of processing, the impact assessment). The text
/// is generated from the data catalogue and the settings; when its fingerprint changes, a new version is kept.
/// Old versions stay readable as they were: an information record names the version the person was given.
/// </summary>
public class PublishedDocument
{
    private PublishedDocument() { }

    public PublishedDocument(DocumentKind kind, int number, string fingerprint, string content, DateTime now)
    {
        Kind = kind;
        Number = number;
        Fingerprint = fingerprint;
        Content = content;
        PublishedAt = now;
    }

    public DocumentKind Kind { get; private set; }
    /// <summary>1, 2, 3… per kind.</summary>
    public int Number { get; private set; }
    /// <summary>SHA-256 (hex) of <see cref="Content"/>.</summary>
    public string Fingerprint { get; private set; } = "";
    /// <summary>The document as generated (JSON), so an old version prints as it was.</summary>
    public string Content { get; private set; } = "";
    public DateTime PublishedAt { get; private set; }
}
