namespace Discret.Domain.Letters;

/// <summary>
/// One version of the département's template for a kind of letter. A save never changes a version: it adds the next
/// one, so a letter names the version it was written from and that text stays readable. The body is the département's
/// own wording with merge fields (<see cref="MergeFields"/>), never a person's data: it is no personal data.
/// </summary>
public class LetterTemplate
{
    public const int MaxTitleLength = 150;
    public const int MaxBodyLength = 6000;

    private LetterTemplate() { }

    public LetterTemplate(LetterKind kind, int version, string title, string body, Guid? savedById, DateTime now)
    {
        Id = Guid.CreateVersion7();
        Kind = kind;
        Version = version;
        Title = title;
        Body = body;
        SavedById = savedById;
        SavedAt = now;
    }

    public Guid Id { get; private set; }
    public LetterKind Kind { get; private set; }
    /// <summary>1, 2, 3… per kind.</summary>
    public int Version { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    /// <summary>The administrator who saved it (null: the default template written at first start).</summary>
    public Guid? SavedById { get; private set; }
    public DateTime SavedAt { get; private set; }
}
