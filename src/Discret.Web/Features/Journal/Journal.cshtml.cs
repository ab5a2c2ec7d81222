using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Journal;

/// <summary>
/// The journal search: filters in the query string — opaque ids, an action code and dates only, never a name —
/// newest first, one keyset page at a time. Each search is journaled before its results are read.
/// </summary>
public sealed class JournalModel(JournalSearch search, JournalAccounts accounts, AccessJournal journal) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? PersonId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? AccountId { get; set; }
    [BindProperty(SupportsGet = true)] public JournalAction? Action { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    public IEnumerable<SelectListItem> AccountChoices { get; private set; } = [];
    public static IEnumerable<SelectListItem> ActionChoices { get; } =
        Enum.GetValues<JournalAction>().Select(a => new SelectListItem(a.Label(), a.ToString())).Prepend(new SelectListItem("Toutes les actions", ""));

    public JournalSearch.Page? Result { get; private set; }
    public IReadOnlyDictionary<Guid, JournalAccounts.Name> Names { get; private set; } = new Dictionary<Guid, JournalAccounts.Name>();

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        AccountChoices = JournalAccounts.Choices(await accounts.AllAsync(ct), "Tous les comptes");
        if (From is { } f && To is { } t && t < f) ModelState.AddModelError(nameof(To), "La date de fin doit être postérieure ou égale à la date de début.");
        if (!ModelState.IsValid) return Page();

        await journal.WriteAsync(JournalAction.ConsultationJournal, PersonId, DpoConsole.Views.Search, reference: AccountId, ct: ct);
        Result = await search.SearchAsync(ToQuery(), Before, ct: ct);
        Names = await accounts.NamesAsync(Result.Entries.Select(e => e.AccountId), ct);
        return Page();
    }

    public JournalSearch.Query ToQuery() => new(PersonId, AccountId, Action,
        From is { } f ? ParisTime.StartOfDayUtc(f) : null, To is { } t ? ParisTime.StartOfDayUtc(t.AddDays(1)) : null);

    /// <summary>This search, from the entry <paramref name="before"/> on (or from the newest).</summary>
    public string Href(long? before)
    {
        var q = new List<string>();
        if (PersonId is { } p) q.Add($"PersonId={p}");
        if (AccountId is { } a) q.Add($"AccountId={a}");
        if (Action is { } act) q.Add($"Action={act}");
        if (From is { } f) q.Add($"From={f:yyyy-MM-dd}");
        if (To is { } t) q.Add($"To={t:yyyy-MM-dd}");
        if (before is { } b) q.Add($"Before={b}");
        return "/tracabilite/journal" + (q.Count > 0 ? "?" + string.Join("&", q) : "");
    }
}
