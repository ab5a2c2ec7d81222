using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Taches;

/// <summary>Changes a task: its author only. Anyone else who sees the task may only mark it done (from the list); anyone
/// who does not see it gets 404.</summary>
public sealed class EditModel(WorkTasks tasks) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public TaskForm Input { get; set; } = new();
    public WorkTasks.TaskView? Task { get; private set; }
    public IReadOnlyList<WorkTasks.AssigneeChoice> Assignees { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var t = Task!;
        Input = new TaskForm { Title = t.Title, DueOn = t.DueOn, Assignee = TaskForm.AssigneeOf(t, User.AccountId()), Visibility = t.Visibility, Version = t.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!Input.AssigneeKnown) ModelState.AddModelError("Input.Assignee", WorkTasks.AssigneeMessage);
        if (!ModelState.IsValid) return Page();
        var result = await tasks.UpdateAsync(User, Id, Input.ToRequest(null, null), HttpContext.RequestAborted);
        if (result.Succeeded) return Redirect("/taches");
        if (result.Status == ResultStatus.NotFound) return NotFound();
        TaskForm.AddErrors(ModelState, result.Errors);
        return Page();
    }

    /// <summary>The task when the account is its author (the only one who edits it), else false (404).</summary>
    private async Task<bool> LoadAsync()
    {
        Task = await tasks.FindAsync(User, Id, HttpContext.RequestAborted);
        if (Task is not { Authored: true }) return false;
        Assignees = await tasks.AssigneesOfAsync(User, Task, HttpContext.RequestAborted);
        return true;
    }
}
