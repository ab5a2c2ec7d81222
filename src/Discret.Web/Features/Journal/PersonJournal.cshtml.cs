using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Journal;

/// <summary>
/// "Qui a consulté ce dossier ?": the accesses to one person's file — when, by which profession, what, why — ready for
/// the person's right of access. By opaque id, in a POST form; never the file's content, nor the person's name.
/// </summary>
public sealed class PersonJournalModel(JournalSearch search, AccessJournal journal) : PageModel
{
    public const int PageSize = 100;

    public sealed class InputModel
    {
        public Guid? PersonId { get; set; }
        public long? Before { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public JournalSearch.Page? Result { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.PersonId is null && ModelState.IsValid) ModelState.AddModelError("Input.PersonId", "Saisissez l'identifiant du dossier.");
        if (!ModelState.IsValid) return Page();
        var ct = HttpContext.RequestAborted;
        await journal.WriteAsync(JournalAction.ConsultationJournal, Input.PersonId, DpoConsole.Views.PersonHistory, ct: ct);
        Result = await search.SearchAsync(new JournalSearch.Query(PersonId: Input.PersonId), Input.Before, PageSize, ct);
        return Page();
    }
}
