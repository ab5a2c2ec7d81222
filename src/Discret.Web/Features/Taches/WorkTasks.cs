using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Tasks;
using Discret.Web.Features.Garde;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Taches;

/// <summary>
/// Tasks, for pages and API alike. Who sees a task is stated once (<see cref="Visible"/>): its author, its assignee (or
/// any member of the secretariat it is assigned to), and — when the author chose « équipe » — the open follow-up's
/// referent and co-workers; on a task about a file, only while the reader still reaches that file
/// (<see cref="PersonAccess.VisiblePersons"/>). Anyone else gets 404 as if it did not exist, the head of circonscription
/// included: tasks are never a measure of anyone's work, so nothing here counts tasks per worker.
/// Creating a task on a file needs the file (<see cref="PersonFileContext"/>); its assignee is the author, a member of the
/// follow-up's team, or the secretariat of the file's circonscription. A task about a file is written like the file: never
/// on a minimal record (paper only) or a limited file (<see cref="PersonAccess.StateAllowsWrite"/>), and a refusal of
/// computerisation deletes the tasks about the person (<see cref="Personnes.ComputerisationRefusal"/>).
/// </summary>
[AcrossFiles("a reader's own tasks across the files she reaches, filtered by PersonAccess.VisiblePersons")]
public sealed class WorkTasks(DiscretDbContext db, PersonAccess access, PersonFileContext files, Journal.AccessJournal journal, TimeProvider clock)
{
    public const string TeamNeedsFollowUpMessage = "« Équipe de l'accompagnement » ne vaut que pour une tâche liée à un accompagnement : choisissez « Moi et la personne assignée ».";
    public const string AssigneeMessage = "La tâche peut être confiée à vous-même, à un membre de l'équipe de l'accompagnement ou au secrétariat de la circonscription : choisissez l'un d'eux.";
    public const string ClosedMessage = "Cet accompagnement est clos : on ne peut plus y ajouter de tâche.";
    public const string StaleMessage = "Cette tâche a été modifiée entre-temps : rechargez la page pour voir sa version actuelle.";
    public const string AuthorOnlyMessage = "Seul l'auteur de la tâche peut la modifier ; vous pouvez la marquer faite.";

    public enum Filter { AFaire, Faites }

    /// <summary>Une tâche, telle que son auteur la décrit (création, ou modification qui remplace intitulé, échéance, personne assignée et visibilité).</summary>
    /// <param name="Title">Intitulé : 200 caractères au plus ; passe la garde de sobriété, et ses mots à relire sont refusés aussi (ni identifiant, ni jugement, ni mot de santé). Obligatoire.</param>
    /// <param name="DueOn">Échéance, jour (AAAA-MM-JJ, calendrier de Paris). Obligatoire.</param>
    /// <param name="AssigneeId">Identifiant (UUID) du compte assigné : vous-même ou un membre actif de l'équipe de l'accompagnement. Absent, avec toSecretariat false : vous-même.</param>
    /// <param name="ToSecretariat">true pour assigner la tâche au secrétariat de la circonscription (alors sans assigneeId) ; false par défaut.</param>
    /// <param name="Visibility">Qui voit la tâche : MoiEtAssignee (par défaut à la création ; à la modification, absente : inchangée) ou Equipe (l'équipe de l'accompagnement, qui doit alors être indiqué).</param>
    /// <param name="FollowUpId">Identifiant (UUID) d'un accompagnement ouvert que vous pouvez lire, dont parle la tâche ; facultatif. Pris en compte à la création seulement.</param>
    /// <param name="PersonId">Identifiant (UUID) d'un dossier que vous pouvez lire, dont parle la tâche (celui de l'accompagnement s'il est indiqué) ; facultatif. Pris en compte à la création seulement.</param>
    /// <param name="Version">À la modification, la version de la tâche telle que vous l'avez lue : une version périmée répond 409 ; absente, rien n'est contrôlé. Ignorée à la création.</param>
    /// <remarks>What the author chooses. <see cref="AssigneeId"/> null and <see cref="ToSecretariat"/> false: the author herself.</remarks>
    public sealed record Request(string? Title, DateOnly? DueOn, Guid? AssigneeId = null, bool ToSecretariat = false,
        TaskVisibility? Visibility = null, Guid? FollowUpId = null, Guid? PersonId = null, int? Version = null);

