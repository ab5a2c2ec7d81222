namespace Discret.Domain.Rights;

/// <summary>
/// A value as it was before a rectification made on the person's request (GDPR art. 16; R20: "rectified value
/// visible, old value in audit trail only"). The file shows the new value; the previous one is kept here, read by the
/// DPO on the request's page and given to the person in the access export, and goes with the request (its retention)
/// or with the file (erasure, retention job), whichever comes first.
/// </summary>
public class RectifiedValue : Persons.IPersonalData
{
    public const int MaxValueLength = 300;

    private RectifiedValue() { }

    public RectifiedValue(Guid rightsRequestId, Guid personId, string field, string? previous, Guid rectifiedById, DateTime now)
    {
        Id = Guid.NewGuid();
        RightsRequestId = rightsRequestId;
        PersonId = personId;
        Field = field;
        Previous = previous is { Length: > MaxValueLength } ? previous[..MaxValueLength] : previous;
        RectifiedById = rectifiedById;
        RectifiedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid RightsRequestId { get; private set; }
    public Guid PersonId { get; private set; }
    /// <summary>The catalogue property rectified (<c>BirthName</c>, <c>Phone</c>, <c>AddressLine</c>…).</summary>
    public string Field { get; private set; } = "";
    /// <summary>The value before the rectification (null when there was none).</summary>
    public string? Previous { get; private set; }
    public Guid RectifiedById { get; private set; }
    public DateTime RectifiedAt { get; private set; }
}
