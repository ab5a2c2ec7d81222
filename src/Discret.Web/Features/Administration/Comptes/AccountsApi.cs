using Discret.Web.Shared;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.Administration.Comptes;

/// <summary>The account administration API (technical administrator only), on the same rules as the pages.</summary>
public static class AccountsApi
{
    /// <summary>Un compte du personnel, tel que l'administrateur technique le voit.</summary>
    /// <param name="Id">Identifiant (UUID) du compte.</param>
    /// <param name="Login">Identifiant de connexion (lettres minuscules sans accent, chiffres, points et tirets).</param>
    /// <param name="DisplayName">Nom affiché (prénom et nom).</param>
    /// <param name="Role">Rôle du compte, qui décide de ce qu'il peut voir et faire.</param>
    /// <param name="CirconscriptionId">Identifiant (UUID) de la circonscription du compte (voir GET /api/v1/admin/circonscriptions).</param>
    /// <param name="Active">false pour un compte désactivé (il ne peut plus se connecter ; il n'est jamais supprimé).</param>
    /// <param name="TwoFactorEnabled">true quand le titulaire a enrôlé son second facteur (application TOTP).</param>
    /// <param name="AccessConfirmed">false tant que le rôle et la circonscription attendent la confirmation d'un responsable de circonscription ou du DPO : le compte n'a alors accès à rien.</param>
    public sealed record AccountView(Guid Id, string Login, string DisplayName, StaffRole Role, Guid CirconscriptionId, bool Active, bool TwoFactorEnabled,
        bool AccessConfirmed);
    /// <summary>Création d'un compte : il n'a aucun accès ni lien d'activation tant que la ou le responsable de sa circonscription (ou le DPO) n'a pas confirmé.</summary>
    /// <param name="Login">Identifiant de connexion, unique : lettres minuscules sans accent, chiffres, points et tirets. Obligatoire.</param>
    /// <param name="DisplayName">Nom affiché (prénom et nom). Obligatoire.</param>
    /// <param name="Role">Rôle du compte. Obligatoire.</param>
    /// <param name="CirconscriptionId">Identifiant (UUID) de la circonscription du compte (GET /api/v1/admin/circonscriptions). Obligatoire.</param>
    public sealed record CreateRequest(string? Login, string? DisplayName, StaffRole? Role, Guid? CirconscriptionId);
    /// <summary>Nouveau rôle et nouvelle circonscription d'un compte ; le compte perd tout accès jusqu'à la confirmation.</summary>
    /// <param name="Role">Nouveau rôle. Obligatoire.</param>
    /// <param name="CirconscriptionId">Identifiant (UUID) de la nouvelle circonscription. Obligatoire.</param>
    public sealed record AssignmentRequest(StaffRole? Role, Guid? CirconscriptionId);
    /// <summary>Ce qui a été demandé sur un compte et qui doit le confirmer : le lien d'activation est remis à cette personne, jamais à l'administrateur.</summary>
    /// <param name="Id">Identifiant (UUID) du compte concerné.</param>
    /// <param name="Request">La demande, en français (libellé de la liste AccountRequestKind, par exemple « Création du compte »).</param>
    /// <param name="AwaitingConfirmationBy">Qui doit confirmer, en français (la ou le responsable de la circonscription, ou le DPO).</param>
    public sealed record RequestView(Guid Id, string Request, string AwaitingConfirmationBy);

    /// <summary>Une circonscription du département.</summary>
    /// <param name="Id">Identifiant (UUID) de la circonscription.</param>
    /// <param name="Name">Son nom.</param>
    public sealed record CirconscriptionView(Guid Id, string Name);

