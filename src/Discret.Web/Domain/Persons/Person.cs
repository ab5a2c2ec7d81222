namespace Discret.Web.Domain.Persons;

/// <summary>
/// A person known to the service. Deliberately minimal here: the person's file (household, follow-ups,
/// interviews, provenance) and the data catalogue that governs each field come with the person's-file feature.
/// </summary>
public class Person
{
    private Person() { }

    public Person(string birthName, string? usageName, string firstNames, DateOnly birthDate, Guid circonscriptionId, DateTime now)
    {
        Id = Guid.CreateVersion7();
        BirthName = birthName;
        UsageName = usageName;
        FirstNames = firstNames;
        BirthDate = birthDate;
        CirconscriptionId = circonscriptionId;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public string BirthName { get; private set; } = "";
    public string? UsageName { get; private set; }
    public string FirstNames { get; private set; } = "";
    public DateOnly BirthDate { get; private set; }
    public Guid CirconscriptionId { get; private set; }
    public DateTime CreatedAt { get; private set; }
}
