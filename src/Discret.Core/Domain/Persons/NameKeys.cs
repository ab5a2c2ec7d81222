using System.Globalization;
using System.Text;

namespace Discret.Domain.Persons;

/// <summary>
/// Search keys computed when a name is written, so that search is accent- and case-insensitive on every
/// database and tolerant of small spelling differences (Lefèvre / Lefevre / Lefebvre share a sound key).
/// </summary>
public static class NameKeys
{
    /// <summary>Lower case, no accents, letters only ("Le Fèvre-Dupont" → "lefevredupont").</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        // Letters only before decomposing: string.Normalize throws on what is not a valid code point (a lone surrogate,
        // the non-characters U+FFFE and U+FFFF), and none of it would be kept anyway.
        var decomposed = string.Concat(name.Where(char.IsLetter)).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetter(c)) sb.Append(char.ToLowerInvariant(c));
            else if (c is 'æ' or 'Æ') sb.Append("ae");
        }
        return sb.ToString().Replace("œ", "oe").Replace("æ", "ae").Replace("ß", "ss");
    }

    /// <summary>
    /// A French sound key: after normalising, common spellings of one sound are merged (ph→f, bv→v, qu/ck/c→k,
    /// y→i, z→s, w→v, eau/au→o, silent final e/s/t/x/d dropped), then vowels after the first letter and
    /// doubled consonants are removed. "lefebvre", "lefevre" and "lefèvre" all give "lfvr".
    /// </summary>
    public static string Sound(string? name) => Consonants(SpokenSpelling(name));

    /// <summary>
    /// The sound key of one word for the search: the spellings of one sound merged as in <see cref="Sound"/> and doubled
    /// letters reduced, but the vowels kept, so that a search by sound stays close to what was typed ("Bellefont" and
    /// "Belefon", "Mazurel" and "Masurel", "Rigaudeau" and "Rigodo" match; "Tessandier" and "Tessendier" do not).
    /// </summary>
    public static string WordSound(string? word)
    {
        var s = SpokenSpelling(word);
        if (s.Length == 0) return "";
        var sb = new StringBuilder();
        foreach (var c in s)
            if (sb.Length == 0 || sb[^1] != c) sb.Append(c);
        return sb.ToString();
    }

    private static string Consonants(string s)
    {
        if (s.Length == 0) return "";
        var sb = new StringBuilder();
        sb.Append(s[0]);
        for (var i = 1; i < s.Length; i++)
        {
            var c = s[i];
            if ("aeiou".Contains(c)) continue;
            if (sb[^1] == c) continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string SpokenSpelling(string? name)
    {
        var s = Normalize(name);
        if (s.Length == 0) return "";
        s = s.Replace("ph", "f").Replace("bv", "v").Replace("qu", "k").Replace("ck", "k").Replace("gu", "g")
             .Replace("eau", "o").Replace("au", "o").Replace("ou", "u").Replace("y", "i").Replace("z", "s").Replace("w", "v")
             .Replace("h", "");
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] == 'c' && (i + 1 == chars.Length || "aoulrt".Contains(chars[i + 1]))) chars[i] = 'k';
            else if (chars[i] == 'c') chars[i] = 's';
        s = new string(chars);
        while (s.Length > 2 && "estxd".Contains(s[^1])) s = s[..^1];
        return s;
    }
}
