using System.Globalization;
using System.Text.RegularExpressions;

namespace Discret.Domain.Persons;

/// <summary>
/// What a worker types to find a person, read the way she types it: name words in any order (birth, usage or first
/// names; particles optional), and possibly the birth date (28/04/1985, 28-04-1985, 1/2/1990), month (04/1985) or
/// year (1985) in the same field.
/// </summary>
public sealed partial record SearchText(IReadOnlyList<SearchText.Term> Words, DateOnly? Day, DateOnly? From, DateOnly? Before)
{
    /// <summary>A typed name word: matched as the beginning of a word of the person's names, or by sound (3 letters or more).</summary>
    public sealed record Term(string Key, string? Sound)
    {
        /// <summary>Keys hold a–z only: '{' sorts right after 'z', so [Key, Upper) is the range of words starting with Key.</summary>
        public string Upper => Key + "{";
    }

    public const int MaxLength = Person.MaxNameLength;
    public const int MinSoundLength = 3;

    public static (SearchText? Text, string? Problem) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, "Saisissez au moins les deux premières lettres du nom.");
        if (text.Length > MaxLength) return (null, "La recherche est trop longue (100 caractères au plus).");
        DateOnly? day = null, from = null, before = null;
        var names = new List<string>();
        foreach (var token in text.Split((char[])[' ', '\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!token.Any(char.IsDigit))
            {
                if (token.Any(c => !char.IsLetter(c) && c is not ('-' or '\'' or '’' or '.') && char.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
                    return (null, "La recherche ne peut contenir que des lettres, des espaces, des traits d'union, des apostrophes et une date de naissance.");
                names.Add(token);
                continue;
            }
            var date = DateToken().Match(token);
            if (date.Success && (day ?? from) is null)
            {
                var year = int.Parse(date.Groups["y"].Value, CultureInfo.InvariantCulture);
                if (year is < 1800 or > 9998) return (null, DateProblem);
                if (date.Groups["d"].Success)
                {
                    if (!DateOnly.TryParseExact($"{date.Groups["d"].Value.PadLeft(2, '0')}/{date.Groups["m"].Value.PadLeft(2, '0')}/{year}", "dd/MM/yyyy",
                            CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                        return (null, DateProblem);
                    day = d;
                }
                else if (date.Groups["m"].Success)
                {
                    var month = int.Parse(date.Groups["m"].Value, CultureInfo.InvariantCulture);
                    if (month is < 1 or > 12) return (null, DateProblem);
                    from = new DateOnly(year, month, 1);
                    before = from.Value.AddMonths(1);
                }
                else
                {
                    from = new DateOnly(year, 1, 1);
                    before = from.Value.AddYears(1);
                }
                continue;
            }
            return (null, DateProblem);
        }
        var words = names.SelectMany(NameWords.Split).ToList();
        var significant = words.Where(w => !NameWords.Particles.Contains(w)).ToList();
        if (significant.Count > 0) words = significant;
        if (words.Sum(w => w.Length) < 2) return (null, "Saisissez au moins deux lettres du nom.");
        var terms = words.Distinct(StringComparer.Ordinal)
            .Select(w => new Term(w, w.Length >= MinSoundLength ? NameKeys.WordSound(w) : null)).ToList();
        return (new SearchText(terms, day, from, before), null);
    }

    private const string DateProblem =
        "Tapez la date de naissance sous la forme 28/04/1985, le mois sous la forme 04/1985 ou l'année seule (1985).";

    [GeneratedRegex(@"^(?:(?:(?<d>\d{1,2})[/.\-])?(?<m>\d{1,2})[/.\-])?(?<y>\d{4})$")]
    private static partial Regex DateToken();
}
