namespace Discret.Web.Shared.Documents;

/// <summary>What changed between two versions of a sectioned document: per section, the lines added and the lines removed.</summary>
public sealed record SectionComparison(IReadOnlyList<SectionComparison.SectionChange> Changes)
{
    public sealed record SectionChange(string Section, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);

    public bool Identical => Changes.Count == 0;

    public static SectionComparison Between(IReadOnlyList<DocumentSection> from, IReadOnlyList<DocumentSection> to)
    {
        var before = from.ToDictionary(s => s.Title, s => s.Lines().ToList());
        var after = to.ToDictionary(s => s.Title, s => s.Lines().ToList());
        var titles = to.Select(s => s.Title).Concat(from.Select(s => s.Title)).Distinct();
        var changes = titles.Select(title =>
        {
            var old = before.GetValueOrDefault(title) ?? [];
            var now = after.GetValueOrDefault(title) ?? [];
            return new SectionChange(title, now.Except(old).ToList(), old.Except(now).ToList());
        }).Where(c => c.Added.Count + c.Removed.Count > 0).ToList();
        return new SectionComparison(changes);
    }
}

/// <summary>What the comparison partial (<c>_SectionComparison</c>) shows: the changes, the two versions, and the document's
/// page (<c>/registre</c>, <c>/analyse-impact</c>) to read each version.</summary>
public sealed record SectionComparisonView(SectionComparison Comparison, int From, DateTime FromAt, int To, DateTime ToAt, string BasePath);
