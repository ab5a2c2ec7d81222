using Discret.Web.Shared;
using Discret.Web.Shared.Ui;
using Discret.Catalogue;
using Discret.Domain.Persons;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Accompagnements;

/// <summary>
/// A follow-up's motives and their provenance, and its closing. Each part appears only to the accounts that may write
/// it. Its appointments are booked in the agenda (Features/Agenda). Stale saves are refused, input kept.
/// </summary>
public sealed class EditModel(FollowUpRules rules, FollowUpCommands commands, PersonFileContext files, TimeProvider clock) : PageModel
{
    public sealed class InputModel : ProvenanceInput
    {
        public int? Version { get; set; }
        public List<FollowUpMotive> Motives { get; set; } = [];
    }

    public sealed class ClosingModel
    {
        public DateOnly? ClosedOn { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public ClosingModel Closing { get; set; } = new();
    public Guid PersonId { get; private set; }
    public string? PersonName { get; private set; }
    public bool IsOpen { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public bool WritesContent { get; private set; }
    public bool MayClose { get; private set; }
    public bool MayKeepNotes { get; private set; }
    public FollowUp? Current { get; private set; }
    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var target = await rules.FindAsync(Id, FollowUpCommands.CanUpdate);
        if (target is null) return NotFound();
        await rules.JournalReadAsync(target, FieldGroup.Identite, FieldGroup.Equipe, FieldGroup.Accompagnement);
        await LoadAsync(target);
        var f = target.FollowUp;
        Input = new InputModel
        {
            Version = f.Version,
            Motives = WritesContent ? f.Motives.ToList() : [],
            Source = WritesContent ? f.Provenance.Source : null,
            PartnerName = WritesContent ? f.Provenance.PartnerName : null,
            ThirdParty = WritesContent ? f.Provenance.ThirdParty : null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var target = await rules.FindAsync(Id, FollowUpCommands.CanUpdate);
        if (target is null) return NotFound();
        var content = target.File.CanWrite(FieldGroup.Accompagnement);
        var request = new FollowUpCommands.UpdateRequest(Input.Version,
            content ? Input.Motives : null, content ? Input.Source : null, content ? Input.PartnerName : null, content ? Input.ThirdParty : null,
            Input.ConfirmWarnings);
        return await RunAsync(target, () => commands.UpdateAsync(target, request, HttpContext.RequestAborted));
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        var target = await rules.FindAsync(Id, FollowUpCommands.CanUpdate);
        if (target is null) return NotFound();
        if (!FollowUpCommands.CanClose(target.File)) return NotFound();
        return await RunAsync(target, () => commands.CloseAsync(target, new FollowUpCommands.CloseRequest(Input.Version, Closing.ClosedOn), HttpContext.RequestAborted));
    }

    private async Task<IActionResult> RunAsync(FollowUpInFile target, Func<Task<Result<FollowUpRules.Saved>>> command)
    {
        if (ModelState.IsValid)
        {
            var outcome = await command();
            if (outcome.Status == ResultStatus.NotFound) return NotFound();
            // Closing the last follow-up of a worker ends their access to the file: back to the search then.
            if (outcome.Succeeded)
                return Redirect(await files.PersonAsync(target.FollowUp.PersonId, journalRefusal: false) is null ? "/personnes" : $"/personnes/{target.FollowUp.PersonId}");
            if (outcome.Status == ResultStatus.Invalid)
                foreach (var (field, message) in outcome.Errors)
                    ModelState.AddModelError(field.Length == 0 ? "" : (field == "ClosedOn" ? "Closing." : "Input.") + field, message);
            if (outcome.Status == ResultStatus.Conflict)
            {
                Conflict = outcome.Message;
                var current = await rules.FindAsync(Id, FollowUpCommands.CanUpdate);
                if (current is null) return NotFound();
                target = current;
                ModelState.Remove("Input.Version");
                Input.Version = target.FollowUp.Version;
            }
        }
        await LoadAsync(target);
        return Page();
    }

    private async Task LoadAsync(FollowUpInFile target)
    {
        Current = target.FollowUp;
        PersonId = Current.PersonId;
        IsOpen = Current.IsOpen;
        OpenedOn = Current.OpenedOn;
        WritesContent = target.File.CanWrite(FieldGroup.Accompagnement);
        MayClose = FollowUpCommands.CanClose(target.File);
        MayKeepNotes = WorkingNotes.CanWrite(target.File);
        PersonName = await rules.PersonNameAsync(target.File, HttpContext.RequestAborted);
    }

    public DateOnly Today => ParisTime.Today(clock);
}
