namespace Discret.Web.Shared.Documents;

/// <summary>
/// A section of a generated, versioned document (the register, the impact assessment): headed blocks of lines, nothing
/// typed by hand, so that two versions compare line by line (<see cref="SectionComparison"/>).
/// </summary>
public sealed record DocumentSection(string Title, IReadOnlyList<DocumentBlock> Blocks)
{
    /// <summary>Every line of the section, prefixed by its block's heading: what the comparison works on.</summary>
    public IEnumerable<string> Lines() => Blocks.SelectMany(b => b.Lines.Select(l => b.Heading is null ? l : $"{b.Heading} — {l}"));
}

public sealed record DocumentBlock(string? Heading, IReadOnlyList<string> Lines);
