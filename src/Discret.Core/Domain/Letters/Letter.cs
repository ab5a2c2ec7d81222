using Discret.Domain.Persons;

namespace Discret.Domain.Letters;

/// <summary>
/// A letter produced for a person. The PDF itself is not kept (it is handed over or posted, and a copy in Discret would
/// be one more copy of the person's data): Discret keeps the fact — which kind, from which template version, about which
/// request or consent, when and by whom — listed on the file under « Courriers » and given in the access export.
/// Deleted with the file (cascade from the person).
/// </summary>
public class Letter : IPersonalData
{
    private Letter() { }

    public Letter(Guid personId, LetterKind kind, int templateVersion, Guid? referenceId, Guid producedById, DateTime now)
    {
        Id = Guid.CreateVersion7();
        PersonId = personId;
        Kind = kind;
        TemplateVersion = templateVersion;
        ReferenceId = referenceId;
        ProducedById = producedById;
        ProducedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public LetterKind Kind { get; private set; }
    public int TemplateVersion { get; private set; }
    /// <summary>The rights request or the consent the letter is about, when its kind has one.</summary>
    public Guid? ReferenceId { get; private set; }
    public Guid ProducedById { get; private set; }
    public DateTime ProducedAt { get; private set; }
}
