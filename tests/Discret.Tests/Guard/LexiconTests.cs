using Discret.Web.Features.Garde;

namespace Discret.Tests.Guard;

/// <summary>The lexicons the DPO reads: every entry has a reason, and every entry is found by the guard as written.</summary>
public class LexiconTests
{
    [Fact]
    public void Each_category_has_entries_with_a_reason_and_each_entry_is_found_as_written()
    {
        var lexicon = Lexicon.Default;
        foreach (var category in Lexicon.Files.Values)
            Assert.True(lexicon.Entries.Count(e => e.Category == category) >= 40, $"{category} : lexique trop court");
        Assert.All(lexicon.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason), e.Term));
        Assert.All(lexicon.Exceptions, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason), e.Phrase));

        var missed = lexicon.Entries
            .Where(e => !TextGuard.Analyse("Note : " + e.Term.Replace("*", "") + ".").Findings.Any(f => f.Category == e.Category))
            .Select(e => e.Term).ToList();
        Assert.True(missed.Count == 0, "Entrées que la garde ne trouve pas telles qu'écrites : " + string.Join(", ", missed));
    }

    [Theory]
    [InlineData("Elle est dépressive.", "dépressive")]
    [InlineData("Des parents démissionnaires.", "parents démissionnaires")]
    [InlineData("Ils sont MUSULMANS.", "MUSULMANS")]
    [InlineData("Une femme violente.", "violente")]
    [InlineData("Des conflits conjugaux.", "conflits conjugaux")]
    [InlineData("Il est menteur et manipulateur ; elle, manipulatrice.", "menteur")]
    public void Inflected_and_unaccented_forms_are_found_where_they_are(string text, string expected)
    {
        var finding = TextGuard.Analyse(text).Findings.First();
        Assert.Equal(expected, text.Substring(finding.Start, finding.Length));
        Assert.Contains(expected, finding.Message);
    }
}
