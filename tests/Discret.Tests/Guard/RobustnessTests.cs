using Discret.Web.Features.Garde;

namespace Discret.Tests.Guard;

/// <summary>
/// The guard never throws on adversarial input and its findings stay inside the text. Its speed is measured in
/// bench/Discret.Bench.Guard, not here: timed unit tests are flaky on a shared machine.
/// </summary>
public class RobustnessTests
{
    [Fact]
    public void Random_and_pathological_texts_never_throw_and_findings_stay_inside_the_text()
    {
        var random = new Random(6);
        const string alphabet = "0123456789     ..--AaBbFRfr:=/'éè°\nmdp code identifiant  CAF allocataire titre de séjour IBAN ";
        var texts = new List<string>
        {
            string.Concat(Enumerable.Repeat("1 ", 10_000)),
            string.Concat(Enumerable.Repeat("2A", 10_000)),
            new string('9', 20_000),
            string.Concat(Enumerable.Repeat("FR76 ", 4_000)),
            string.Concat(Enumerable.Repeat("mdp : ", 3_000)),
            string.Concat(Enumerable.Repeat("identifiant code ", 1_000)),
            string.Concat(Enumerable.Repeat("n° CAF ", 3_000)),
            string.Concat(Enumerable.Repeat("maladie assurance ", 1_000)),
        };
        for (var i = 0; i < 200; i++)
            texts.Add(new string(Enumerable.Range(0, random.Next(1, 3_000)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()));

        foreach (var text in texts)
        {
            var result = TextGuard.Analyse(text);
            foreach (var f in result.Findings)
            {
                Assert.InRange(f.Start, 0, text.Length - 1);
                Assert.InRange(f.Start + f.Length, 1, text.Length);
            }
        }
    }
}
