namespace Discret.Web.Features.Garde;

/// <summary>The check digits that tell a real identifier from a random run of digits. Inputs are compact (no separators).</summary>
public static class Checksums
{
    /// <summary>
    /// A NIR: 13 characters (sex, year, month, département — 2A/2B for Corsica —, commune, order) and a 2-digit key,
    /// key = 97 − (number mod 97), where 2A counts as 19 and 2B as 18 (INSEE rule).
    /// </summary>
    public static bool IsValidNir(ReadOnlySpan<char> nir)
    {
        if (nir.Length != 15) return false;
        if (nir[0] is not ('1' or '2' or '3' or '7' or '8')) return false;
        long number = 0;
        for (var i = 0; i < 13; i++)
        {
            var c = nir[i];
            if (i == 5 && c == '2' && nir[6] is 'A' or 'a' or 'B' or 'b')
            {
                number = number * 100 + (nir[6] is 'A' or 'a' ? 19 : 18);
                i++;
                continue;
            }
            if (c is < '0' or > '9') return false;
            number = number * 10 + (c - '0');
        }
        if (nir[13] is < '0' or > '9' || nir[14] is < '0' or > '9') return false;
        var key = (nir[13] - '0') * 10 + (nir[14] - '0');
        return key is >= 1 and <= 97 && key == 97 - (int)(number % 97);
    }

    /// <summary>
    /// The 13 digits of a NIR without its key, by their structure alone (no key to check): sex 1, 2 (3, 7, 8 for the
    /// temporary numbers), year, month 01–12 or 20–42 or 50–99 (unknown or special), département 01–99, 2A or 2B.
    /// </summary>
    public static bool IsNirWithoutKey(ReadOnlySpan<char> nir)
    {
        if (nir.Length != 13 || nir[0] is not ('1' or '2' or '3' or '7' or '8')) return false;
        for (var i = 0; i < 13; i++)
            if (!char.IsAsciiDigit(nir[i]) && !(i == 6 && nir[5] == '2' && nir[6] is 'A' or 'B')) return false;
        var month = (nir[3] - '0') * 10 + (nir[4] - '0');
        if (month is 0 or > 12 and < 20 or > 42 and < 50) return false;
        return !(nir[5] == '0' && nir[6] == '0');
    }

    /// <summary>An IBAN (letters in either case): country code, 2 check digits, and a BBAN, with (rearranged) mod 97 = 1.</summary>
    public static bool IsValidIban(ReadOnlySpan<char> iban)
    {
        if (iban.Length is < 15 or > 34) return false;
        if (!char.IsAsciiLetter(iban[0]) || !char.IsAsciiLetter(iban[1]) || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3])) return false;
        var remainder = 0;
        for (var n = 0; n < iban.Length; n++)
        {
            var c = iban[(n + 4) % iban.Length];
            if (char.IsAsciiDigit(c)) remainder = (remainder * 10 + (c - '0')) % 97;
            else if (char.IsAsciiLetter(c)) remainder = (remainder * 100 + (char.ToUpperInvariant(c) - 'A' + 10)) % 97;
            else return false;
        }
        return remainder == 1;
    }

    /// <summary>
    /// A French RIB, 23 characters: bank code (5 digits), branch code (5 digits), account number (11 digits or letters,
    /// letters read A/J=1, B/K/S=2 … I/R/Z=9) and key (2 digits), key = 97 − ((89 × bank + 15 × branch + 3 × account) mod 97).
    /// </summary>
    public static bool IsValidRib(ReadOnlySpan<char> rib)
    {
        if (rib.Length != 23 || rib[..10].ContainsAnyExceptInRange('0', '9') || rib[21..].ContainsAnyExceptInRange('0', '9')) return false;
        long account = 0;
        foreach (var c in rib[10..21])
        {
            int d;
            if (char.IsAsciiDigit(c)) d = c - '0';
            else if (char.IsAsciiLetter(c)) { var l = char.ToUpperInvariant(c) - 'A'; d = l < 9 ? l + 1 : l < 18 ? l - 8 : l - 16; }
            else return false;
            account = account * 10 + d;
        }
        var bank = long.Parse(rib[..5]);
        var branch = long.Parse(rib[5..10]);
        var key = int.Parse(rib[21..]);
        return key == 97 - (int)((89 * bank + 15 * branch + 3 * account) % 97);
    }

    /// <summary>The Luhn check used by payment cards.</summary>
    public static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length < 2) return false;
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var c = digits[i];
            if (c is < '0' or > '9') return false;
            var d = c - '0';
            if (doubleIt) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /// <summary>A payment card: an issuer prefix with that issuer's lengths (Visa, Mastercard, Amex, Diners, JCB, Discover/CB) and the Luhn check.</summary>
    public static bool IsPaymentCard(ReadOnlySpan<char> digits)
    {
        if (digits.Length is < 13 or > 19) return false;
        // each issuer's prefixes with its lengths: Visa 13, 16 or 19; Mastercard 16; Maestro, JCB, Discover and CB 16 to 19; Amex 15; Diners 14
        var two = (digits[0] - '0') * 10 + (digits[1] - '0');
        var issuer = digits[0] switch
        {
            '4' => digits.Length is 13 or 16 or 19,
            '5' => two is >= 51 and <= 55 ? digits.Length == 16 : digits.Length >= 16,   // Mastercard; Maestro 50, 56–58
            '2' => int.Parse(digits[..4]) is >= 2221 and <= 2720 && digits.Length == 16,
            '3' => two is 34 or 37 ? digits.Length == 15 : two is 36 or 38 or 30 ? digits.Length == 14 : two == 35 && digits.Length >= 16,
            '6' => digits.Length >= 16,
            _ => false,
        };
        return issuer && IsLuhnValid(digits);
    }
}
