using Discret.Domain.Accounts;
using Discret.Domain.Letters;
using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.Courriers;

/// <summary>
/// Letters on the same use cases as the pages: a person's letters and the production of one (whoever reads the file's
/// Droits group and sends the kind; 404 otherwise), and the département's templates (the technical administrator).
/// </summary>
public static class LettersApi
{
    /// <summary>Un courrier produit pour la personne (le PDF n'est pas gardé : seulement sa trace).</summary>
    /// <param name="Id">Identifiant (UUID) du courrier.</param>
    /// <param name="Kind">Type de courrier.</param>
    /// <param name="ProducedAt">Production du courrier, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    /// <param name="TemplateVersion">Version du modèle utilisée (voir GET /api/v1/courriers/modeles/{kind}/versions/{version}).</param>
    /// <param name="Profession">Profession de l'expéditeur, en français (libellé de son rôle), jamais son nom ; null si elle n'est pas connue.</param>
    public sealed record LetterLine(Guid Id, LetterKind Kind, DateTime ProducedAt, int TemplateVersion, string? Profession);
    /// <summary>Un courrier à produire à partir du modèle en vigueur.</summary>
    /// <param name="Kind">Type de courrier. Obligatoire.</param>
    /// <param name="Reference">Identifiant (UUID) de ce dont parle le courrier, selon son type : la demande d'exercice des droits (AccuseReceptionDemande, ReponseDemandeAcces — une demande d'accès), l'accord de partage (CourrierPartenaire), le rendez-vous à venir (Convocation) ; ignoré pour les autres types.</param>
    public sealed record ProduceRequest(LetterKind? Kind, Guid? Reference);
    /// <summary>La version en vigueur d'un modèle de courrier.</summary>
    /// <param name="Kind">Type de courrier du modèle.</param>
    /// <param name="Version">Numéro de la version en vigueur (1 pour la première, puis une de plus à chaque enregistrement).</param>
    /// <param name="Title">Objet du courrier.</param>
    /// <param name="SavedAt">Enregistrement de cette version, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    public sealed record TemplateLine(LetterKind Kind, int Version, string Title, DateTime SavedAt);
    /// <summary>Une version d'un modèle de courrier, telle qu'elle a été enregistrée.</summary>
    /// <param name="Kind">Type de courrier du modèle.</param>
    /// <param name="Version">Numéro de la version.</param>
    /// <param name="Title">Objet du courrier.</param>
    /// <param name="Body">Texte du courrier, avec ses champs de fusion.</param>
    /// <param name="SavedAt">Enregistrement de cette version, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    public sealed record TemplateText(LetterKind Kind, int Version, string Title, string Body, DateTime SavedAt);
    /// <summary>Une nouvelle version d'un modèle de courrier (administrateur technique) ; la précédente reste lisible.</summary>
    /// <param name="Title">Objet du courrier : 150 caractères au plus. Obligatoire.</param>
    /// <param name="Body">Texte du courrier : 6 000 caractères au plus ; ses champs de fusion doivent être connus, avoir une valeur pour ce type de courrier et être lisibles par les rôles qui l'envoient. Obligatoire.</param>
    public sealed record SaveRequest(string? Title, string? Body);
    /// <summary>La version d'un modèle qui vient d'être enregistrée.</summary>
    /// <param name="Version">Numéro de la version enregistrée, désormais en vigueur.</param>
    public sealed record TemplateVersionView(int Version);

    public static void Map(RouteGroupBuilder api)
    {
        var letters = api.MapGroup("/courriers");

        letters.MapGet("/personnes/{id:guid}", async (PersonAccessView? file, LettersOfFile use, CancellationToken ct) =>
            {
                if (file is null || !file.CanRead(Catalogue.FieldGroup.Droits)) return ApiProblems.NotFound();
                var rows = await use.ListAsync(file, ct);
                return Results.Ok(rows.Select(r => new LetterLine(r.Id, r.Kind, r.ProducedAt, r.TemplateVersion, r.ProducedBy?.Label())));
            })
            .RequireAuthorization(Policies.PersonFiles)
            .WithSummary("Les courriers produits pour la personne : type, date, version du modèle, profession de l'expéditeur (jamais son nom).")
            .Produces<List<LetterLine>>();

        letters.MapPost("/personnes/{id:guid}", async (PersonAccessView? file, ProduceRequest request, LetterProduction use, CancellationToken ct) =>
                (await use.ProduceAsync(file, request.Kind, request.Reference, ct)).ToHttp(letter => Results.File(letter.Pdf, "application/pdf", letter.FileName)))
            .Idempotent()
            .RequireAuthorization(Policies.PersonFiles)
            .WithSummary("Produit un courrier (kind) à partir du modèle en vigueur, au sujet d'une demande ou d'un accord de partage (reference) selon "
                       + "son type : renvoie le PDF ; le courrier est inscrit au dossier et tracé (export). Le PDF n'est pas gardé.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf");

        letters.MapGet("/modeles", async (LetterTemplates use, CancellationToken ct) =>
                Results.Ok((await use.CurrentAsync(ct)).Select(t => new TemplateLine(t.Kind, t.Version, t.Title, t.SavedAt))))
            .RequireAuthorization(Policies.Administration)
            .WithSummary("La version en vigueur de chaque modèle de courrier.")
            .Produces<List<TemplateLine>>();

        letters.MapGet("/modeles/{kind}/versions/{version:int}", async (string kind, int version, LetterTemplates use, CancellationToken ct) =>
                LetterKindLabels.FromSlug(kind) is { } k && await use.VersionAsync(k, version, ct) is { } t
                    ? Results.Ok(new TemplateText(t.Kind, t.Version, t.Title, t.Body, t.SavedAt))
                    : ApiProblems.NotFound())
            .RequireAuthorization(Policies.Administration)
            .WithSummary("Une version d'un modèle, telle qu'elle a été enregistrée.")
            .Produces<TemplateText>();

        letters.MapPost("/modeles/{kind}", async (string kind, SaveRequest request, LetterTemplates use, HttpContext http, CancellationToken ct) =>
                LetterKindLabels.FromSlug(kind) is { } k
                    ? (await use.SaveAsync(k, request.Title, request.Body, http.User.AccountId(), ct))
                        .ToHttp(t => Results.Created($"/api/v1/courriers/modeles/{kind}/versions/{t.Version}", new TemplateVersionView(t.Version)))
                    : ApiProblems.NotFound())
            .Idempotent()
            .RequireAuthorization(Policies.Administration)
            .WithSummary("Enregistre une nouvelle version du modèle (title, body). Refusé, en nommant le champ, si le texte utilise un champ de fusion "
                       + "inconnu, sans valeur dans ce courrier, ou qu'un rôle qui l'envoie ne peut pas lire.")
            .Produces<TemplateVersionView>(StatusCodes.Status201Created);
    }
}
