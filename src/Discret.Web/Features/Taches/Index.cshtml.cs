using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Taches;

/// <summary>« Mes tâches »: the account's tasks to do (overdue first) or done, each marked done or to do again from the
/// list, and its reminders. Only what the account sees (<see cref="WorkTasks.Visible"/>).</summary>
public sealed class IndexModel(WorkTasks tasks, Reminders reminders) : PageModel
{
    public bool Done { get; private set; }
    public IReadOnlyList<WorkTasks.TaskView> Tasks { get; private set; } = [];
    public IReadOnlyList<Reminders.Reminder> Reminders { get; private set; } = [];

    public async Task OnGetAsync(string? statut) => await LoadAsync(statut == "faites");

    /// <summary>Marks a task done or to do again, then back to the page it came from (the list or the home page).</summary>
    public async Task<IActionResult> OnPostMarkAsync(Guid id, bool done, string? retour)
    {
        var result = await tasks.MarkAsync(User, id, done, ct: HttpContext.RequestAborted);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (result.Succeeded) return Redirect(retour == "accueil" ? "/" : done ? "/taches" : "/taches?statut=faites");
        ModelState.AddErrors(result.Errors);
        await LoadAsync(!done);
        return Page();
    }

    private async Task LoadAsync(bool done)
    {
        Done = done;
        Tasks = await tasks.ListAsync(User, done ? WorkTasks.Filter.Faites : WorkTasks.Filter.AFaire, ct: HttpContext.RequestAborted);
        if (!done) Reminders = await reminders.MineAsync(User, HttpContext.RequestAborted);
    }
}
