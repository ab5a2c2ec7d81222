using Discret.Domain.Tasks;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Taches;

/// <summary>
/// A new task, on its own (« Mes tâches ») or on a follow-up (« Ajouter une tâche » on the file, <c>?accompagnement=</c>).
/// On a follow-up the page exists only for an account that reaches its file (404 otherwise).
/// </summary>
public sealed class NewModel(WorkTasks tasks, PersonFileContext files, Accompagnements.FollowUpRules rules, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "accompagnement")] public Guid? FollowUpId { get; set; }
    [BindProperty] public TaskForm Input { get; set; } = new();
    public IReadOnlyList<WorkTasks.AssigneeChoice> Assignees { get; private set; } = [];
    public string? PersonName { get; private set; }
    public string? Refusal { get; private set; }
    public string BackHref { get; private set; } = "/taches";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input.DueOn ??= clock.Today().AddDays(7);
        Input.Assignee ??= "moi";
        Input.Visibility ??= TaskVisibility.MoiEtAssignee;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!Input.AssigneeKnown) ModelState.AddModelError("Input.Assignee", WorkTasks.AssigneeMessage);
        if (!ModelState.IsValid) return Page();
        var result = await tasks.CreateAsync(User, Input.ToRequest(FollowUpId, null), HttpContext.RequestAborted);
        if (result.Succeeded) return Redirect(BackHref);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (result.Status == ResultStatus.Conflict) Refusal = result.Message;
        else TaskForm.AddErrors(ModelState, result.Errors);
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Domain.Persons.FollowUp? followUp = null;
        if (FollowUpId is { } id)
        {
            var target = await files.FollowUpAsync(id);
            if (target is null) return false;
            followUp = target.FollowUp;
            PersonName = await rules.PersonNameAsync(target.File, HttpContext.RequestAborted);
            BackHref = $"/personnes/{followUp.PersonId}";
            if (!followUp.IsOpen) Refusal = WorkTasks.ClosedMessage;
            else if (!target.File.StateAllowsWrite(Discret.Catalogue.FieldGroup.Taches)) Refusal = FileStateAnswer.Refused(target.File).Message;
        }
        Assignees = await tasks.AssigneesAsync(User, followUp, HttpContext.RequestAborted);
        return true;
    }
}
