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
    /// <param name="AccessConfirmed">False while the role and circonscription await a head of circonscription's or the DPO's confirmation.</param>
    public sealed record AccountView(Guid Id, string Login, string DisplayName, StaffRole Role, Guid CirconscriptionId, bool Active, bool TwoFactorEnabled,
        bool AccessConfirmed);
    public sealed record CreateRequest(string? Login, string? DisplayName, StaffRole? Role, Guid? CirconscriptionId);
    public sealed record AssignmentRequest(StaffRole? Role, Guid? CirconscriptionId);
    /// <summary>What was asked and who must confirm it: the activation link goes to that person, never to the administrator.</summary>
    public sealed record RequestView(Guid Id, string Request, string AwaitingConfirmationBy);

    /// <summary>A circonscription of the département.</summary>
    public sealed record CirconscriptionView(Guid Id, string Name);

    /// <summary>A page of accounts, by display name.</summary>
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
