using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>The person's information through the API, on the same use case as the pages (404 when the account may
/// not read or write the person's Information group).</summary>
public static class InformationApi
{
    /// <summary>L'information de la personne (RGPD, articles 13 et 14) : notices remises, et informations venant d'un tiers encore à porter à sa connaissance.</summary>
    /// <param name="Informed">true si la personne a reçu la notice d'information.</param>
    /// <param name="InformBy">Date limite pour lui remettre la notice, jour (AAAA-MM-JJ, calendrier de Paris) (30 jours après la création du dossier).</param>
    /// <param name="CurrentNotice">Numéro de la version en vigueur de la notice d'information.</param>
    /// <param name="Records">Les remises de la notice enregistrées, de la plus récente à la plus ancienne.</param>
    /// <param name="PendingFacts">Les informations venant d'un partenaire ou d'un tiers pas encore portées à la connaissance de la personne (délai d'un mois).</param>
    public sealed record Document(bool Informed, DateOnly InformBy, int CurrentNotice, IReadOnlyList<PersonInformation.RecordLine> Records,
        IReadOnlyList<PendingDocument> PendingFacts);

    /// <summary>Une information venant d'un partenaire ou d'un tiers, à porter à la connaissance de la personne.</summary>
    /// <param name="Kind">Ce qu'elle concerne : nom d'un membre de la liste FactKind (Identite, Accompagnement, Entretien) ; à renvoyer dans kind de POST …/information/tiers.</param>
    /// <param name="FactId">Identifiant (UUID) de l'enregistrement concerné (la personne, l'accompagnement ou l'entretien), à renvoyer dans factId.</param>
    /// <param name="RecordedOn">Date d'enregistrement de l'information, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="Deadline">Date limite pour la porter à la connaissance de la personne, jour (AAAA-MM-JJ, calendrier de Paris) (un mois après).</param>
    /// <param name="Provenance">D'où elle vient, en français (par exemple « Transmis par un partenaire : CCAS de Valmont »).</param>
    public sealed record PendingDocument(string Kind, Guid FactId, DateOnly RecordedOn, DateOnly Deadline, string Provenance);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/personnes/{id:guid}").RequireAuthorization(Policies.PersonFiles);

        group.MapGet("/information", async (PersonAccessView? view, PersonInformation information, NoticeVersions notices, HttpContext http) =>
        {
            if (view is null || await information.LoadAsync(view, http.RequestAborted) is not { } s) return ApiProblems.NotFound();
            return Results.Ok(new Document(s.Informed, s.InformBy, (await notices.CurrentAsync(http.RequestAborted)).Number, s.Records,
                s.PendingFacts.Select(f => new PendingDocument(f.Kind.ToString(), f.FactId, f.RecordedOn, f.Deadline, f.Provenance.Describe())).ToList()));
        }).WithSummary("L'information de la personne : notices remises, et informations venant d'un tiers encore à porter à sa connaissance (délai d'un mois).")
            .Produces<Document>();

        group.MapPost("/information", async (Guid id, PersonAccessView? file, PersonInformation.Request request, PersonInformation information, CancellationToken ct) =>
            (await information.RecordAsync(file, request, ct)).ToHttp(recordId => Results.Created($"/api/v1/personnes/{id}/information", new CreatedId(recordId)))).Idempotent()
            .WithSummary("Enregistre que la personne a été informée : method (RemiseEnMain, Oral, Affichage), informedOn, noticeVersion (par défaut la version en vigueur).")
            .Produces<CreatedId>(StatusCodes.Status201Created);

        group.MapPost("/information/tiers", async (Guid id, PersonAccessView? file, PersonInformation.DisclosureRequest request, PersonInformation information, CancellationToken ct) =>
            (await information.DiscloseAsync(file, request, ct)).ToHttp(disclosureId => Results.Created($"/api/v1/personnes/{id}/information", new CreatedId(disclosureId)))).Idempotent()
            .WithSummary("Enregistre qu'une information venant d'un partenaire ou d'un tiers (factId) a été portée à la connaissance de la personne.")
            .Produces<CreatedId>(StatusCodes.Status201Created);
    }
}
