using Discret.Catalogue;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Accompagnements;

/// <summary>
/// One interview: its summary, its dated addenda, and — for its author within the correction window — « Corriger »;
/// after the window (or for the follow-up's team) « Ajouter un complément ». The author alone sees the texts replaced by
/// corrections. Whoever may not read the file's interviews gets 404.
/// </summary>
public sealed class InterviewModel(InterviewCorrection corrections, FollowUpRules rules) : PageModel
{
    public sealed class CorrectionInput
    {
        public int? Version { get; set; }
        public string? Summary { get; set; }
        public bool ConfirmWarnings { get; set; }
    }

    public sealed class AddendumInput
    {
        public string? Text { get; set; }
        public bool ConfirmWarnings { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public CorrectionInput Input { get; set; } = new();
    [BindProperty] public AddendumInput Addendum { get; set; } = new();
    public InterviewCorrection.Found? Found { get; private set; }
    public string? PersonName { get; private set; }
    public string Author { get; private set; } = "";
    public bool MayCorrect { get; private set; }
    public bool MayAdd { get; private set; }
    public DateTime Deadline { get; private set; }
    public IReadOnlyList<InterviewCorrection.Addendum> Addenda { get; private set; } = [];
    public IReadOnlyList<InterviewCorrection.Revision>? History { get; private set; }
    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var found = await corrections.FindAsync(Id, HttpContext.RequestAborted);
        if (found is null) return NotFound();
        await rules.JournalReadAsync(found.Target, FieldGroup.Identite, FieldGroup.Entretiens);
        await LoadAsync(found);
        Input = new CorrectionInput { Version = found.Interview.Version, Summary = found.Interview.Summary };
        return Page();
    }

    public async Task<IActionResult> OnPostCorrectAsync()
    {
        var found = await corrections.FindAsync(Id, HttpContext.RequestAborted);
        if (found is null) return NotFound();
        var outcome = await corrections.CorrectAsync(found.Target, found.Interview, new InterviewCorrection.CorrectRequest(Input.Version, Input.Summary, Input.ConfirmWarnings),
            HttpContext.RequestAborted);
        if (outcome.Succeeded) return Redirect($"/entretiens/{Id}");
        if (outcome.Status == ResultStatus.NotFound) return NotFound();
        if (outcome.Status == ResultStatus.Conflict) Conflict = outcome.Message;
        else ModelState.AddErrors(outcome.Errors);
        var current = await corrections.FindAsync(Id, HttpContext.RequestAborted);
        if (current is null) return NotFound();
        if (outcome.Status == ResultStatus.Conflict)
        {
            ModelState.Remove("Input.Version");
            Input.Version = current.Interview.Version;
        }
        await LoadAsync(current);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        var found = await corrections.FindAsync(Id, HttpContext.RequestAborted);
        if (found is null) return NotFound();
        var outcome = await corrections.AddAsync(found.Target, found.Interview, new InterviewCorrection.AddendumRequest(Addendum.Text, Addendum.ConfirmWarnings), HttpContext.RequestAborted);
        if (outcome.Succeeded) return Redirect($"/entretiens/{Id}");
        if (outcome.Status == ResultStatus.NotFound) return NotFound();
        if (outcome.Status == ResultStatus.Conflict) Conflict = outcome.Message;
        else ModelState.AddErrors(outcome.Errors, "Addendum.");
        Input.Version = found.Interview.Version;
        Input.Summary ??= found.Interview.Summary;
        await LoadAsync(found);
        return Page();
    }

    private async Task LoadAsync(InterviewCorrection.Found found)
    {
        var ct = HttpContext.RequestAborted;
        Found = found;
        MayCorrect = corrections.MayCorrect(found);
        MayAdd = InterviewCorrection.MayAddTo(found) && !MayCorrect;
        Deadline = corrections.Deadline(found.Interview);
        Addenda = await corrections.AddendaAsync(found.Target, found.Interview, ct);
        History = await corrections.HistoryAsync(found.Target, found.Interview, ct);
        PersonName = await rules.PersonNameAsync(found.File, ct);
        Author = (await rules.NamesAsync([found.Interview.AuthorId], ct)).GetValueOrDefault(found.Interview.AuthorId, "?");
    }
}
