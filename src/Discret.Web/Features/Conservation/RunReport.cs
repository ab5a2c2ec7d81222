using Discret.Domain.Retention;

namespace Discret.Web.Features.Conservation;

/// <summary>The lines of a run's report in French, for the command line (counts only; circonscriptions by name when given).</summary>
public static class RunReport
{
    public static IEnumerable<string> Describe(IReadOnlyList<RunLine> lines, IReadOnlyDictionary<Guid, string>? circonscriptions = null) =>
        lines.Count == 0
            ? ["rien"]
            : lines.Select(l => $"{ConservationLabels.Rule(l.Rule)} — {l.Action.Label()} — "
                + (l.CirconscriptionId is { } c ? circonscriptions?.GetValueOrDefault(c) ?? c.ToString() : "tout le département") + $" : {l.Count}");
}
