using Discret.Web.Catalogue;
using Discret.Web.Domain.Retention;

namespace Discret.Web.Features.Conservation;

/// <summary>The lines of a run's report in French (counts only, circonscriptions by opaque id when no name is given).</summary>
public static class RunReport
{
    public static string Label(this RunAction action) => action switch
    {
        RunAction.Archivage => "passage en archive intermédiaire",
        RunAction.AjoutAuBordereau => "ajout au bordereau d'élimination en préparation",
        RunAction.Suppression => "suppression (bordereau visé)",
        RunAction.EffacementRendezVous => "effacement des rendez-vous passés",
        RunAction.Gel => "conservés : suppression gelée",
        RunAction.AExaminer => "à examiner : accompagnement ouvert sans contact",
        _ => action.ToString(),
    };

    public static string RuleLabel(string code) => RetentionRule.All.FirstOrDefault(r => r.Code == code)?.Label ?? code;

    public static IEnumerable<string> Describe(IReadOnlyList<RunLine> lines, IReadOnlyDictionary<Guid, string>? circonscriptions = null) =>
        lines.Count == 0
            ? ["rien"]
            : lines.Select(l => $"{RuleLabel(l.Rule)} — {l.Action.Label()} — "
                + (l.CirconscriptionId is { } c ? circonscriptions?.GetValueOrDefault(c) ?? c.ToString() : "tout le département") + $" : {l.Count}");
}
