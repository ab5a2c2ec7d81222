using System.Text.Json;
using Discret.Domain.Persons;

namespace Discret.Tests.Security;

/// <summary>
/// The identity fields' formats (Domain/Input/IdentityFormat, applied by <see cref="PersonIdentity.Validate"/> for every
/// form and the API) against an acceptance corpus written from the rule alone, by someone who did not write the code:
/// names, phone numbers, e-mail addresses, each valid and invalid.
/// </summary>
public class IdentityFieldsCorpusTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    public static TheoryData<string, string, bool> Cases()
    {
        using var corpus = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Security", "identity-fields-corpus.json")));
        var cases = new TheoryData<string, string, bool>();
        foreach (var field in corpus.RootElement.EnumerateObject())
            foreach (var (kind, valid) in new[] { ("valid", true), ("invalid", false) })
                foreach (var text in field.Value.GetProperty(kind).EnumerateArray())
                    cases.Add(field.Name, text.GetString()!, valid);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_value_of_the_corpus_is_accepted_or_refused_as_its_rule_says(string field, string value, bool valid)
    {
        var (_, errors) = field switch
        {
            // The birth name stands for every name (usage name, first names, a household member's, an account holder's).
            "name" => PersonIdentity.Validate(value, null, "Alex", new DateOnly(1980, 5, 17), null, null, Today),
            "phone" => PersonIdentity.Validate("Essai", null, "Alex", new DateOnly(1980, 5, 17), value, null, Today),
            "email" => PersonIdentity.Validate("Essai", null, "Alex", new DateOnly(1980, 5, 17), null, value, Today),
            _ => throw new InvalidOperationException($"A field the corpus names and this test does not know: {field}"),
        };
        var key = field switch { "name" => nameof(PersonIdentity.BirthName), "phone" => nameof(PersonIdentity.Phone), _ => nameof(PersonIdentity.Email) };
        Assert.True(valid == !errors.ContainsKey(key), $"{field} « {value} » : {(valid ? "refused" : "accepted")} {string.Join(" ", errors.Values)}");
    }
}
