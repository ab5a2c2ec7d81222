using Discret.Data;
using Discret.Domain.Retention;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// The console of the retention job: its last runs with their reports (what was planned, what was done — counts per
/// rule and circonscription), and « Simuler maintenant » / « Lancer maintenant » (DPO only). A run takes minutes at
/// département scale, so the buttons queue it to the background runner and the page answers at once; the run in
/// progress shows its step and its counts so far, and « Actualiser » reloads them.
/// </summary>
public sealed class RunsModel(DiscretDbContext db, RetentionRunQueue queue) : PageModel
{
    public const int Shown = 20;
    public const string BusyMessage = "Un traitement de conservation est déjà demandé ou en cours : attendez qu'il se termine avant d'en lancer un autre.";
    public const string QueuedMessage = "Le traitement est demandé : il s'exécute en arrière-plan et son avancement s'affiche ci-dessous. Actualisez la page pour le suivre.";
    public const string SimulationQueuedMessage = "La simulation est demandée : elle s'exécute en arrière-plan et son compte rendu s'affiche ci-dessous. Actualisez la page pour le suivre. Rien ne sera modifié.";

    public IReadOnlyList<RetentionRun> Runs { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Circonscriptions { get; private set; } = new Dictionary<Guid, string>();
    public string? Message { get; private set; }
    public bool MessageIsSuccess { get; private set; }
    /// <summary>A run is asked for on this instance but has not written its report yet.</summary>
    public bool Queued { get; private set; }
    /// <summary>A run is asked for or in progress: the page offers « Actualiser ».</summary>
    public bool Busy => Queued || Runs.Any(r => r.Outcome == RunOutcome.EnCours);

    public string CirconscriptionName(Guid? id) => id is { } i ? Circonscriptions.GetValueOrDefault(i, "?") : "Tout le département";

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Runs = await db.RetentionRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(Shown).ToListAsync(ct);
        Circonscriptions = await db.Circonscriptions.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        Queued = queue.IsPending && !Runs.Any(r => r.Outcome == RunOutcome.EnCours);
        if (TempData["Traitements.Message"] is string message)
        {
            Message = message;
            MessageIsSuccess = TempData["Traitements.Success"] as bool? ?? false;
        }
    }

    public Task<IActionResult> OnPostSimulateAsync() => RunAsync(simulation: true);

    public Task<IActionResult> OnPostRunAsync() => RunAsync(simulation: false);

    private async Task<IActionResult> RunAsync(bool simulation)
    {
        var queued = await queue.TryQueueAsync(new JournalActor(User.AccountId(), User.Role()), simulation, HttpContext.RequestAborted);
        TempData["Traitements.Success"] = queued;
        TempData["Traitements.Message"] = !queued ? BusyMessage : simulation ? SimulationQueuedMessage : QueuedMessage;
        return Redirect("/conservation/traitements");
    }
}
