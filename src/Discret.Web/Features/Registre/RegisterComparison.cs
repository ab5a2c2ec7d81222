namespace Discret.Web.Features.Registre;

/// <summary>What changed between two versions of the register: per section, the lines added and the lines removed.</summary>
public sealed record RegisterComparison(IReadOnlyList<RegisterComparison.SectionChange> Changes)
{
    public sealed record SectionChange(string Section, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);

    public bool Identical => Changes.Count == 0;

    public static RegisterComparison Between(RegisterContent from, RegisterContent to)
    {
        var before = from.Sections.ToDictionary(s => s.Title, s => s.Lines().ToList());
        var after = to.Sections.ToDictionary(s => s.Title, s => s.Lines().ToList());
        var titles = to.Sections.Select(s => s.Title).Concat(from.Sections.Select(s => s.Title)).Distinct();
        var changes = titles.Select(title =>
        {
            var old = before.GetValueOrDefault(title) ?? [];
            var now = after.GetValueOrDefault(title) ?? [];
            return new SectionChange(title, now.Except(old).ToList(), old.Except(now).ToList());
        }).Where(c => c.Added.Count + c.Removed.Count > 0).ToList();
        return new RegisterComparison(changes);
    }
}
