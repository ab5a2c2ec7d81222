namespace Discret.Domain.Persons;

/// <summary>
/// Marks an entity that holds personal data of the persons the service accompanies. Every mapped property
/// of such an entity must be declared in the data catalogue (a test enforces it).
/// </summary>
public interface IPersonalData;
