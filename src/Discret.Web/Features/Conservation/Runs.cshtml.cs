using Discret.Data;
using Discret.Domain.Retention;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// The console of the retention job: its last runs with their reports (what was planned, what was done — counts per
/// rule and circonscription), and « Simuler maintenant » / « Lancer maintenant » (DPO only).
/// </summary>
public sealed class RunsModel(DiscretDbContext db, RetentionEngine engine) : PageModel
{
    public const int Shown = 20;
    public const string BusyMessage = "Un traitement est déjà en cours sur une autre instance : réessayez plus tard.";

    public IReadOnlyList<RetentionRun> Runs { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Circonscriptions { get; private set; } = new Dictionary<Guid, string>();
    public string? Message { get; private set; }
    public bool MessageIsSuccess { get; private set; }

    public string CirconscriptionName(Guid? id) => id is { } i ? Circonscriptions.GetValueOrDefault(i, "?") : "Tout le département";

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Runs = await db.RetentionRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(Shown).ToListAsync(ct);
        Circonscriptions = await db.Circonscriptions.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
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
        var run = await engine.RunAsync(RunTrigger.Dpo, simulation, User.AccountId(), HttpContext.RequestAborted);
        TempData["Traitements.Success"] = run is not null;
        TempData["Traitements.Message"] = run is null ? BusyMessage
            : simulation ? "La simulation est faite : son compte rendu est ci-dessous. Rien n'a été modifié."
            : "Le traitement est exécuté : son compte rendu est ci-dessous.";
        return Redirect("/conservation/traitements");
    }
}
