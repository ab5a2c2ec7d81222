namespace Discret.Domain.Persons;

/// <summary>A household (ménage): the people living together and their address. A person alone forms a household of one.</summary>
public class Household : IPersonalData
{
    private Household() { }

    public Household(HouseholdAddress address, DateTime now)
    {
        Id = Guid.NewGuid();
        CreatedAt = now;
        Apply(address);
    }

    public Guid Id { get; private set; }
    public string? AddressLine { get; private set; }
    public string? PostalCode { get; private set; }
    public string? City { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int Version { get; private set; }

    public void Move(HouseholdAddress address)
    {
        Apply(address);
        Version++;
    }

    private void Apply(HouseholdAddress a)
    {
        AddressLine = a.Line;
        PostalCode = a.PostalCode;
        City = a.City;
    }
}

public sealed record HouseholdAddress(string? Line, string? PostalCode, string? City)
{
    public static (HouseholdAddress? Address, Dictionary<string, string> Errors) Validate(string? line, string? postalCode, string? city)
    {
        var errors = new Dictionary<string, string>();
        line = string.IsNullOrWhiteSpace(line) ? null : line.Trim();
        postalCode = string.IsNullOrWhiteSpace(postalCode) ? null : postalCode.Trim();
        city = string.IsNullOrWhiteSpace(city) ? null : city.Trim();
        if (line is { Length: > 200 }) errors["AddressLine"] = "L'adresse est trop longue (200 caractères au plus).";
        if (postalCode is not null && (postalCode.Length != 5 || !postalCode.All(char.IsAsciiDigit)))
            errors["PostalCode"] = "Le code postal compte 5 chiffres, par exemple 99000.";
        if (city is { Length: > 100 }) errors["City"] = "Le nom de la commune est trop long (100 caractères au plus).";
        return errors.Count > 0 ? (null, errors) : (new HouseholdAddress(line, postalCode, city), errors);
    }

    public override string ToString() => string.Join(", ", new[] { Line, string.Join(' ', new[] { PostalCode, City }.Where(x => x is not null)) }.Where(x => !string.IsNullOrEmpty(x)));
}
