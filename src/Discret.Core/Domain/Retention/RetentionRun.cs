using Discret.Domain.Input;

namespace Discret.Domain.Retention;

public enum RunTrigger { Nuit, Dpo, LigneDeCommande }

public enum RunOutcome { EnCours, Terminee, Interrompue }

/// <summary>The step a run is at (shown while it runs), or was at when it stopped.</summary>
public enum RunStep { Simulation, EffacementRendezVous, Archivage, Bordereau, Suppression }

/// <summary>What a run did, or would do, to one rule's data in one circonscription (no names, counts only).</summary>
public enum RunAction
{
    /// <summary>Files whose active period ended, moved to the intermediate archive.</summary>
    Archivage,
    /// <summary>Rows past retention added to the elimination list in preparation.</summary>
    AjoutAuBordereau,
    /// <summary>Rows of an approved batch deleted.</summary>
    Suppression,
    /// <summary>Past appointments cleared.</summary>
    EffacementRendezVous,
    /// <summary>Rows kept because a legal hold suspends their deletion.</summary>
    Gel,
    /// <summary>Files with an open follow-up but no contact for longer than the active period: for the head of circonscription to examine.</summary>
    AExaminer,
}

/// <summary>What the DPO reads of a retention run: its trigger, its outcome, what it did.</summary>
public static class RetentionRunLabels
{
    public static string Label(this RunTrigger trigger) => trigger switch
    {
        RunTrigger.Nuit => "Nuit",
        RunTrigger.Dpo => "DPO",
        RunTrigger.LigneDeCommande => "Ligne de commande",
        _ => ClosedList.Unknown(trigger),
    };

    public static string Label(this RunStep step) => step switch
    {
        RunStep.Simulation => "Simulation (ce qui serait fait)",
        RunStep.EffacementRendezVous => "Effacement des rendez-vous passés",
        RunStep.Archivage => "Passage en archive intermédiaire",
        RunStep.Bordereau => "Ajout au bordereau d'élimination",
        RunStep.Suppression => "Suppression des bordereaux visés",
        _ => ClosedList.Unknown(step),
    };

    public static string Label(this RunOutcome outcome) => outcome switch
    {
        RunOutcome.EnCours => "En cours",
        RunOutcome.Terminee => "Terminé",
        RunOutcome.Interrompue => "Interrompu",
        _ => ClosedList.Unknown(outcome),
    };

    public static string Label(this RunAction action) => action switch
    {
        RunAction.Archivage => "Passage en archive intermédiaire",
        RunAction.AjoutAuBordereau => "Ajout au bordereau d'élimination",
        RunAction.Suppression => "Suppression (bordereau visé)",
        RunAction.EffacementRendezVous => "Effacement des rendez-vous passés",
        RunAction.Gel => "Conservé : gel, ou traitement limité à la demande de la personne",
        RunAction.AExaminer => "À examiner par le responsable de circonscription",
        _ => ClosedList.Unknown(action),
    };
}

public sealed record RunLine(string Rule, RunAction Action, Guid? CirconscriptionId, int Count);

/// <summary>
/// One run of the retention job and its report: the dry run always comes first (what would be archived, listed for
/// elimination or deleted, counts per rule and circonscription), then, unless it is a simulation, what was done.
/// </summary>
public class RetentionRun
{
    private RetentionRun() { }

    public RetentionRun(RunTrigger trigger, bool simulation, Guid? startedById, DateTime now)
    {
        Id = Guid.NewGuid();
        Trigger = trigger;
        Simulation = simulation;
        StartedById = startedById;
        StartedAt = now;
        Outcome = RunOutcome.EnCours;
    }

    public Guid Id { get; private set; }
    public RunTrigger Trigger { get; private set; }
    public bool Simulation { get; private set; }
    public Guid? StartedById { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public RunOutcome Outcome { get; private set; }
    /// <summary>The step under way; the last one reached once the run is over.</summary>
    public RunStep? Step { get; private set; }
    /// <summary>The dry-run report (JSON list of <see cref="RunLine"/>).</summary>
    public string PlannedJson { get; private set; } = "[]";
    /// <summary>What was done (JSON list of <see cref="RunLine"/>); empty for a simulation.</summary>
    public string DoneJson { get; private set; } = "[]";

    public IReadOnlyList<RunLine> Planned => Read(PlannedJson);
    public IReadOnlyList<RunLine> Done => Read(DoneJson);

    public void Plan(IEnumerable<RunLine> lines) => PlannedJson = Write(lines);

    /// <summary>A run under way records its step and what it has done so far, so that the console shows its progress.</summary>
    public void Progress(RunStep step, IEnumerable<RunLine> doneSoFar)
    {
        Step = step;
        DoneJson = Write(doneSoFar);
    }

    public void Finish(IEnumerable<RunLine> done, RunOutcome outcome, DateTime now)
    {
        DoneJson = Write(done);
        Outcome = outcome;
        FinishedAt = now;
    }

    private static IReadOnlyList<RunLine> Read(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<List<RunLine>>(json) ?? [];

    private static string Write(IEnumerable<RunLine> lines) =>
        System.Text.Json.JsonSerializer.Serialize(lines.Where(l => l.Count > 0).ToList());
}