    /// <summary>Une tâche que vous voyez : créée par vous, qui vous est assignée (ou à votre secrétariat), ou ouverte par son auteur à l'équipe d'un accompagnement dont vous êtes.</summary>
    /// <param name="Id">Identifiant (UUID) de la tâche.</param>
    /// <param name="Title">Intitulé.</param>
    /// <param name="DueOn">Échéance, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="DoneOn">Jour où elle a été marquée faite (AAAA-MM-JJ, calendrier de Paris) ; null tant qu'elle est à faire.</param>
    /// <param name="Overdue">true si elle est à faire et son échéance passée.</param>
    /// <param name="Visibility">Qui la voit.</param>
    /// <param name="AuthorId">Identifiant (UUID) du compte qui l'a créée (seul à pouvoir la modifier).</param>
    /// <param name="AssigneeId">Identifiant (UUID) du compte assigné ; null quand elle est assignée au secrétariat.</param>
    /// <param name="ToSecretariat">true si elle est assignée au secrétariat de la circonscription.</param>
    /// <param name="Assignee">À qui elle est assignée, en français : « Moi », « Secrétariat de la circonscription » ou le nom affiché du compte.</param>
    /// <param name="Mine">true si elle vous est assignée (ou, pour le secrétariat, à votre secrétariat).</param>
    /// <param name="Authored">true si vous en êtes l'auteur.</param>
    /// <param name="PersonId">Identifiant (UUID) du dossier dont elle parle ; null si elle ne porte sur aucun dossier.</param>
    /// <param name="PersonName">Nom de la personne de ce dossier ; null sans dossier.</param>
    /// <param name="FollowUpId">Identifiant (UUID) de l'accompagnement dont elle parle ; null sans accompagnement.</param>
    /// <param name="Version">Version de l'enregistrement, à renvoyer avec la prochaine modification (verrouillage optimiste : une version périmée répond 409).</param>
    public sealed record TaskView(Guid Id, string Title, DateOnly DueOn, DateOnly? DoneOn, bool Overdue, TaskVisibility Visibility,
        Guid AuthorId, Guid? AssigneeId, bool ToSecretariat, string Assignee, bool Mine, bool Authored,
        Guid? PersonId, string? PersonName, Guid? FollowUpId, int Version);

    public sealed record AssigneeChoice(string Value, string Label);

    /// <summary>Une tâche enregistrée et sa nouvelle version.</summary>
    /// <param name="Id">Identifiant (UUID) de la tâche.</param>
    /// <param name="Version">Version de l'enregistrement, à renvoyer avec la prochaine modification (verrouillage optimiste : une version périmée répond 409).</param>
    public sealed record Saved(Guid Id, int Version);

    private static TaskReader Reader(ClaimsPrincipal user) =>
        new(user.AccountId(), user.Role() == StaffRole.Secretariat ? user.CirconscriptionId() : null);

    /// <summary>The tasks the reader sees: the one statement of the rule (see the class).</summary>
    public IQueryable<WorkTask> Visible(ClaimsPrincipal user)
    {
        var reader = Reader(user);
        var me = reader.AccountId;
        var secretariat = reader.SecretariatOf;
        // FollowUp.Involves as two index range scans joined by UNION ALL (referent; co-worker), as PersonAccess.AssignedPersonIds
        // does: its OR made the database walk every open follow-up of the département for each list of tasks.
        var open = db.FollowUps.Where(f => f.Status == FollowUpStatus.Ouvert);
        var myFollowUps = open.Where(f => f.ReferentId == me).Select(f => f.Id)
            .Concat(db.FollowUpMembers.Where(m => m.StaffAccountId == me).Join(open, m => m.FollowUpId, f => f.Id, (m, f) => f.Id));
        var persons = access.VisiblePersons(user).Select(p => p.Id);
        return db.Tasks.Where(t =>
            (t.AuthorId == me || t.AssigneeId == me
             || (t.AssignedToSecretariat && secretariat != null && t.CirconscriptionId == secretariat)
             || (t.Visibility == TaskVisibility.Equipe && t.FollowUpId != null && myFollowUps.Contains(t.FollowUpId.Value)))
            && (t.PersonId == null || persons.Contains(t.PersonId.Value)));
    }

