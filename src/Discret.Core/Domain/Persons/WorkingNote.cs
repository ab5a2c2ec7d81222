namespace Discret.Domain.Persons;

/// <summary>
/// A worker's own working note on a follow-up: readable by its author only (no team, no head of circonscription,
/// no DPO, no search). It expires — at the latest after its lifetime, and when the follow-up closes — and is then
/// deleted. It passes the sobriety guard like every free-text field, and belongs to the person's right of access.
/// </summary>
public class WorkingNote : IPersonalData
{
    public const int MaxTextLength = 1000;

    private WorkingNote() { }

    public WorkingNote(Guid followUpId, Guid authorId, string text, DateTime now, DateTime expiresOn)
    {
        Id = Guid.NewGuid();
        FollowUpId = followUpId;
        AuthorId = authorId;
        Text = text;
        CreatedAt = now;
        ExpiresOn = expiresOn;
    }

    public Guid Id { get; private set; }
    public Guid FollowUpId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    /// <summary>When the purge deletes the note (UTC).</summary>
    public DateTime ExpiresOn { get; private set; }
}
