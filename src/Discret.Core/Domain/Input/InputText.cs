using System.Globalization;

namespace Discret.Domain.Input;

/// <summary>
/// What no text typed into Discret may hold, whatever the field: control characters (C0 other than tab, line feed and
/// carriage return; DEL; C1), halves of a surrogate pair, and the invisible formatting characters that make a text read
/// otherwise than it is stored — bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069: a
/// « ‮ » turns what follows around on screen) and invisible separators (zero-width space U+200B, word joiner U+2060,
/// U+FEFF: they hide a word or a number from a reader and from the guard). The joiners U+200C/U+200D stay: some scripts
/// and emoji need them. PostgreSQL refuses NUL outright (the request failed with a
/// 500), SQLite stored it, and either way the text then broke exports and pages. Tab and line breaks are whitespace a
/// multi-line field needs; single-line fields with a format of their own (names, phone, e-mail, postal code, login)
/// refuse them through that format (<see cref="IdentityFormat"/>). Applied once at each door: the forms' model binding and
/// the API's input filter (Discret.Web/Shared/Input).
/// </summary>
public static class InputText
{
    /// <summary>The French message for the first character that may not be typed, or <c>null</c> when the text is clean.</summary>
    public static string? Problem(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (IsForbidden(c))
                return $"Ce texte contient un caractère invisible non autorisé ({Describe(c)}, en position {(i + 1).ToString(CultureInfo.InvariantCulture)}) : "
                       + "effacez-le ou retapez le texte, puis enregistrez de nouveau.";
        }
        return null;
    }

    /// <summary>A character no text may hold (a surrogate is forbidden here when it is not part of a pair).</summary>
    public static bool IsForbidden(char c) =>
        c < '\u0020' && c is not ('\t' or '\n' or '\r')
        || c is >= '\u007F' and <= '\u009F'
        || char.IsSurrogate(c)
        || IsInvisibleFormatting(c);

    private static bool IsInvisibleFormatting(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200B' or '\u2060' or '\uFEFF';

    private static string Describe(char c) => (char.IsSurrogate(c) ? "moitié de caractère U+"
        : IsInvisibleFormatting(c) ? "caractère de mise en forme invisible U+"
        : "caractère de contrôle U+") + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
}
