using Discret.Web.Shared.Ui;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Accueil;

/// <summary>The home page every account lands on after login: what its role covers, and the sections it may open.</summary>
public sealed class IndexModel(DiscretDbContext db, IAuthorizationService authorization, Notifications.NotificationInbox inbox,
    ComptesAConfirmer.AccountConfirmations confirmations, Caseload caseload, Orientation.NewFiles newFiles, Orientation.Handover handover,
    Orientation.Workers workers, Taches.WorkTasks tasks, Taches.Reminders reminders, TimeProvider clock) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public StaffRole Role { get; private set; }
    /// <summary>Set while the account's role and circonscription await confirmation: who must confirm (it reaches nothing meanwhile).</summary>
    public string? AwaitingConfirmationOf { get; private set; }
    /// <summary>For heads of circonscription and the DPO: how many requests on accounts await their decision.</summary>
    public int? AccountsToConfirm { get; private set; }
    /// <summary>The account's own resets, until read: « Votre compte a été réinitialisé le … à la demande de … ».</summary>
    public IReadOnlyList<Notifications.NotificationInbox.Item> Resets { get; private set; } = [];
    public string Circonscription { get; private set; } = "";
    public IReadOnlyList<string> RoleScope { get; private set; } = [];
    public List<Navigation.Item> Shortcuts { get; } = [];
    /// <summary>For a social worker: « Mes accompagnements », her own open follow-ups (null for every other role).</summary>
    public Caseload.Page? Caseload { get; private set; }
    public Caseload.Query CaseloadQuery { get; private set; } = new();
    /// <summary>How many lines of « À orienter » and « À réattribuer » the home page shows (their pages show the rest).</summary>
    public const int Preview = 5;
    /// <summary>For reception, secretariat and heads of circonscription: the first files « à orienter ».</summary>
    public Orientation.NewFilesModel.Listing? NewFiles { get; private set; }
    /// <summary>For a head of circonscription: the first follow-ups « à réattribuer ».</summary>
    public Orientation.Handover.Page? ToReassign { get; private set; }
    /// <summary>For a head of circonscription: the circonscription's workers, present or not today (no counts).</summary>
    public IReadOnlyList<Orientation.Workers.Worker>? Team { get; private set; }
    public DateOnly Today { get; private set; }
    /// <summary>For a social worker: « Mes tâches », her tasks to do and her reminders (null for every other role).</summary>
    public IReadOnlyList<Taches.WorkTasks.TaskView>? MyTasks { get; private set; }
    public IReadOnlyList<Taches.Reminders.Reminder> MyReminders { get; private set; } = [];

    /// <summary>The GET parameters of « Mes accompagnements » (none carries personal data): <c>tri</c> (dernier-contact,
    /// prochain-rendez-vous, nom), <c>retard</c> and <c>referente</c> (filters), <c>apres</c> (the page's cursor).
    /// An unknown value is read as its default.</summary>
    public static readonly IReadOnlyDictionary<string, Caseload.Sort> Sorts = new Dictionary<string, Caseload.Sort>
    {
        ["dernier-contact"] = Accueil.Caseload.Sort.DernierContact,
        ["prochain-rendez-vous"] = Accueil.Caseload.Sort.ProchainRendezVous,
        ["nom"] = Accueil.Caseload.Sort.Nom,
    };

    /// <summary>The <c>tri</c> parameter of the list shown, for its next page's link.</summary>
    public string SortKey => Sorts.First(s => s.Value == CaseloadQuery.Sort).Key;

    public async Task OnGetAsync(string? tri, string? retard, string? referente, string? apres)
    {
        DisplayName = User.FindFirst(DiscretClaims.DisplayName)?.Value ?? "";
        Resets = await inbox.UnreadResetsAsync(User, HttpContext.RequestAborted);
        if (User.Has(DiscretClaims.AwaitingConfirmation))
        {
            var account = await db.Users.AsNoTracking().FirstAsync(a => a.Id == User.AccountId());
            Role = account.Role;
            AwaitingConfirmationOf = (await ComptesAConfirmer.Confirmers.ForAsync(db, account)).Description;
        }
        else Role = User.Role() ?? StaffRole.Accueil;
        if ((await authorization.AuthorizeAsync(User, Policies.AccountConfirmation)).Succeeded)
            AccountsToConfirm = await confirmations.CountToDecideAsync(User, HttpContext.RequestAborted);
        var circonscriptionId = Guid.TryParse(User.FindFirst(DiscretClaims.Circonscription)?.Value, out var c) ? c : Guid.Empty;
        Circonscription = await db.Circonscriptions.Where(x => x.Id == circonscriptionId).Select(x => x.Name).FirstOrDefaultAsync() ?? "";
        RoleScope = AwaitingConfirmationOf is null ? Scope(Role) : [];
        if (AwaitingConfirmationOf is null && Role == StaffRole.TravailleurSocial)
        {
            CaseloadQuery = new Caseload.Query(Sorts.GetValueOrDefault(tri ?? "", Accueil.Caseload.Sort.DernierContact), retard == "1", referente == "1",
                Guid.TryParse(apres, out var after) ? after : null);
            Caseload = await caseload.ListAsync(User, CaseloadQuery, HttpContext.RequestAborted);
            // « Mes tâches » (issue 16 §3): the tasks due within the week or overdue, and the reminders.
            var weekEnd = clock.Today().AddDays(7);
            MyTasks = (await tasks.ListAsync(User, Taches.WorkTasks.Filter.AFaire, ct: HttpContext.RequestAborted)).Where(t => t.DueOn <= weekEnd).ToList();
            MyReminders = await reminders.MineAsync(User, HttpContext.RequestAborted);
        }
        if (AwaitingConfirmationOf is null && Role is StaffRole.Accueil or StaffRole.Secretariat or StaffRole.ResponsableCirconscription)
            NewFiles = new(await newFiles.ListAsync(User, null, Preview, HttpContext.RequestAborted), Role == StaffRole.ResponsableCirconscription);
        if (AwaitingConfirmationOf is null && Role == StaffRole.ResponsableCirconscription)
        {
            ToReassign = await handover.ToReassignAsync(User, null, null, Preview, HttpContext.RequestAborted);
            Team = await workers.OfCirconscriptionAsync(circonscriptionId, HttpContext.RequestAborted);
        }
        Today = ParisTime.Today(clock);
        foreach (var item in Navigation.Items.Skip(1))
            if ((await authorization.AuthorizeAsync(User, item.Policy)).Succeeded) Shortcuts.Add(item);
    }

    public static IReadOnlyList<string> Scope(StaffRole role) => role switch
    {
        StaffRole.Accueil => ["Accueillir les personnes et noter leurs rendez-vous.", "Vous voyez un nombre réduit d'informations : identité, coordonnées, rendez-vous."],
        StaffRole.Secretariat => ["Préparer les courriers et les rendez-vous.", "Vous ne voyez jamais les évaluations ni les notes des travailleurs sociaux."],
        StaffRole.TravailleurSocial => ["Accompagner les personnes dont vous êtes référent ou co-intervenant.", "Vous ne voyez que les dossiers des personnes que vous suivez."],
        StaffRole.ResponsableCirconscription => ["Organiser l'activité de la circonscription et attribuer les accompagnements.", "Vous voyez l'activité, pas le contenu des dossiers, sauf besoin motivé."],
        StaffRole.Direction => ["Consulter les statistiques anonymes du service.", "Aucune donnée nominative n'est accessible à ce rôle."],
        StaffRole.Dpo => ["Contrôler les accès au journal, les demandes d'exercice des droits et le registre des traitements.", "Régler la conservation des données, viser les bordereaux d'élimination avec le service des archives, poser les gels.", "Vos consultations du journal sont elles-mêmes journalisées."],
        StaffRole.AdminTechnique => ["Créer les comptes, changer les rôles, désactiver les comptes.", "Régler l'identité visuelle du département.", "Ce rôle ne donne accès à aucun dossier de personne."],
        _ => [],
    };
}