    /// <summary>Une page de comptes, par nom affiché puis identifiant de connexion.</summary>
    /// <param name="Page">Numéro de la page (1 pour la première ; paramètre page, 1 par défaut).</param>
    /// <param name="PageSize">Nombre de comptes par page (25).</param>
    /// <param name="Total">Nombre total de comptes, toutes pages confondues.</param>
    /// <param name="Accounts">Les comptes de la page ; vide au-delà de la dernière.</param>
    public sealed record AccountsPage(int Page, int PageSize, int Total, IReadOnlyList<AccountView> Accounts);

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/circonscriptions", async (DiscretDbContext db) =>
            await db.Circonscriptions.AsNoTracking().OrderBy(c => c.Name).Select(c => new CirconscriptionView(c.Id, c.Name)).ToListAsync())
            .WithSummary("Les circonscriptions du département.")
            .Produces<List<CirconscriptionView>>();

        admin.MapGet("/comptes", async (DiscretDbContext db, int? page) =>
        {
            var p = Math.Max(1, page ?? 1);
            var items = await db.Users.AsNoTracking().OrderBy(a => a.DisplayName).ThenBy(a => a.UserName)
                .Skip((p - 1) * IndexModel.PageSize).Take(IndexModel.PageSize)
                .Select(a => new AccountView(a.Id, a.UserName!, a.DisplayName, a.Role, a.CirconscriptionId, a.IsActive, a.TwoFactorEnabled, a.AccessConfirmedAt != null))
                .ToListAsync();
            return Results.Ok(new AccountsPage(p, IndexModel.PageSize, await db.Users.CountAsync(), items));
        }).WithSummary("Les comptes, par page de 25.")
            .Produces<AccountsPage>();

        admin.MapPost("/comptes", async (CreateRequest request, AccountCommands commands, HttpContext http) =>
        {
            var result = await commands.CreateAsync(request.Login, request.DisplayName, request.Role, request.CirconscriptionId, http.User.AccountId());
            return result.ToHttp(created => Results.Created($"/api/v1/admin/comptes/{created.Account.Id}",
                View(created)), Body);
        }).Idempotent().WithSummary("Crée un compte, sans accès ni lien d'activation : la ou le responsable de sa circonscription (ou le DPO) le confirme "
                       + "et reçoit le lien, à remettre en main propre. Renvoie qui doit confirmer.")
            .Produces<RequestView>(StatusCodes.Status201Created);

        admin.MapGet("/comptes/{id:guid}", async (Guid id, DiscretDbContext db) =>
            await db.Users.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new AccountView(a.Id, a.UserName!, a.DisplayName, a.Role, a.CirconscriptionId, a.IsActive, a.TwoFactorEnabled, a.AccessConfirmedAt != null))
                .FirstOrDefaultAsync() is { } view ? Results.Ok(view) : ApiProblems.NotFound())
            .WithSummary("Un compte : identifiant de connexion, nom, rôle, circonscription, état, double authentification, accès confirmé.")
            .Produces<AccountView>();

        admin.MapPut("/comptes/{id:guid}/affectation", async (Guid id, AssignmentRequest request, AccountCommands commands, HttpContext http) =>
            (await commands.ChangeAssignmentAsync(id, http.User.AccountId(), request.Role, request.CirconscriptionId)).ToHttp(changed =>
                changed is null ? Results.NoContent() : Results.Ok(View(changed)), Body))
            .WithSummary("Change le rôle et la circonscription d'un compte ; ses sessions en cours prennent fin et il n'a plus accès à rien "
                         + "jusqu'à la confirmation (renvoyée : qui doit confirmer ; 204 si rien ne change).")
            .Produces<RequestView>().Produces(StatusCodes.Status204NoContent);

        admin.MapPost("/comptes/{id:guid}/desactivation", async (Guid id, AccountCommands commands, HttpContext http) =>
            (await commands.DeactivateAsync(id, http.User.AccountId())).ToHttp(Results.NoContent, Body))
            .WithSummary("Désactive un compte (jamais supprimé : le journal et les dossiers nomment qui a agi) ; ses sessions en cours prennent fin.")
            .Produces(StatusCodes.Status204NoContent);

        admin.MapPost("/comptes/{id:guid}/reactivation", async (Guid id, AccountCommands commands, HttpContext http) =>
            (await commands.ReactivateAsync(id, http.User.AccountId())).ToHttp(reactivated => Results.Ok(View(reactivated)), Body))
            .WithSummary("Réactive un compte, sans accès jusqu'à la confirmation (renvoyée : qui doit confirmer).")
            .Produces<RequestView>();

        admin.MapPost("/comptes/{id:guid}/reinitialisation", async (Guid id, AccountCommands commands, HttpContext http) =>
            (await commands.ResetAsync(id, http.User.AccountId())).ToHttp(reset =>
                Results.Accepted($"/api/v1/admin/comptes/{id}", View(reset)), Body))
            .WithSummary("Demande la réinitialisation d'un compte (202) : à sa confirmation par la ou le responsable de circonscription ou le DPO, "
                         + "mot de passe et double authentification sont supprimés et le nouveau lien d'activation lui est remis, jamais à l'administrateur.")
            .Produces<RequestView>(StatusCodes.Status202Accepted);
    }

    private static RequestView View(AccountCommands.Requested requested) =>
        new(requested.Account.Id, requested.Kind.Label(), requested.Confirmer.Description);

    /// <summary>Where a form-level error goes in a validation problem.</summary>
    private const string Body = "compte";
}
