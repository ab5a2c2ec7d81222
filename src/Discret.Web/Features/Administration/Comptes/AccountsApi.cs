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
    public sealed record AccountView(Guid Id, string Login, string Nom, StaffRole Role, Guid CirconscriptionId, bool Actif, bool DoubleAuthentification);
    public sealed record CreateRequest(string? Login, string? Nom, StaffRole? Role, Guid? CirconscriptionId);
    public sealed record AssignmentRequest(StaffRole? Role, Guid? CirconscriptionId);
    public sealed record ActivationView(Guid Id, string LienActivation);

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/circonscriptions", async (DiscretDbContext db) =>
            await db.Circonscriptions.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, Nom = c.Name }).ToListAsync())
            .WithSummary("Les circonscriptions du département.");

        admin.MapGet("/comptes", async (DiscretDbContext db, int? page) =>
        {
            var p = Math.Max(1, page ?? 1);
            var items = await db.Users.AsNoTracking().OrderBy(a => a.DisplayName).ThenBy(a => a.UserName)
                .Skip((p - 1) * IndexModel.PageSize).Take(IndexModel.PageSize)
                .Select(a => new AccountView(a.Id, a.UserName!, a.DisplayName, a.Role, a.CirconscriptionId, a.IsActive, a.TwoFactorEnabled))
                .ToListAsync();
            return Results.Ok(new { page = p, taillePage = IndexModel.PageSize, total = await db.Users.CountAsync(), comptes = items });
        }).WithSummary("Les comptes, par page de 25.");

        admin.MapPost("/comptes", async (CreateRequest request, AccountCommands commands, HttpRequest http) =>
        {
            var result = await commands.CreateAsync(request.Login, request.Nom, request.Role, request.CirconscriptionId);
            return result.ToHttp(created => Results.Created($"/api/v1/admin/comptes/{created.Account.Id}",
                new ActivationView(created.Account.Id, AccountForm.ActivationLink(http, created.Token))), Body);
        }).Idempotent().WithSummary("Crée un compte et renvoie son lien d'activation (affiché une seule fois).");

        admin.MapGet("/comptes/{id:guid}", async (Guid id, DiscretDbContext db) =>
            await db.Users.AsNoTracking().Where(a => a.Id == id)
                .Select(a => new AccountView(a.Id, a.UserName!, a.DisplayName, a.Role, a.CirconscriptionId, a.IsActive, a.TwoFactorEnabled))
                .FirstOrDefaultAsync() is { } view ? Results.Ok(view) : ApiProblems.NotFound());

        admin.MapPut("/comptes/{id:guid}/affectation", async (Guid id, AssignmentRequest request, AccountCommands commands, HttpContext http) =>
            (await commands.ChangeAssignmentAsync(id, http.User.AccountId(), request.Role, request.CirconscriptionId)).ToHttp(Results.NoContent, Body))
            .WithSummary("Change le rôle et la circonscription d'un compte ; ses sessions en cours prennent fin.");

        admin.MapPost("/comptes/{id:guid}/desactivation", async (Guid id, AccountCommands commands, HttpContext http) =>
            (await commands.DeactivateAsync(id, http.User.AccountId())).ToHttp(Results.NoContent, Body));

        admin.MapPost("/comptes/{id:guid}/reactivation", async (Guid id, AccountCommands commands) =>
            (await commands.ReactivateAsync(id)).ToHttp(Results.NoContent, Body));

        admin.MapPost("/comptes/{id:guid}/reinitialisation", async (Guid id, AccountCommands commands, HttpContext http) =>
        {
            var result = await commands.ResetAsync(id, http.User.AccountId());
            return result.ToHttp(reset => Results.Ok(new ActivationView(id, AccountForm.ActivationLink(http.Request, reset.Token))), Body);
        }).WithSummary("Supprime mot de passe et double authentification, et renvoie un nouveau lien d'activation.");
    }

    /// <summary>Where a form-level error goes in a validation problem.</summary>
    private const string Body = "compte";
}
