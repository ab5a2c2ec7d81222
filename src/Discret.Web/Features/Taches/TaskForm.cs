using Discret.Domain.Tasks;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Taches;

/// <summary>The form of a task (new and edit pages): what the author types, and how it becomes the use case's request.</summary>
public sealed class TaskForm
{
    public string? Title { get; set; }
    public DateOnly? DueOn { get; set; }
    /// <summary>"moi", "secretariat" or a co-worker's account id (the choices of <see cref="WorkTasks.AssigneesAsync"/>).</summary>
    public string? Assignee { get; set; }
    public TaskVisibility? Visibility { get; set; }
    public int? Version { get; set; }

    public WorkTasks.Request ToRequest(Guid? followUpId, Guid? personId) => new(Title, DueOn,
        Guid.TryParse(Assignee, out var id) ? id : null, Assignee == "secretariat", Visibility, followUpId, personId, Version);

    /// <summary>An assignee value that is none of the choices is refused here (the use case checks the account).</summary>
    public bool AssigneeKnown => Assignee is null or "moi" or "secretariat" || Guid.TryParse(Assignee, out _);

    public static string AssigneeOf(WorkTasks.TaskView t, Guid me) =>
        t.ToSecretariat ? "secretariat" : t.AssigneeId is { } a && a != me ? a.ToString() : "moi";

    /// <summary>The use case's errors, keyed as the form's fields are.</summary>
    public static void AddErrors(ModelStateDictionary state, IReadOnlyDictionary<string, string> errors)
    {
        foreach (var (field, message) in errors)
            state.AddModelError(field switch { "" => "", "AssigneeId" => "Input.Assignee", _ => "Input." + field }, message);
    }

    public static IEnumerable<SelectListItem> Visibilities(bool onFollowUp) =>
        new[] { TaskVisibility.MoiEtAssignee, TaskVisibility.Equipe }.Where(v => onFollowUp || v != TaskVisibility.Equipe)
            .Select(v => new SelectListItem(v.Label(), v.ToString()));
}
