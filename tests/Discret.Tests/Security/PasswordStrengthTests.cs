using Discret.Web.Security.Passwords;

namespace Discret.Tests.Security;

/// <summary>CNIL 2022-100: 80 bits for a password used alone, at the recommendation's own examples and one character short of them.</summary>
public class PasswordStrengthTests
{
    [Theory]
    [InlineData("Kx7#mQ2!vR9p")]        // 12 characters of four kinds: the CNIL's first example
    [InlineData("Kx7mQ2vR9pLw4T")]      // 14 characters of three kinds: the second example
    [InlineData("cheval orange lampe fleuve tiroir nuage piano")] // a 7-word passphrase
    public void Accepts_passwords_that_reach_the_cnil_threshold(string password) =>
        Assert.Null(PasswordStrength.Problem(password));

    [Theory]
    [InlineData("Kx7#mQ2!vR9")]         // 11 characters of four kinds: 73 bits
    [InlineData("Kx7mQ2vR9pLw4")]       // 13 characters of three kinds: 77 bits
    [InlineData("kx7mq2vr9plw4tzq")]    // 16 characters of two kinds (36 symbols): 82.7 bits, accepted
    [InlineData("kx7mq2vr9plw4tz")]     // 15 of the same kinds: 77.5 bits, refused
    [InlineData("cheval orange lampe fleuve tiroir nuage")] // 6 words
    [InlineData("hqzvkrwbtfnpxjdmy")]   // 17 lower-case letters: 79.9 bits, rounded to 80 as the CNIL does: accepted
    [InlineData("hqzvkrwbtfnpxjdm")]    // 16 lower-case letters: 75.2 bits, refused
    public void Decides_by_rounded_entropy_or_word_count(string password)
    {
        var bits = Math.Round(PasswordStrength.EntropyBits(password));
        var words = PasswordStrength.PassphraseWordCount(password);
        var expectedAccepted = PasswordStrength.LooksLikePassphrase(password) ? words >= PasswordStrength.PassphraseWords : bits >= PasswordStrength.RequiredBits;
        Assert.Equal(expectedAccepted, PasswordStrength.Problem(password) is null);
    }

    [Fact]
    public void Eleven_characters_of_four_kinds_are_refused()
    {
        Assert.Equal(73, Math.Round(PasswordStrength.EntropyBits("Kx7#mQ2!vR9")));
        Assert.NotNull(PasswordStrength.Problem("Kx7#mQ2!vR9"));
    }

    [Fact]
    public void Thirteen_characters_of_three_kinds_are_refused()
    {
        Assert.Equal(77, Math.Round(PasswordStrength.EntropyBits("Kx7mQ2vR9pLw4")));
        Assert.NotNull(PasswordStrength.Problem("Kx7mQ2vR9pLw4"));
    }

    [Fact]
    public void Six_words_are_not_a_passphrase_however_long()
    {
        Assert.True(PasswordStrength.EntropyBits("cheval orange lampe fleuve tiroir nuage") > 80);
        Assert.Equal(6, PasswordStrength.PassphraseWordCount("cheval orange lampe fleuve tiroir nuage"));
        Assert.NotNull(PasswordStrength.Problem("cheval orange lampe fleuve tiroir nuage"));
    }

    [Theory]
    [InlineData("motdepasse")]
    [InlineData("Motdepasse2024!!!!")]
    [InlineData("Azerty123456789!")]
    [InlineData("Soleil-2026-!!!!")]
    public void Refuses_common_passwords_even_decorated(string password)
    {
        Assert.True(PasswordStrength.IsCommon(password));
        Assert.Contains("courants", PasswordStrength.Problem(password));
    }

    [Fact]
    public void Refuses_a_password_containing_the_login() =>
        Assert.Contains("identifiant", PasswordStrength.Problem("Xq7!jean.dupont#Lm", "jean.dupont"));

    [Fact]
    public void A_strong_unusual_password_is_not_common() => Assert.False(PasswordStrength.IsCommon("Kx7#mQ2!vR9p"));
}
