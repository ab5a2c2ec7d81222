using Discret.Domain.Input;
using Discret.Domain.Persons;

namespace Discret.Domain.Tasks;

/// <summary>Who sees a task besides its author and its assignee.</summary>
public enum TaskVisibility
{
    /// <summary>The author and the assignee only.</summary>
    MoiEtAssignee,
    /// <summary>Also the team of the task's follow-up (referent and co-workers), while they are in it.</summary>
    Equipe,
}

public static class TaskLabels
{
    public static string Label(this TaskVisibility v) => v switch
    {
        TaskVisibility.MoiEtAssignee => "Moi et la personne assignée",
        TaskVisibility.Equipe => "L'équipe de l'accompagnement",
        _ => ClosedList.Unknown(v),
    };
}

/// <summary>What identifies the reader of a task: the account, and the circonscription whose secretariat it belongs to (null for any other role).</summary>
public sealed record TaskReader(Guid AccountId, Guid? SecretariatOf);

/// <summary>
/// A task a member of staff gives herself, a co-worker of a follow-up's team, or her circonscription's secretariat
/// (« à faire »): a short guarded title, optionally about a person's file and one of its follow-ups, a due day (Paris),
/// done or not. Named <c>WorkTask</c> so as not to be confused with <see cref="System.Threading.Tasks.Task"/>.
/// It is seen by its author and its assignee only — and by the follow-up's team when the author chose « équipe » —
/// never by anyone as a measure of someone's work (no count per worker anywhere).
/// </summary>
public class WorkTask : IPersonalData
{
    public const int MaxTitleLength = 200;

    private WorkTask() { }

    public WorkTask(Guid authorId, Guid circonscriptionId, Guid? personId, Guid? followUpId, DateTime now)
    {
        Id = Guid.NewGuid();
        AuthorId = authorId;
        CirconscriptionId = circonscriptionId;
        PersonId = personId;
        FollowUpId = followUpId;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid AuthorId { get; private set; }
    /// <summary>The circonscription of the task's file (the author's own when the task is about no file): whose secretariat may be assigned.</summary>
    public Guid CirconscriptionId { get; private set; }
    public Guid? PersonId { get; private set; }
    public Guid? FollowUpId { get; private set; }
    public string Title { get; private set; } = "";
    /// <summary>The member of staff assigned; null when the task is assigned to the circonscription's secretariat.</summary>
    public Guid? AssigneeId { get; private set; }
    public bool AssignedToSecretariat { get; private set; }
    /// <summary>The day it is due, in Paris.</summary>
    public DateOnly DueOn { get; private set; }
    public TaskVisibility Visibility { get; private set; }
    /// <summary>The day it was marked done (Paris), null while it is to do.</summary>
    public DateOnly? DoneOn { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsDone => DoneOn is not null;

    /// <summary>A task to do whose due day is past on a day (Paris): « en retard » in the lists and on the caseload.</summary>
    public static readonly Rule<WorkTask, DateOnly> OverdueOn = new((t, today) => t.DoneOn == null && t.DueOn < today);

    /// <summary>Sets what the author chose; the caller has checked the title (guard) and the assignee (team or secretariat).</summary>
    public void Describe(string title, Guid? assigneeId, bool toSecretariat, DateOnly dueOn, TaskVisibility visibility)
    {
        if (toSecretariat == assigneeId is not null) throw new InvalidOperationException("A task has one assignee: a member of staff or the secretariat.");
        Title = title;
        AssigneeId = assigneeId;
        AssignedToSecretariat = toSecretariat;
        DueOn = dueOn;
        Visibility = visibility;
        Version++;
    }

    public void MarkDone(DateOnly on)
    {
        DoneOn = on;
        Version++;
    }

    public void Reopen()
    {
        DoneOn = null;
        Version++;
    }
}
