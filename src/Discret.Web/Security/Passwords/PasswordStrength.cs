using System.Reflection;

namespace Discret.Web.Security.Passwords;

/// <summary>
/// The password rule of CNIL recommendation 2022-100 for a password used alone: at least 80 bits of entropy,
/// computed as the recommendation does — length × log2(size of the alphabet the characters are drawn from),
/// with 26 lower-case letters, 26 upper-case letters, 10 digits and at least 37 special characters, rounded
/// to the bit as in the recommendation's own examples (12 characters of four kinds, 14 of three) — or a
/// passphrase of at least 7 words. Known passwords from a shipped list are refused whatever their entropy.
/// </summary>
public static class PasswordStrength
{
    public const int RequiredBits = 80;
    public const int PassphraseWords = 7;
    private const int Lower = 26, Upper = 26, Digits = 10, Specials = 37;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    public static double EntropyBits(string password)
    {
        int pool = 0;
        if (password.Any(char.IsAsciiLetterLower)) pool += Lower;
        if (password.Any(char.IsAsciiLetterUpper)) pool += Upper;
        if (password.Any(char.IsAsciiDigit)) pool += Digits;
        if (password.Any(c => !char.IsAsciiLetterOrDigit(c))) pool += Specials;
        return pool == 0 ? 0 : password.Length * Math.Log2(pool);
    }

    public static int PassphraseWordCount(string password) =>
        password.Split([' ', '-', '_', '.', '+'], StringSplitOptions.RemoveEmptyEntries).Count(w => w.Length >= 3);

    /// <summary>
    /// Words of letters between separators: judged by their number, as the recommendation does for passphrases,
    /// not by the character formula (which assumes characters drawn at random and would overrate six words).
    /// </summary>
    public static bool LooksLikePassphrase(string password) =>
        password.Any(c => c is ' ' or '-' or '_' or '.' or '+') && password.All(c => char.IsLetter(c) || c is ' ' or '-' or '_' or '.' or '+' or '\'');

    /// <summary>Null when acceptable, otherwise the French reason shown to the user.</summary>
    public static string? Problem(string password, string? login = null)
    {
        if (string.IsNullOrEmpty(password)) return "Saisissez un mot de passe.";
        if (IsCommon(password))
            return "Ce mot de passe figure dans la liste des mots de passe les plus courants : choisissez-en un autre.";
        if (login is { Length: >= 3 } && password.Contains(login, StringComparison.OrdinalIgnoreCase))
            return "Le mot de passe ne doit pas contenir votre identifiant.";
        if (LooksLikePassphrase(password))
        {
            if (PassphraseWordCount(password) >= PassphraseWords) return null;
        }
        else if (Math.Round(EntropyBits(password)) >= RequiredBits) return null;
        return "Mot de passe trop faible : utilisez au moins 12 caractères mêlant majuscules, minuscules, chiffres et caractères spéciaux, "
             + "ou 14 caractères mêlant majuscules, minuscules et chiffres, ou une phrase de passe d'au moins 7 mots.";
    }

    /// <summary>Known password as such, or a known word only decorated with digits and symbols ("Soleil2024!!!").</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower)) return true;
        var core = lower.Trim("0123456789!?@#$%^&*()_-+=.,;:/\\'\"[]{}<>~`| ".ToCharArray());
        return core.Length >= 4 && core.Length < lower.Length && Common.Value.Contains(core);
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Discret.Web.Security.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) set.Add(line);
        return set;
    }
}
