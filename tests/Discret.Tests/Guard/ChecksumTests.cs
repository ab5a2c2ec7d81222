using Discret.Web.Features.Garde;

namespace Discret.Tests.Guard;

/// <summary>The check digits at their edges. Every number here is computed for the test; none is a real person's.</summary>
public class ChecksumTests
{
    private static string NirKey(string body) => (97 - long.Parse(body.Replace("2A", "19").Replace("2B", "18")) % 97).ToString("00");

    [Theory]
    [InlineData("1850578006084")]
    [InlineData("2991291123456")]
    [InlineData("1000101001001")] // smallest plausible body
    [InlineData("285052A012345")] // Corsica-du-Sud: 2A counts as 19
    [InlineData("185052B012345")] // Haute-Corse: 2B counts as 18
    public void A_nir_with_its_computed_key_is_valid_and_any_other_key_is_not(string body)
    {
        var key = NirKey(body);
        Assert.True(Checksums.IsValidNir(body + key));
        for (var other = 1; other <= 97; other++)
            if (other.ToString("00") != key) Assert.False(Checksums.IsValidNir(body + other.ToString("00")));
        Assert.False(Checksums.IsValidNir(body + "00"));
        Assert.False(Checksums.IsValidNir(body + key + "1"));
        Assert.False(Checksums.IsValidNir(body[..12] + key));
    }

    [Fact]
    public void Corsica_keys_follow_the_insee_rule_and_not_the_plain_digits()
    {
        var a = "285052A012345";
        Assert.True(Checksums.IsValidNir(a + NirKey(a)));
        // the same body read with 20 in place of 2A gives another key, which must not pass
        var asTwenty = (97 - long.Parse(a.Replace("2A", "20")) % 97).ToString("00");
        if (asTwenty != NirKey(a)) Assert.False(Checksums.IsValidNir(a + asTwenty));
        Assert.True(Checksums.IsValidNir(("285052a012345" + NirKey(a))));
        Assert.False(Checksums.IsValidNir("285052C012345" + NirKey(a)));
        Assert.Equal(GuardVerdict.Refused, TextGuard.Analyse($"NIR : 2 85 05 2A 012 345 {NirKey(a)}").Verdict);
    }

    [Fact]
    public void A_nir_must_start_with_a_plausible_sex_digit()
    {
        var body = "4850578006084";
        Assert.False(Checksums.IsValidNir(body + NirKey(body)));
    }

    [Theory]
    [InlineData("FR7630006000011234567890189")]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB29NWBK60161331926819")]
    [InlineData("BE68539007547034")]
    [InlineData("fr7630006000011234567890189")]
    public void Textbook_ibans_pass_and_any_changed_digit_fails(string iban)
    {
        Assert.True(Checksums.IsValidIban(iban));
        for (var i = 4; i < iban.Length; i++)
        {
            if (!char.IsAsciiDigit(iban[i])) continue;
            var changed = iban[..i] + (char)('0' + (iban[i] - '0' + 1) % 10) + iban[(i + 1)..];
            Assert.False(Checksums.IsValidIban(changed));
        }
        Assert.False(Checksums.IsValidIban(iban[..14]));
        Assert.False(Checksums.IsValidIban("FR76"));
    }

    [Fact]
    public void Ibans_are_found_with_or_without_spaces_and_a_wrong_one_is_not()
    {
        Assert.Equal(FindingCategory.Iban, TextGuard.Analyse("RIB : FR76 3000 6000 0112 3456 7890 189.").Findings.Single().Category);
        Assert.Equal(FindingCategory.Iban, TextGuard.Analyse("RIB : FR7630006000011234567890189").Findings.Single().Category);
        Assert.Equal(GuardVerdict.Clean, TextGuard.Analyse("RIB : FR76 3000 6000 0112 3456 7890 188.").Verdict);
    }

    [Theory]
    [InlineData("4970101234567893", true)]
    [InlineData("4970101234567894", false)]
    [InlineData("378282246310005", true)]    // Amex test number, 15 digits
    [InlineData("4222222222222", true)]      // Visa test number, 13 digits
    [InlineData("5555555555554444", true)]
    [InlineData("2221000000000009", true)]   // Mastercard 2-series
    [InlineData("1234567812345670", false)]  // Luhn-valid but no card issuer starts with 1
    [InlineData("422222222222", false)]      // 12 digits: too short
    [InlineData("42222222222222222222", false)] // 20 digits: too long
    public void Payment_cards_need_an_issuer_a_length_and_the_luhn_check(string digits, bool card) =>
        Assert.Equal(card, Checksums.IsPaymentCard(digits));

    [Fact]
    public void Luhn_edges()
    {
        Assert.True(Checksums.IsLuhnValid("0000000000000"));
        Assert.True(Checksums.IsLuhnValid("79927398713"));
        Assert.False(Checksums.IsLuhnValid("79927398710"));
        Assert.False(Checksums.IsLuhnValid("7992739871a"));
        Assert.False(Checksums.IsLuhnValid("0"));
    }

    [Fact]
    public void Findings_point_at_the_identifier_in_the_original_text()
    {
        const string text = "Mme a donné son numéro 1 85 05 78 006 084 91 hier.";
        Assert.True(Checksums.IsValidNir("185057800608491"));
        var finding = TextGuard.Analyse(text).Findings.Single();
        Assert.Equal("1 85 05 78 006 084 91", text.Substring(finding.Start, finding.Length));
        Assert.Contains("NIR", finding.Message);
    }

    [Fact]
    public void Vocabulary_matches_plurals_feminine_forms_and_missing_accents_and_spares_access_to_care()
    {
        Assert.Equal(FindingCategory.Health, TextGuard.Analyse("Madame est DEPRESSIVE").Findings.Single().Category);
        Assert.Equal(FindingCategory.Judgement, TextGuard.Analyse("des parents demissionnaires").Findings.Single().Category);
        Assert.Equal(FindingCategory.Judgement, TextGuard.Analyse("une manipulatrice").Findings.Single().Category);
        Assert.Equal(FindingCategory.Nationality, TextGuard.Analyse("situation irrégulière").Findings.Single().Category);
        Assert.Equal(GuardVerdict.Clean, TextGuard.Analyse("Rendez-vous à l'hôpital pour l'enfant.").Verdict);
        Assert.Equal(GuardVerdict.Clean, TextGuard.Analyse("Dossier de l'assurance maladie à jour.").Verdict);
        Assert.Equal(GuardVerdict.Clean, TextGuard.Analyse("").Verdict);
    }
}
