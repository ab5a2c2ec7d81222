namespace Discret.Domain.Organisation;

/// <summary>A local office of the département's social service (circonscription d'action sociale).</summary>
public class Circonscription
{
    private Circonscription() { }

    public Circonscription(string name)
    {
        Id = Guid.CreateVersion7();
        Name = name;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";

    public void Rename(string name) => Name = name;
}