    /// <summary>The reader's tasks to do (overdue first, then by due day) or done (latest first); journaled like a search:
    /// how many, never a title or a name.</summary>
    public async Task<IReadOnlyList<TaskView>> ListAsync(ClaimsPrincipal user, Filter filter, Guid? followUpId = null, int take = 200, CancellationToken ct = default)
    {
        var query = Visible(user).AsNoTracking();
        if (followUpId is { } f) query = query.Where(t => t.FollowUpId == f);
        query = filter == Filter.Faites
            ? query.Where(t => t.DoneOn != null).OrderByDescending(t => t.DoneOn).ThenBy(t => t.Id)
            : query.Where(t => t.DoneOn == null).OrderBy(t => t.DueOn).ThenBy(t => t.Id);
        var tasks = await query.Take(take).ToListAsync(ct);
        var views = await ViewsAsync(user, tasks, ct);
        await journal.WriteAsync(JournalAction.Recherche, detail: $"mes tâches ({(filter == Filter.Faites ? "faites" : "à faire")}) : {views.Count} tâche(s)", ct: ct);
        return views;
    }

    /// <summary>One task the reader sees, or null (404).</summary>
    public async Task<TaskView?> FindAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        var task = await Visible(user).AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return null;
        var view = (await ViewsAsync(user, [task], ct)).Single();
        if (task.PersonId is { } person) await journal.WriteAsync(JournalAction.Lecture, person, Discret.Web.Features.Journal.AccessJournal.Groups([FieldGroup.Taches]), ct: ct);
        return view;
    }

    private async Task<IReadOnlyList<TaskView>> ViewsAsync(ClaimsPrincipal user, IReadOnlyList<WorkTask> tasks, CancellationToken ct)
    {
        var me = user.AccountId();
        var today = clock.Today();
        var accountIds = tasks.Select(t => t.AssigneeId).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        var personIds = tasks.Select(t => t.PersonId).OfType<Guid>().Distinct().ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, Name = Person.NameOf(p.UsageName, p.BirthName, p.FirstNames) }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return tasks.Select(t => new TaskView(t.Id, t.Title, t.DueOn, t.DoneOn, WorkTask.OverdueOn.Holds(t, today), t.Visibility,
            t.AuthorId, t.AssigneeId, t.AssignedToSecretariat,
            t.AssignedToSecretariat ? "Secrétariat de la circonscription" : t.AssigneeId == me ? "Moi" : names.GetValueOrDefault(t.AssigneeId ?? Guid.Empty, "—"),
            t.AssigneeId == me || (t.AssignedToSecretariat && user.Role() == StaffRole.Secretariat), t.AuthorId == me,
            t.PersonId, t.PersonId is { } p ? persons.GetValueOrDefault(p) : null, t.FollowUpId, t.Version)).ToList();
    }

    /// <summary>Whom the author may assign a task to: herself, the follow-up's referent and co-workers (active accounts),
    /// the circonscription's secretariat. Values: "moi", "secretariat" or an account's id.</summary>
    public async Task<IReadOnlyList<AssigneeChoice>> AssigneesAsync(ClaimsPrincipal user, FollowUp? followUp, CancellationToken ct = default)
    {
        var choices = new List<AssigneeChoice> { new("moi", "Moi") };
        if (followUp is not null)
        {
            var team = TeamOf(followUp).Where(id => id != user.AccountId()).ToList();
            choices.AddRange(await db.Users.AsNoTracking().Where(a => team.Contains(a.Id) && a.IsActive).OrderBy(a => a.DisplayName)
                .Select(a => new AssigneeChoice(a.Id.ToString(), a.DisplayName)).ToListAsync(ct));
        }
        choices.Add(new("secretariat", "Le secrétariat de la circonscription"));
        return choices;
    }

    /// <summary>The choices for a task the reader sees (its follow-up's team when it has one).</summary>
    public async Task<IReadOnlyList<AssigneeChoice>> AssigneesOfAsync(ClaimsPrincipal user, TaskView task, CancellationToken ct = default) =>
        await AssigneesAsync(user, task.FollowUpId is { } f ? await db.FollowUps.AsNoTracking().Include(x => x.Team).FirstOrDefaultAsync(x => x.Id == f, ct) : null, ct);

    private static IEnumerable<Guid> TeamOf(FollowUp f) => f.Team.Select(m => m.StaffAccountId).Prepend(f.ReferentId);

    /// <summary>The title: short, and through the guard. A task's title is a short operational line, shown in lists (to the
    /// secretariat too): it never needs an identifier, a judgement or a health word, so the guard's warnings refuse it too.</summary>
    public static string? CheckTitle(string? title, Dictionary<string, string> errors)
    {
        var text = title?.Trim();
        if (string.IsNullOrEmpty(text)) { errors["Title"] = "Saisissez l'intitulé de la tâche."; return null; }
        if (text.Length > WorkTask.MaxTitleLength)
        {
            errors["Title"] = $"L'intitulé compte {text.Length} caractères : il doit en compter 200 au plus. Raccourcissez-le ; rien n'a été enregistré.";
            return null;
        }
        var result = TextGuard.Analyse(text);
        if (result.Verdict == GuardVerdict.Clean) return text;
        errors["Title"] = "Rien n'a été enregistré. " + string.Join(" ", result.Findings.Select(f => f.Message).Distinct())
                          + " L'intitulé d'une tâche dit ce qu'il y a à faire, en quelques mots factuels.";
        return null;
    }

    /// <summary>Creates a task; on a follow-up or a file the author must reach it (else 404).</summary>
    public async Task<Result<Saved>> CreateAsync(ClaimsPrincipal user, Request request, CancellationToken ct = default)
    {
        FollowUp? followUp = null;
        Guid? personId = null;
        var circonscriptionId = user.CirconscriptionId();
        if (request.FollowUpId is { } followUpId)
        {
            var target = await files.FollowUpAsync(followUpId);
            if (target is null) return Result.NotFound();
            if (request.PersonId is { } p && p != target.FollowUp.PersonId) return Result.NotFound();
            if (!target.FollowUp.IsOpen) return Result.Conflict(ClosedMessage);
            if (!target.File.StateAllowsWrite(FieldGroup.Taches)) return FileStateAnswer.Refused(target.File);
            followUp = target.FollowUp;
            personId = followUp.PersonId;
            circonscriptionId = followUp.CirconscriptionId;
        }
        else if (request.PersonId is { } p)
        {
            var file = await files.PersonAsync(p);
            if (file is null) return Result.NotFound();
            if (!file.StateAllowsWrite(FieldGroup.Taches)) return FileStateAnswer.Refused(file);
            personId = p;
            circonscriptionId = await db.Persons.Where(x => x.Id == p).Select(x => x.CirconscriptionId).SingleAsync(ct);
        }
        var errors = new Dictionary<string, string>();
        var (title, assignee) = Check(user, request, followUp, errors);
        if (errors.Count > 0) return Result.Invalid(errors);

        var task = new WorkTask(user.AccountId(), circonscriptionId, personId, followUp?.Id, clock.GetUtcNow().UtcDateTime);
        task.Describe(title!, assignee, request.ToSecretariat, request.DueOn!.Value, request.Visibility ?? TaskVisibility.MoiEtAssignee);
        db.Tasks.Add(task);
        JournalWrite(task, "création d'une tâche");
        await db.SaveChangesAsync(ct);
        return Result.Ok(new Saved(task.Id, task.Version));
    }

    /// <summary>Changes a task's title, due day, assignee or visibility: its author only (the others who see it get a
    /// refusal; anyone else 404).</summary>
    public async Task<Result<Saved>> UpdateAsync(ClaimsPrincipal user, Guid id, Request request, CancellationToken ct = default)
    {
        var task = await Visible(user).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Result.NotFound();
        if (task.AuthorId != user.AccountId()) return Result.Refused("Modification réservée à l'auteur", AuthorOnlyMessage);
        if (await RefusedByFileStateAsync(task) is { } refused) return refused;
        if (request.Version is { } v && v != task.Version) return Result.Conflict(StaleMessage);
        var followUp = task.FollowUpId is { } f ? await db.FollowUps.Include(x => x.Team).FirstOrDefaultAsync(x => x.Id == f, ct) : null;
        var errors = new Dictionary<string, string>();
        var (title, assignee) = Check(user, request, followUp, errors);
        if (errors.Count > 0) return Result.Invalid(errors);
        task.Describe(title!, assignee, request.ToSecretariat, request.DueOn!.Value, request.Visibility ?? task.Visibility);
        JournalWrite(task, "modification d'une tâche");
        return await SaveAsync(task, ct);
    }

    /// <summary>Marks a task done (today, in Paris) or to do again: whoever sees it.</summary>
    public async Task<Result<Saved>> MarkAsync(ClaimsPrincipal user, Guid id, bool? state, int? version = null, CancellationToken ct = default)
    {
        var task = await Visible(user).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Result.NotFound();
        if (state is not { } done) return Result.Invalid("Done", "Indiquez si la tâche est faite (true) ou à faire (false).");
        if (await RefusedByFileStateAsync(task) is { } refused) return refused;
        if (version is { } v && v != task.Version) return Result.Conflict(StaleMessage);
        if (done == task.IsDone) return Result.Ok(new Saved(task.Id, task.Version));
        if (done) task.MarkDone(clock.Today()); else task.Reopen();
        JournalWrite(task, done ? "tâche faite" : "tâche à refaire");
        return await SaveAsync(task, ct);
    }

    /// <summary>A task about a file is written like the file: not on a minimal record (paper only), not on a limited file
    /// (<see cref="PersonAccess.StateAllowsWrite"/>); the refusal says why. Null when the write may go on.</summary>
    private async Task<Failure?> RefusedByFileStateAsync(WorkTask task)
    {
        if (task.PersonId is not { } personId) return null;
        var file = await files.PersonAsync(personId);
        if (file is null) return Result.NotFound();
        return file.StateAllowsWrite(FieldGroup.Taches) ? null : FileStateAnswer.Refused(file);
    }

    private async Task<Result<Saved>> SaveAsync(WorkTask task, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok(new Saved(task.Id, task.Version));
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result.Conflict(StaleMessage);
        }
    }

    private (string? Title, Guid? Assignee) Check(ClaimsPrincipal user, Request request, FollowUp? followUp, Dictionary<string, string> errors)
    {
        var title = CheckTitle(request.Title, errors);
        if (request.DueOn is null) errors["DueOn"] = "Indiquez l'échéance de la tâche (jj/mm/aaaa).";
        if (request.Visibility == TaskVisibility.Equipe && followUp is null) errors["Visibility"] = TeamNeedsFollowUpMessage;
        var me = user.AccountId();
        Guid? assignee = request.ToSecretariat ? null : request.AssigneeId ?? me;
        if (request.ToSecretariat && request.AssigneeId is not null) errors["AssigneeId"] = AssigneeMessage;
        else if (assignee is { } a && a != me && (followUp is null || !TeamOf(followUp).Contains(a))) errors["AssigneeId"] = AssigneeMessage;
        else if (assignee is { } b && b != me && !db.Users.Any(x => x.Id == b && x.IsActive)) errors["AssigneeId"] = AssigneeMessage;
        return (title, assignee);
    }

    /// <summary>A write on a task, journaled with its change: about the file when it has one; the task's id, never its title.</summary>
    private void JournalWrite(WorkTask task, string what)
    {
        if (task.PersonId is { } person) journal.RecordWrite(person, what, [FieldGroup.Taches], reference: task.Id);
        else journal.Record(JournalAction.Ecriture, detail: $"{what}: {FieldGroup.Taches}", reference: task.Id);
    }
}
