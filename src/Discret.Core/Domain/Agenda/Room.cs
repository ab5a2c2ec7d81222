namespace Discret.Domain.Agenda;

/// <summary>A room of a circonscription's office where appointments are held (a list the administrator keeps).</summary>
public class Room
{
    public const int MaxNameLength = 80;

    private Room() { }

    public Room(Guid circonscriptionId, string name)
    {
        Id = Guid.CreateVersion7();
        CirconscriptionId = circonscriptionId;
        Name = name;
        IsActive = true;
    }

    public Guid Id { get; private set; }
    public Guid CirconscriptionId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>A room taken out of service keeps its past appointments but takes no new one.</summary>
    public bool IsActive { get; private set; }

    public void Rename(string name) => Name = name;
    public void Withdraw() => IsActive = false;
    public void Restore() => IsActive = true;
}
