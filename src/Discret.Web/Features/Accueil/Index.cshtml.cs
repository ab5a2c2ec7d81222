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
    ComptesAConfirmer.AccountConfirmations confirmations) : PageModel
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

    public async Task OnGetAsync()
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
