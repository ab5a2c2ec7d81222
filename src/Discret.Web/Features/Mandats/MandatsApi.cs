using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.Mandats;

/// <summary>
/// Mandates on the same use cases as the pages: the follow-up's team reads and writes (<see cref="MandateAccess"/>); reception
/// and secretariat of the circonscription see that mandates exist and record revocations; every other account gets 404.
/// </summary>
public static class MandatsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var mandates = api.MapGroup("/personnes/{id:guid}/mandats").RequireAuthorization(Policies.PersonFiles);

        api.MapGet("/personnes/{id:guid}/mandats", async (PersonAccessView? file, Mandates use, CancellationToken ct) =>
                file is not null && await use.OverviewAsync(file, ct: ct) is { } overview ? Results.Ok(overview.Mandates) : ApiProblems.NotFound())
            .RequireAuthorization(Policies.PersonFiles)
            .WithSummary("Les mandats de la personne : état, dates et domaines (l'accueil et le secrétariat de la circonscription n'en voient pas davantage).")
            .Produces<List<Mandates.MandateLine>>();

        api.MapPost("/personnes/{id:guid}/mandats", async (Guid id, PersonAccessView? file, Mandates.Request request, Mandates use, CancellationToken ct) =>
                (await use.CreateAsync(file, request, ct)).ToHttp(mandateId => Results.Created($"/api/v1/personnes/{id}/mandats/{mandateId}", new CreatedId(mandateId))))
            .Idempotent().RequireAuthorization(Policies.PersonFiles)
            .WithSummary("Prépare un mandat (modèle de la CNIL) : accompagnement (followUpId), professionnels nommés de son équipe (mandataires), "
                       + "autorisations par domaine avec leurs organismes (authorisations), données utilisables (dataKinds), un jour (oneDay) ou "
                       + "jusqu'à une date (endsOn, 12 mois au plus), mesure de protection et représentant. Le mandat est scellé par son empreinte ; "
                       + "imprimez-le (…/pdf) pour le faire signer.")
            .Produces<CreatedId>(StatusCodes.Status201Created);

        mandates.MapGet("/{mandateId:guid}", async (PersonAccessView? file, Guid mandateId, Mandates use, CancellationToken ct) =>
                (await use.DetailAsync(file, mandateId, ct)).ToHttp(detail => Results.Ok(detail)))
            .WithSummary("Un mandat, pour l'équipe de l'accompagnement : contenu imprimé, état, signature, révocations et démarches faites.")
            .Produces<Mandates.Detail>();

        mandates.MapGet("/{mandateId:guid}/pdf", async (PersonAccessView? file, Guid mandateId, Mandates use, CancellationToken ct) =>
                (await use.PdfAsync(file, mandateId, ct)).ToHttp(pdf => Results.File(pdf.Pdf, "application/pdf", pdf.FileName)))
            .WithSummary("Le mandat en PDF, deux exemplaires (de la personne, du service), avec son code QR, son code et son empreinte : identique à chaque édition.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf");

        mandates.MapPost("/{mandateId:guid}/signature", async (PersonAccessView? file, Guid mandateId, Mandates.SignatureRequest request, Mandates use, CancellationToken ct) =>
                (await use.SignAsync(file, mandateId, request, ct)).ToHttp(Results.NoContent))
            .WithSummary("Enregistre la signature du mandat sur papier : date (signedOn) et qui a signé pour la personne (signer). 409 s'il est déjà signé.")
            .Produces(StatusCodes.Status204NoContent);

        mandates.MapPost("/{mandateId:guid}/revocation", async (PersonAccessView? file, Guid mandateId, Mandates.RevocationRequest request, Mandates use, CancellationToken ct) =>
                (await use.RevokeAsync(file, mandateId, request, ct)).ToHttp(Results.NoContent))
            .WithSummary("Enregistre, à la date du jour, la révocation du mandat entier ou d'une autorisation (domain), avec une raison facultative (reason). "
                       + "L'équipe, ou l'accueil et le secrétariat de la circonscription quand la personne se présente. 409 si c'est déjà fait.")
            .Produces(StatusCodes.Status204NoContent);

        mandates.MapGet("/{mandateId:guid}/accuse-de-revocation", async (PersonAccessView? file, Guid mandateId, Mandates use, CancellationToken ct) =>
                (await use.ReceiptAsync(file, mandateId, ct)).ToHttp(pdf => Results.File(pdf.Pdf, "application/pdf", pdf.FileName)))
            .WithSummary("L'accusé de révocation en PDF, à remettre à la personne : ce qui est révoqué et depuis quand. 409 sans révocation.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf");

        mandates.MapGet("/demarches", async (PersonAccessView? file, Mandates use, CancellationToken ct) =>
                (await use.ProceduresPdfAsync(file, ct)).ToHttp(pdf => Results.File(pdf.Pdf, "application/pdf", pdf.FileName)))
            .WithSummary("La liste des démarches faites au nom de la personne sous ses mandats, en PDF, à lui remettre à sa demande : "
                       + "mandat par mandat, la date, le domaine, l'organisme, la démarche, son résultat et qui l'a faite. L'équipe de l'accompagnement.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf");

        api.MapGet("/mandats/verification", async (string? code, string? fingerprint, MandateVerification use, CancellationToken ct) =>
                (await use.CheckAsync(code, fingerprint, ct)).ToHttp(answer => Results.Ok(answer)))
            .RateLimited(RateLimitKind.Search, countsReads: true)
            .WithSummary("Vérifie un mandat par son code (code) et, si on le donne, l'empreinte imprimée (fingerprint) : valide, révoqué, expiré, "
                       + "pas encore signé, ou empreinte différente. Jamais son contenu ; un lien vers le mandat pour l'équipe seulement.")
            .Produces<MandateVerification.Answer>();
    }
}
