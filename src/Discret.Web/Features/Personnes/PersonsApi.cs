using System.Text.Json.Serialization;
using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.Personnes;

/// <summary>
/// The persons API, on the same rules as the pages: a file the account may not reach is 404; fields of groups it
/// may not read are absent from the JSON (not null, absent). Search terms travel in the body, never in the URL.
/// </summary>
public static class PersonsApi
{
    /// <summary>Une recherche de personnes par nom (dans le corps, jamais dans l'URL), parmi celles auxquelles le compte a accès.</summary>
    /// <param name="Name">Nom de naissance ou d'usage, ou son début (deux lettres au moins) : 100 caractères au plus, des lettres, espaces, traits d'union et apostrophes (une date de naissance peut y être ajoutée). Obligatoire ; jamais dans l'URL, jamais journalisé.</param>
    /// <param name="BirthDate">Date de naissance, jour (AAAA-MM-JJ, calendrier de Paris), pour départager les homonymes ; facultative.</param>
    public sealed record SearchRequest(string? Name, DateOnly? BirthDate);

    public static void Map(RouteGroupBuilder api)
    {
        var persons = api.MapGroup("/personnes").RequireAuthorization(Policies.PersonFiles);

        persons.MapPost("/recherche", async (SearchRequest request, PersonSearch search, HttpContext http) =>
        {
            if (PersonSearch.Problem(request.Name) is { } problem) return ApiProblems.Validation(new Dictionary<string, string[]> { ["name"] = [problem] });
            var result = await search.SearchAsync(http.User, request.Name!, request.BirthDate, http.RequestAborted);
            return Results.Ok(result);
        }).RateLimited(RateLimitKind.Search).WithSummary("Recherche par nom (et date de naissance) parmi les personnes auxquelles le compte a accès ; 20 résultats au plus.")
            .Produces<PersonSearch.Result>();

        persons.MapGet("/{id:guid}", async (PersonAccessView? view, PersonFile files, HttpContext http) =>
        {
            if (view is null) return ApiProblems.NotFound();
            var file = await files.LoadAsync(view, http.RequestAborted);
            return Results.Json(new FileDocument(file.Id, file.Identity, file.Contact, file.Household,
                view.CanRead(Discret.Catalogue.FieldGroup.Equipe) ? file.FollowUps : null,
                view.CanRead(Discret.Catalogue.FieldGroup.Entretiens) ? file.Interviews : null,
                view.Readable.Select(g => g.ToString()).ToList(), view.Writable.Select(g => g.ToString()).ToList()), Json);
        }).WithSummary("Le dossier d'une personne, limité aux groupes de données que le rôle du compte peut lire.")
            .Produces<FileDocument>();

        api.MapPost("/personnes", async (PersonCreation.Request request, PersonCreation creation, HttpContext http) =>
        {
            var outcome = await creation.CreateAsync(http.User, request, http.RequestAborted);
            return outcome.ToHttp(created => created.PersonId is { } personId
                ? Results.Created($"/api/v1/personnes/{personId}", new CreatedId(personId))
                : Results.Problem(statusCode: 409, title: "Personne peut-être déjà connue",
                    detail: "Une personne de même nom et de même date de naissance est connue du service. Vérifiez auprès de l'accueil ou du responsable de la circonscription indiquée ; s'il s'agit d'une autre personne, renvoyez la demande avec \"notADuplicate\": true.",
                    extensions: new Dictionary<string, object?> { ["known"] = created.Known }));
        }).RequireAuthorization(Policies.PersonFiles).Idempotent().RateLimited(RateLimitKind.Search) // its duplicate check is a search
          .WithSummary("Crée un dossier (et, pour un travailleur social, un accompagnement dont il est le référent) après recherche des doublons.")
            .Produces<CreatedId>(StatusCodes.Status201Created);

        persons.MapPut("/{id:guid}/identite", async (PersonAccessView? file, PersonEditing.Request request, PersonEditing editing, CancellationToken ct) =>
            (await editing.UpdateAsync(file, request, ct)).ToHttp(Results.NoContent)).WithSummary("Modifie l'identité et les coordonnées (groupes que le compte peut écrire) ; 409 si le dossier a changé depuis la version envoyée.")
            .Produces(StatusCodes.Status204NoContent);

        persons.MapPost("/{id:guid}/menage/membres", async (PersonAccessView? file, HouseholdMembers.Request request, HouseholdMembers members, CancellationToken ct) =>
            (await members.AddAsync(file, request, ct)).ToHttp(memberId => Results.Created($"/api/v1/personnes/{file!.PersonId}", new CreatedId(memberId)))).Idempotent().WithSummary("Ajoute un membre au ménage d'une personne suivie (équipe de l'accompagnement seulement).")
            .Produces<CreatedId>(StatusCodes.Status201Created);
    }

    /// <summary>Le dossier d'une personne, limité aux groupes de données que le rôle du compte peut lire : une partie illisible est absente du JSON (ni null, ni vide).</summary>
    /// <param name="Id">Identifiant (UUID) de la personne.</param>
    /// <param name="Identity">Identité (groupe Identite) ; absente si le rôle ne la lit pas.</param>
    /// <param name="Contact">Coordonnées (groupe Coordonnees) ; absentes si le rôle ne les lit pas, ou sur une fiche minimale.</param>
    /// <param name="Household">Ménage (groupe Menage) ; absent si le rôle ne le lit pas.</param>
    /// <param name="FollowUps">Accompagnements de la personne, les ouverts d'abord (groupe Equipe) ; absent si le rôle ne le lit pas.</param>
    /// <param name="Interviews">Derniers entretiens (groupe Entretiens) ; absent si le rôle ne les lit pas.</param>
    /// <param name="ReadableGroups">Les groupes de données que le compte peut lire sur ce dossier (noms des membres de la liste FieldGroup, par exemple Identite).</param>
    /// <param name="WritableGroups">Les groupes de données qu'il peut écrire.</param>
    public sealed record FileDocument(Guid Id, PersonFile.IdentityPart? Identity, PersonFile.ContactPart? Contact, PersonFile.HouseholdPart? Household,
        IReadOnlyList<PersonFile.FollowUpPart>? FollowUps, IReadOnlyList<PersonFile.InterviewPart>? Interviews,
        IReadOnlyList<string> ReadableGroups, IReadOnlyList<string> WritableGroups);

    /// <summary>Absent, not null: a field the account may not read does not appear in the document at all.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new Shared.Input.ClosedListJson() },
    };
}
