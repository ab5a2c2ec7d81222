using Discret.Web.Features.Garde;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Garde;

/// <summary>
/// The sobriety guard's lexicons as the DPO (and heads of circonscription) read them: each category with its terms and
/// the reason for each, the exception phrases, and what is refused or warned. Read from the very files the guard uses.
/// </summary>
public sealed class LexiconsModel : PageModel
{
    public sealed record Section(FindingCategory Category, string File, IReadOnlyList<LexiconEntry> Entries);

    public IReadOnlyList<Section> Sections { get; private set; } = [];
    public IReadOnlyList<(string Phrase, string Reason)> Exceptions { get; private set; } = [];

    /// <summary>The identifiers the guard refuses, with the message the worker reads.</summary>
    public static IReadOnlyList<(string Label, string Message)> Refused { get; } =
        Enum.GetValues<FindingCategory>()
            .Where(c => !Lexicon.Files.Values.Contains(c))
            .Select(c => (c.Label(), TextGuard.MessageFor(c)))
            .ToList();

    public void OnGet()
    {
        var lexicon = Lexicon.Default;
        Sections = Lexicon.Files
            .Select(f => new Section(f.Value, f.Key, lexicon.Entries.Where(e => e.Category == f.Value).ToList()))
            .ToList();
        Exceptions = lexicon.Exceptions;
    }

    public static string Capitalised(string label) => label.Length == 0 ? label : char.ToUpperInvariant(label[0]) + label[1..];
}
