using System.Text;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Journal;

/// <summary>
/// Breach support (GDPR art. 33–34): which persons' files an account read or changed between two dates — their count
/// and opaque ids, on screen or as a one-column CSV. The list is journaled as a consultation, the download as an export.
/// </summary>
public sealed class BreachModel(JournalSearch search, JournalAccounts accounts, AccessJournal journal) : PageModel
{
    public const int ShownOnScreen = 500;

    public sealed class InputModel
    {
        public Guid? AccountId { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public IEnumerable<SelectListItem> AccountChoices { get; private set; } = [];
    public IReadOnlyList<Guid>? Files { get; private set; }
    public string? AccountName { get; private set; }

    public async Task OnGetAsync() => AccountChoices = JournalAccounts.Choices(await accounts.AllAsync(HttpContext.RequestAborted), "Choisir un compte…");

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        var all = await accounts.AllAsync(ct);
        AccountChoices = JournalAccounts.Choices(all, "Choisir un compte…");
        if (!Validate()) return Page();
        await journal.WriteAsync(JournalAction.ConsultationJournal, detail: DpoConsole.Views.Breach, reference: Input.AccountId, ct: ct);
        Files = await FilesAsync(ct);
        AccountName = all.FirstOrDefault(a => a.Id == Input.AccountId)?.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!Validate())
        {
            AccountChoices = JournalAccounts.Choices(await accounts.AllAsync(ct), "Choisir un compte…");
            return Page();
        }
        var files = await FilesAsync(ct);
        await journal.WriteAsync(JournalAction.Export, detail: $"{DpoConsole.Views.Breach}:{files.Count}", reference: Input.AccountId, ct: ct);
        return File(Csv(files), "text/csv; charset=utf-8", $"dossiers-{ParisTime.Iso(Input.From!.Value)}-{ParisTime.Iso(Input.To!.Value)}.csv");
    }

    /// <summary>One column, one opaque id a line, under a header.</summary>
    public static byte[] Csv(IEnumerable<Guid> ids)
    {
        var csv = new StringBuilder("dossier\r\n");
        foreach (var id in ids) csv.Append(id.ToString()).Append("\r\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private bool Validate()
    {
        bool NoError(string key) => (ModelState[key]?.Errors.Count ?? 0) == 0;
        if (Input.AccountId is null && NoError("Input.AccountId")) ModelState.AddModelError("Input.AccountId", "Choisissez le compte.");
        if (Input.From is null && NoError("Input.From")) ModelState.AddModelError("Input.From", "Saisissez la date de début.");
        if (Input.To is null && NoError("Input.To")) ModelState.AddModelError("Input.To", "Saisissez la date de fin.");
        if (Input.From is { } f && Input.To is { } t && t < f) ModelState.AddModelError("Input.To", "La date de fin doit être postérieure ou égale à la date de début.");
        return ModelState.IsValid;
    }

    private async Task<IReadOnlyList<Guid>> FilesAsync(CancellationToken ct) =>
        (await search.FilesTouchedAsync(Input.AccountId!.Value, ParisTime.StartOfDayUtc(Input.From!.Value), ParisTime.StartOfDayUtc(Input.To!.Value.AddDays(1)), ct))
        .Order().ToList();
}
