using Discret.Domain.Accounts;
using Discret.Web.Features.Connexion;
using Discret.Web.Security;
using Discret.Web.Shared;

namespace Discret.Web.Features.ComptesAConfirmer;

/// <summary>The confirmers' API, on the same use case as the page: heads of circonscription and the DPO, each for her own scope.</summary>
public static class ConfirmationsApi
{
    /// <summary>Une demande sur un compte qui attend votre confirmation.</summary>
    /// <param name="Id">Identifiant (UUID) de la demande, pour la confirmer ou la refuser.</param>
    /// <param name="AccountId">Identifiant (UUID) du compte concerné.</param>
    /// <param name="Request">Ce qui est demandé : création, réinitialisation, changement de rôle ou de circonscription, réactivation.</param>
    /// <param name="DisplayName">Nom affiché du compte.</param>
    /// <param name="Login">Identifiant de connexion du compte.</param>
    /// <param name="Role">Rôle demandé pour le compte.</param>
    /// <param name="Circonscription">Nom de la circonscription demandée.</param>
    /// <param name="PreviousRole">Pour un changement : le rôle d'avant ; absent ou null sinon.</param>
    /// <param name="PreviousCirconscription">Pour un changement : le nom de la circonscription d'avant ; absent ou null sinon.</param>
    /// <param name="RequestedAt">Date de la demande, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    /// <param name="RequestedBy">Qui l'a faite (le nom de l'administrateur technique) ; null si le compte n'existe plus.</param>
    public sealed record PendingView(Guid Id, Guid AccountId, AccountRequestKind Request, string DisplayName, string Login, StaffRole Role, string Circonscription,
        StaffRole? PreviousRole, string? PreviousCirconscription, DateTime RequestedAt, string? RequestedBy);

    /// <summary>Une demande confirmée : le compte a désormais l'accès de son rôle.</summary>
    /// <param name="AccountId">Identifiant (UUID) du compte concerné.</param>
    /// <param name="Request">Ce qui a été confirmé.</param>
    /// <param name="ActivationLink">Pour une création ou une réinitialisation : le lien d'activation à usage unique, à remettre en main propre au titulaire (affiché cette seule fois) ; null sinon.</param>
    public sealed record ConfirmedView(Guid AccountId, AccountRequestKind Request, string? ActivationLink);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/comptes-a-confirmer").RequireAuthorization(Policies.AccountConfirmation);
        api.MapGet("/comptes-a-confirmer", async (AccountConfirmations confirmations, HttpContext http) =>
                (await confirmations.ToDecideAsync(http.User, http.RequestAborted)).Select(p => new PendingView(p.RequestId, p.AccountId, p.Kind, p.DisplayName,
                    p.Login, p.Role, p.Circonscription, p.PreviousRole, p.PreviousCirconscription, p.RequestedAt, p.RequestedBy)).ToList())
            .RequireAuthorization(Policies.AccountConfirmation)
            .WithSummary("Les demandes sur des comptes (création, réinitialisation, changement de rôle, réactivation) qui attendent votre confirmation.")
            .Produces<List<PendingView>>();

        group.MapPost("/{id:guid}/confirmation", async (Guid id, AccountConfirmations confirmations, HttpContext http) =>
                (await confirmations.ConfirmAsync(http.User, id, http.RequestAborted)).ToHttp(confirmed => Results.Ok(new ConfirmedView(confirmed.AccountId,
                    confirmed.Kind, confirmed.Token is { } token ? ActivationModel.Link(http.Request, token) : null)), Body))
            .WithSummary("Confirme une demande : le compte obtient l'accès de son rôle ; pour une création ou une réinitialisation, renvoie le lien "
                         + "d'activation (affiché une seule fois), à remettre en main propre au titulaire. 404 pour une demande hors de votre périmètre.")
            .Produces<ConfirmedView>();

        group.MapPost("/{id:guid}/refus", async (Guid id, AccountConfirmations confirmations, HttpContext http) =>
                (await confirmations.RefuseAsync(http.User, id, http.RequestAborted)).ToHttp(Results.NoContent, Body))
            .WithSummary("Refuse une demande (une création refusée laisse le compte désactivé). 404 pour une demande hors de votre périmètre.")
            .Produces(StatusCodes.Status204NoContent);
    }

    private const string Body = "demande";
}
