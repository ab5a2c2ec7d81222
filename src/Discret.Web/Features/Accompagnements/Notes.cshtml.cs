using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Accompagnements;

/// <summary>
/// The account's own working notes on a follow-up. The page exists for an account that may write notes on the
/// follow-up now, or that already has notes of its own on it; for anyone else it does not exist (404).
/// </summary>
public sealed class NotesModel(FollowUpRules rules, WorkingNotes notes) : PageModel
{
    public sealed class InputModel
    {
        public string? Text { get; set; }
        public bool ConfirmWarnings { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<WorkingNotes.NoteView> Notes { get; private set; } = [];
    public bool MayWrite { get; private set; }
    public Guid? PersonId { get; private set; }
    public string? PersonName { get; private set; }
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        var target = await rules.FindAsync(Id, WorkingNotes.CanWrite);
        if (target is null) return NotFound();
        var outcome = await notes.AddAsync(target, new WorkingNotes.Request(Input.Text, Input.ConfirmWarnings), HttpContext.RequestAborted);
        if (outcome.Status == ResultStatus.NotFound) return NotFound();
        if (outcome.Succeeded) return Redirect($"/accompagnements/{Id}/notes");
        if (outcome.Status != ResultStatus.Conflict) ModelState.AddErrors(outcome.Errors);
        await LoadAsync();
        Refusal ??= outcome.Message;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid noteId)
    {
        if (!await notes.DeleteAsync(User, noteId, HttpContext.RequestAborted)) return NotFound();
        return await notes.HasAnyAsync(User, Id, HttpContext.RequestAborted)
               || await rules.FindAsync(Id, WorkingNotes.CanWrite) is not null
            ? Redirect($"/accompagnements/{Id}/notes")
            : Redirect("/");
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Notes = await notes.MineAsync(User, Id, ct);
        var target = await rules.FindAsync(Id, WorkingNotes.CanWrite);
        if (target is null) return Notes.Count > 0;
        MayWrite = true;
        PersonId = target.FollowUp.PersonId;
        PersonName = await rules.PersonNameAsync(target.File, ct);
        if (!target.FollowUp.IsOpen) Refusal = WorkingNotes.ClosedMessage;
        return true;
    }
}
