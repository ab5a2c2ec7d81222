using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>The person's information through the API, on the same use case as the pages (404 when the account may
/// not read or write the person's Information group).</summary>
public static class InformationApi
{
    public sealed record Document(bool Informed, DateOnly InformBy, int CurrentNotice, IReadOnlyList<PersonInformation.RecordLine> Records,
        IReadOnlyList<PendingDocument> PendingFacts);

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
