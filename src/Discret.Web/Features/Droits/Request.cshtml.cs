using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Rights;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Droits;

/// <summary>
/// One request of the register. The DPO extends the deadline, answers and closes, executes an erasure and generates the
/// access export; the head of the request's circonscription decides an opposition. Every other account: 404.
/// </summary>
public sealed class RequestModel(RequestAccess access, RequestDecisions decisions, Erasure erasure, Restriction restriction, AccessExport export, DiscretDbContext db,
    DepartementTheme theme, TimeProvider clock) : PageModel
{
    public sealed class ExtendInput
    {
        public int? Months { get; set; }
        public string? PersonToldOn { get; set; }
        public string? Reason { get; set; }
        public bool ConfirmWarnings { get; set; }
    }

    public sealed class CloseInput
    {
        public RequestStatus? Outcome { get; set; }
        public string? Answer { get; set; }
        public bool ConfirmWarnings { get; set; }
    }

    public sealed class DecisionInput
    {
        public bool? Accepted { get; set; }
        public string? Answer { get; set; }
        public bool ConfirmWarnings { get; set; }
    }

    public sealed class LiftInput
    {
        public string? PersonToldOn { get; set; }
    }

    /// <summary>A write made on this request ("who changed what, when, on which request"): the profession, never the name.</summary>
    public sealed record Change(DateTime At, StaffRole? Role, JournalAction Action, string? Detail);

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public ExtendInput Extend { get; set; } = new();
    [BindProperty] public CloseInput Close { get; set; } = new();
    [BindProperty] public DecisionInput Decision { get; set; } = new();
    [BindProperty] public LiftInput Lift { get; set; } = new();

    public RequestAccess.Detail? Detail { get; private set; }
    public IReadOnlyList<Change> Changes { get; private set; } = [];
    /// <summary>Why an action was refused (already closed, deadline passed, erasure refused…).</summary>
    public string? Message { get; private set; }
    public bool MessageIsSuccess { get; private set; }

    /// <summary>Today in Paris, on the application's clock (deadlines).</summary>
    public DateOnly Today => ParisTime.Today(clock);

    public bool IsDpo => RequestAccess.SeesWholeRegister(User);
    public bool IsRc => User.Role() == StaffRole.ResponsableCirconscription;

    public static IEnumerable<SelectListItem> MonthChoices =>
        [new("Choisissez", ""), new("Un mois", "1"), new("Deux mois", "2")];

    public static IEnumerable<SelectListItem> OutcomeChoices =>
        [new("Choisissez", ""), new("Satisfaite (traitée)", nameof(RequestStatus.Traitee)), new("Refusée", nameof(RequestStatus.Refusee))];

    public static IEnumerable<SelectListItem> DecisionChoices =>
        [new("Choisissez", ""), new("Opposition acceptée", "true"), new("Opposition rejetée", "false")];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Detail!.Request.Kind == RightKind.Portabilite)
        {
            Close.Outcome = RequestStatus.Refusee;
            Close.Answer = RightsLabels.PortabilityAnswer;
        }
        if (TempData["Droits.Message"] is string message)
        {
            Message = message;
            MessageIsSuccess = TempData["Droits.Success"] as bool? ?? false;
        }
        return Page();
    }

    public Task<IActionResult> OnPostExtendAsync() => DecideAsync(() => decisions.ExtendAsync(User, Id,
        new RequestDecisions.Extension(Extend.Months, Extend.Reason, Extend.PersonToldOn, Extend.ConfirmWarnings), HttpContext.RequestAborted), "Extend.",
        "Le délai a été prolongé.");

    public Task<IActionResult> OnPostCloseAsync() => DecideAsync(() => decisions.CloseAsync(User, Id,
        new RequestDecisions.Closing(Close.Outcome, Close.Answer, Close.ConfirmWarnings), HttpContext.RequestAborted), "Close.",
        "La demande est close.");

    public Task<IActionResult> OnPostDecideAsync() => DecideAsync(() => decisions.DecideOppositionAsync(User, Id,
        new RequestDecisions.OppositionDecision(Decision.Accepted, Decision.Answer, Decision.ConfirmWarnings), HttpContext.RequestAborted), "Decision.",
        "La décision est enregistrée.");

    public async Task<IActionResult> OnPostEraseAsync()
    {
        var result = await erasure.ExecuteAsync(User, Id, HttpContext.RequestAborted);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        return Done(result.Succeeded ? RightsLabels.ErasureDoneAnswer : result.Message!, result.Succeeded);
    }

    public Task<IActionResult> OnPostRestrictAsync() => DecideAsync(() => restriction.ApplyAsync(User, Id, HttpContext.RequestAborted), "Restrict.",
        Restriction.AppliedMessage);

    public Task<IActionResult> OnPostLiftAsync() => DecideAsync(() => restriction.LiftAsync(User, Id, Lift.PersonToldOn, HttpContext.RequestAborted), "Lift.",
        Restriction.LiftedMessage);

    public Task<IActionResult> OnPostPdfAsync() => ExportAsync("pdf");

    public Task<IActionResult> OnPostJsonAsync() => ExportAsync("json");

    private async Task<IActionResult> ExportAsync(string format)
    {
        var ct = HttpContext.RequestAborted;
        var result = await export.ForRequestAsync(User, Id, format, ct);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            await LoadAsync();
            return Page();
        }
        var document = result.Value;
        var stream = new MemoryStream();
        if (format == "pdf")
        {
            var accent = (await theme.GetAsync()).PrimaryColor;
            AccessExportFiles.WritePdf(document, accent, stream);
        }
        else await AccessExportFiles.WriteJsonAsync(document, stream, ct);
        stream.Position = 0;
        return File(stream, format == "pdf" ? "application/pdf" : "application/json", AccessExportFiles.FileName(document, format));
    }

    private async Task<IActionResult> DecideAsync(Func<Task<Result>> decide, string prefix, string success)
    {
        // Only the submitted form's fields are checked (the other forms of the page are not posted).
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix, StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        if (!ModelState.IsValid)
        {
            if (!await LoadAsync()) return NotFound();
            return Page();
        }
        var result = await decide();
        switch (result.Status)
        {
            case ResultStatus.NotFound:
                return NotFound();
            case ResultStatus.Ok:
                return Done(success, true);
            default:
                ModelState.AddErrors(result.Errors, prefix);
                if (!await LoadAsync()) return NotFound();
                return Page();
        }
    }

    private IActionResult Done(string message, bool success)
    {
        TempData["Droits.Message"] = message;
        TempData["Droits.Success"] = success;
        return Redirect($"/droits/demandes/{Id}");
    }

    private async Task<bool> LoadAsync()
    {
        Detail = await access.ReadAsync(User, Id, HttpContext.RequestAborted);
        if (Detail is null) return false;
        var changes = await db.JournalEntries.AsNoTracking()
            .Where(e => e.Reference == Id && (e.Action == JournalAction.Ecriture || e.Action == JournalAction.Export || e.Action == JournalAction.Suppression
                || e.Action == JournalAction.Limitation))
            .OrderBy(e => e.Seq).Take(200).Select(e => new Change(e.At, e.Role, e.Action, e.Detail)).ToListAsync(HttpContext.RequestAborted);
        Changes = changes;
        return true;
    }
}
