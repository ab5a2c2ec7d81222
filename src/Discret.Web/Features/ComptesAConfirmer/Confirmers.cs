using System.Security.Claims;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.ComptesAConfirmer;

/// <summary>Who confirms a request on an account.</summary>
public enum ConfirmerKind
{
    /// <summary>A head of the account's circonscription: for the circonscription's team (reception, secretariat, social workers).</summary>
    ResponsableCirconscription,
    /// <summary>The DPO: for every other role, and for a team whose circonscription has no active head.</summary>
    Dpo,
    /// <summary>Nobody in the application may confirm (no other active DPO: at installation, or the only DPO's own account):
    /// the server's operator, with the <c>confirm-account</c> command.</summary>
    Exploitant,
}

public sealed record Confirmer(ConfirmerKind Kind, string? Circonscription)
{
    /// <summary>« … attend la confirmation de {Description} ».</summary>
    public string Description => Kind switch
    {
        ConfirmerKind.ResponsableCirconscription => $"la ou le responsable de la circonscription {Circonscription}",
        ConfirmerKind.Dpo => "la ou le délégué à la protection des données",
        _ => "l'exploitant du serveur (commande confirm-account), faute d'un délégué à la protection des données actif pour la confirmer",
    };
}

/// <summary>
/// The separation of duties, written once: who may confirm a creation, reset, change of role or reactivation asked by the
/// technical administrator. A head of circonscription confirms the accounts of her circonscription's team (reception,
/// secretariat, social workers), whom she knows; the DPO confirms every other role (heads of circonscription, direction,
/// DPO, technical administrators) and the team of a circonscription without an active head. Nobody confirms a request on
/// her own account; when no one in the application may confirm, the server's operator does (installation). The
/// administrator is never a confirmer.
/// </summary>
public static class Confirmers
{
    /// <summary>The roles of a circonscription's team, confirmed by its head.</summary>
    public static bool ByHeadOfCirconscription(StaffRole role) =>
        role is StaffRole.Accueil or StaffRole.Secretariat or StaffRole.TravailleurSocial;

    private static IQueryable<StaffAccount> Heads(DiscretDbContext db) =>
        db.Users.Where(h => h.IsActive && h.AccessConfirmedAt != null && h.Role == StaffRole.ResponsableCirconscription);

    private static IQueryable<StaffAccount> Dpos(DiscretDbContext db, Guid accountId) =>
        db.Users.Where(d => d.IsActive && d.AccessConfirmedAt != null && d.Role == StaffRole.Dpo && d.Id != accountId);

    /// <summary>Who confirms a request on this account, in its current role and circonscription.</summary>
    public static async Task<Confirmer> ForAsync(DiscretDbContext db, StaffAccount account, CancellationToken ct = default)
    {
        if (ByHeadOfCirconscription(account.Role) && await Heads(db).AnyAsync(h => h.CirconscriptionId == account.CirconscriptionId, ct))
            return new Confirmer(ConfirmerKind.ResponsableCirconscription,
                await db.Circonscriptions.Where(c => c.Id == account.CirconscriptionId).Select(c => c.Name).FirstAsync(ct));
        return await Dpos(db, account.Id).AnyAsync(ct) ? new Confirmer(ConfirmerKind.Dpo, null) : new Confirmer(ConfirmerKind.Exploitant, null);
    }

    /// <summary>The accounts that may confirm a request on this account (none when it falls to the server's operator).</summary>
    public static async Task<List<Guid>> PeopleAsync(DiscretDbContext db, StaffAccount account, CancellationToken ct = default) =>
        (await ForAsync(db, account, ct)).Kind switch
        {
            ConfirmerKind.ResponsableCirconscription => await Heads(db).Where(h => h.CirconscriptionId == account.CirconscriptionId).Select(h => h.Id).ToListAsync(ct),
            ConfirmerKind.Dpo => await Dpos(db, account.Id).Select(d => d.Id).ToListAsync(ct),
            _ => [],
        };

    /// <summary>
    /// The pending requests the signed-in account may decide: the same rule as <see cref="ForAsync"/>, as a query. Every
    /// other request does not exist for it (404).
    /// </summary>
    public static IQueryable<AccountRequest> DecidableBy(DiscretDbContext db, ClaimsPrincipal user)
    {
        var me = user.AccountId();
        var circonscription = user.CirconscriptionId();
        var pending = db.AccountRequests.Where(r => r.Outcome == null && r.AccountId != me);
        var heads = Heads(db);
        return user.Role() switch
        {
            StaffRole.ResponsableCirconscription => pending.Where(r => r.CirconscriptionId == circonscription
                && (r.Role == StaffRole.Accueil || r.Role == StaffRole.Secretariat || r.Role == StaffRole.TravailleurSocial)),
            StaffRole.Dpo => pending.Where(r => !(r.Role == StaffRole.Accueil || r.Role == StaffRole.Secretariat || r.Role == StaffRole.TravailleurSocial)
                || !heads.Any(h => h.CirconscriptionId == r.CirconscriptionId)),
            _ => pending.Where(_ => false),
        };
    }
}
