using Discret.Catalogue;

namespace Discret.Domain.Persons;

/// <summary>
/// One word of a person's names as the search finds it: each word of the birth name, the usage name and the first names
/// (normalised, particles left out), and each name written together ("de la Fontaine" → "delafontaine" and "fontaine").
/// Derived from the names whenever they are written (<see cref="Data.NameWordsSync"/>), deleted with the person.
/// The circonscription is the person's (it never changes): a circonscription-wide search reads an index range of its
/// own words only, never the département's.
/// </summary>
public class PersonNameWord : IPersonalData
{
    public const int MaxWordLength = Person.MaxFirstNamesLength;

    private PersonNameWord() { }

    public PersonNameWord(Guid personId, Guid circonscriptionId, string word)
    {
        PersonId = personId;
        CirconscriptionId = circonscriptionId;
        Word = word;
        Sound = NameKeys.WordSound(word);
    }

    public Guid PersonId { get; private set; }
    public Guid CirconscriptionId { get; private set; }
    public string Word { get; private set; } = "";
    public string Sound { get; private set; } = "";
}

/// <summary>How names are cut into words, for the person's names and for what is typed in a search alike.</summary>
public static class NameWords
{
    /// <summary>French particles: typed or not, they do not decide a match ("Fontaine" finds « de la Fontaine »).</summary>
    public static readonly IReadOnlySet<string> Particles = new HashSet<string> { "de", "du", "des", "la", "le", "les", "d", "l" };

    /// <summary>The normalised words of one name ("Jean-Pierre" → jean, pierre; "d'Arvieux" → d, arvieux), in order.</summary>
    public static IReadOnlyList<string> Split(string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? []
            : LetterRuns(name).Select(NameKeys.Normalize).Where(w => w.Length > 0).ToList();

    private static IEnumerable<string> LetterRuns(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && (char.IsLetter(text[i]) || char.GetUnicodeCategory(text[i]) == System.Globalization.UnicodeCategory.NonSpacingMark);
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0) { yield return text[start..i]; start = -1; }
        }
    }

    /// <summary>
    /// The words a person is found by: every word of each name but the particles, each name written together, with and
    /// without its particles ("Le Quéméner-Dauphin" → quemener, dauphin, lequemenerdauphin, quemenerdauphin).
    /// A name made of particles only ("Le") is found by itself.
    /// </summary>
    public static IReadOnlySet<string> Of(string birthName, string? usageName, string firstNames)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in new[] { birthName, usageName, firstNames })
        {
            var all = Split(name);
            if (all.Count == 0) continue;
            var significant = all.Where(w => !Particles.Contains(w)).ToList();
            words.UnionWith(significant);
            words.Add(Truncate(string.Concat(all)));
            if (significant.Count > 0) words.Add(Truncate(string.Concat(significant)));
        }
        return words;
    }

    public static IEnumerable<PersonNameWord> For(Person person) =>
        Of(person.BirthName, person.UsageName, person.FirstNames).Select(w => new PersonNameWord(person.Id, person.CirconscriptionId, w));

    private static string Truncate(string word) => word.Length > PersonNameWord.MaxWordLength ? word[..PersonNameWord.MaxWordLength] : word;
}
