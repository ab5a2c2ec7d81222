using Discret.Domain.Retention;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// One elimination batch: its list (counts, never names), the PDF for the archives service, the submission, the visa,
/// the export for transfer to the archives, and the deletion now rather than at the next nightly run (DPO only).
/// </summary>
public sealed class EliminationListModel(EliminationBatches batches, BatchTransfer transfer, RetentionRunQueue runs, DepartementTheme theme, TimeProvider clock) : PageModel
{
    public sealed class VisaInput
    {
        public string? Date { get; set; }
        public string? Reference { get; set; }
    }

    [FromRoute] public int Number { get; set; }
    [BindProperty] public VisaInput Visa { get; set; } = new();
    public EliminationBatches.Detail? Detail { get; private set; }
    public string? Message { get; private set; }
    public bool MessageIsSuccess { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Visa.Date ??= ParisTime.Iso(ParisTime.Today(clock));
        if (TempData["Bordereau.Message"] is string message)
        {
            Message = message;
            MessageIsSuccess = TempData["Bordereau.Success"] as bool? ?? false;
        }
        return Page();
    }

    /// <summary>The elimination list as PDF (counts only: nothing to journal).</summary>
    public async Task<IActionResult> OnGetPdfAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var pdf = EliminationListPdf.Render(Detail!, (await theme.GetAsync()).PrimaryColor);
        return File(pdf.ToBytes(), "application/pdf", EliminationListPdf.FileName(Detail!.Batch));
    }

    public async Task<IActionResult> OnPostSubmitAsync() => await AfterAsync(await batches.SubmitAsync(User, Number, HttpContext.RequestAborted), "");

    public async Task<IActionResult> OnPostVisaAsync()
    {
        foreach (var key in ModelState.Keys.ToList()) ModelState.Remove(key);
        return await AfterAsync(await batches.ApproveAsync(User, Number, new EliminationBatches.Visa(Visa.Date, Visa.Reference), HttpContext.RequestAborted), "Visa.");
    }

    /// <summary>The export for transfer to the archives: checked and journaled, then written to the response as it is read.</summary>
    public async Task<IActionResult> OnPostExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        var result = await transfer.PrepareAsync(User, Number, ct);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (!result.Succeeded) return Done(result.Message!, false);
        var batch = result.Value;
        Response.ContentType = "application/json; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{BatchTransfer.FileName(batch)}\"";
        await transfer.WriteAsync(batch, Response.Body, ct);
        return new EmptyResult();
    }

    public const string QueuedMessage = "Le traitement de conservation est demandé : il s'exécute en arrière-plan et supprime les données des bordereaux visés. Suivez son avancement dans « Traitements de conservation ».";

    /// <summary>« Supprimer maintenant »: queues the retention job at once (<see cref="RetentionRunQueue"/>), which deletes the approved batches.</summary>
    public async Task<IActionResult> OnPostRunAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Detail!.Batch.Status != BatchStatus.Vise)
            return Done("Seul un bordereau visé par le service des archives peut être éliminé.", false);
        var queued = await runs.TryQueueAsync(new JournalActor(User.AccountId(), User.Role()), simulation: false, HttpContext.RequestAborted);
        return queued
            ? Done(QueuedMessage, true)
            : Done(RunsModel.BusyMessage, false);
    }

    private async Task<IActionResult> AfterAsync(Result<string> result, string prefix)
    {
        switch (result.Status)
        {
            case ResultStatus.NotFound:
                return NotFound();
            case ResultStatus.Ok:
                return Done(result.Value, true);
            default:
                ModelState.AddErrors(result.Errors, prefix);
                if (!await LoadAsync()) return NotFound();
                return Page();
        }
    }

    private IActionResult Done(string message, bool success)
    {
        TempData["Bordereau.Message"] = message;
        TempData["Bordereau.Success"] = success;
        return Redirect($"/conservation/bordereaux/{Number}");
    }

    private async Task<bool> LoadAsync()
    {
        Detail = await batches.ReadAsync(Number, HttpContext.RequestAborted);
        return Detail is not null;
    }
}
