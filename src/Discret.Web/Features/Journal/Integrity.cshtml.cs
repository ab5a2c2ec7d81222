using Discret.Data;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Journal;

/// <summary>
/// The state of the journal's chain: the last verification (intact, or the first broken entry and why), the last
/// anchors sealed outside the database, the number of entries (the chain's head, never a COUNT over the journal);
/// and the buttons that verify now and seal now.
/// </summary>
public sealed class IntegrityModel(DiscretDbContext db, JournalVerifier verifier, JournalAnchors anchors, AccessJournal journal) : PageModel
{
    public const int AnchorsShown = 10;

    public JournalVerification? LastVerification { get; private set; }
    public IReadOnlyList<JournalAnchor> Anchors { get; private set; } = [];
    public long Entries { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        await journal.WriteAsync(JournalAction.ConsultationJournal, detail: DpoConsole.Views.Integrity, ct: ct);
        LastVerification = await db.JournalVerifications.AsNoTracking().OrderByDescending(v => v.At).FirstOrDefaultAsync(ct);
        Entries = await db.JournalHeads.AsNoTracking().Select(h => h.Seq).FirstOrDefaultAsync(ct);
        Anchors = anchors.List().OrderByDescending(a => a.Seq).Take(AnchorsShown).ToList();
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        var result = await verifier.VerifyAsync(HttpContext.RequestAborted);
        Message = result.Intact
            ? $"Vérification terminée : la chaîne est intacte ({FrenchNumber.Count(result.EntriesChecked)} entrées, {FrenchNumber.Count(result.AnchorsChecked)} scellements vérifiés)."
            : $"Vérification terminée : la chaîne est rompue à l'entrée n° {result.BrokenAt}.";
        return Redirect("/tracabilite/integrite");
    }

    public async Task<IActionResult> OnPostSealAsync()
    {
        var anchor = await anchors.SealAsync(HttpContext.RequestAborted);
        Message = anchor is null
            ? "Rien à sceller : le journal est vide ou sa tête est déjà scellée."
            : $"Tête de la chaîne scellée : entrée n° {anchor.Seq}.";
        return Redirect("/tracabilite/integrite");
    }

    public static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();
}
