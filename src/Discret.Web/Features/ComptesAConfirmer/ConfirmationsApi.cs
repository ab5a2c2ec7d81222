using Discret.Domain.Accounts;
using Discret.Web.Features.Connexion;
using Discret.Web.Security;
using Discret.Web.Shared;

namespace Discret.Web.Features.ComptesAConfirmer;

/// <summary>The confirmers' API, on the same use case as the page: heads of circonscription and the DPO, each for her own scope.</summary>
public static class ConfirmationsApi
{
    /// <summary>A request on an account that awaits your confirmation.</summary>
    /// <param name="Id">Identifier of the request (to confirm or refuse it).</param>
    /// <param name="AccountId">The account it concerns.</param>
    /// <param name="Request">What is asked: creation, reset, change of role, reactivation.</param>
    /// <param name="PreviousRole">For a change: the role before it.</param>
    /// <param name="PreviousCirconscription">For a change: the circonscription before it.</param>
    /// <param name="RequestedBy">Who asked (the technical administrator's name).</param>
    public sealed record PendingView(Guid Id, Guid AccountId, AccountRequestKind Request, string DisplayName, string Login, StaffRole Role, string Circonscription,
        StaffRole? PreviousRole, string? PreviousCirconscription, DateTime RequestedAt, string? RequestedBy);

    /// <param name="ActivationLink">For a creation or a reset: the one-time link to hand over in person (shown this once); null otherwise.</param>
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
