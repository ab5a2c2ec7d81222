using System.Globalization;
using System.Text.RegularExpressions;

namespace Discret.Domain.Input;

/// <summary>
/// The formats of the structured identity fields, written once and used by every form and the API (through the use
/// cases: <c>PersonIdentity.Validate</c>, the accounts' display name, the name search). A structured field holds what
/// its name says and nothing else: a NIR, a note or a number typed into a name, a phone or an e-mail is refused. Free
/// texts (address, city, reasons…) go through the sobriety guard instead.
/// </summary>
public static partial class IdentityFormat
{
    /// <summary>
    /// A name (birth name, usage name, first names, a household member's, an account holder's): letters of any alphabet
    /// (accents and ligatures included, a combining accent after a letter), spaces, hyphens and apostrophes (' and ’),
    /// starting with a letter — no digit, no punctuation, no control character.
    /// </summary>
    public static bool IsName(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text) || text.Length > maxLength || !char.IsLetter(text[0])) return false;
        foreach (var c in text)
        {
            if (char.IsLetter(c) || c is ' ' or '-' or '\'' or '’') continue;
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark) continue;
            return false;
        }
        return true;
    }

    /// <summary>What a name may hold, to end a French message: « Le nom ne peut contenir que … ».</summary>
    public const string NameCharacters = "des lettres (accents compris), des espaces, des tirets et des apostrophes, en commençant par une lettre";

    /// <summary>
    /// A phone number: French, ten digits starting with 0 (then 1 to 9), written together or in pairs separated by
    /// spaces or by dots (one kind of separator); or international (E.164): « + », the country code, 8 to 15 digits in all.
    /// </summary>
    public static bool IsPhone(string? text) => text is not null && (FrenchPhone().IsMatch(text) || InternationalPhone().IsMatch(text));

    public const string PhoneMessage =
        "Saisissez un numéro de téléphone français de 10 chiffres (06 12 34 56 78, 06.12.34.56.78 ou 0612345678) ou international (+33612345678).";

    [GeneratedRegex(@"^0[1-9](?:[0-9]{8}|(?: [0-9]{2}){4}|(?:\.[0-9]{2}){4})$", RegexOptions.CultureInvariant)]
    private static partial Regex FrenchPhone();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex InternationalPhone();

    /// <summary>
    /// An e-mail address in the usual syntax: a local part of letters, digits and . _ % + - (no dot first, last or
    /// twice), « @ », a domain of labels (letters, digits, inner hyphens) separated by dots, ending with a top-level
    /// domain of letters; no space, no name in angle brackets, one address only.
    /// </summary>
    public static bool IsEmail(string? text) => text is { Length: <= MaxEmailLength } && Email().IsMatch(text);

    public const int MaxEmailLength = 200;

    public const string EmailMessage = "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.";

    [GeneratedRegex(@"^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
