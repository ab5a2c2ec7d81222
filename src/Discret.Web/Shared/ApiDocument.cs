using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Discret.Web.Shared;

/// <summary>
/// What the OpenAPI document says beyond what the framework reads from the endpoints: the introduction for integrators
/// (sessions, the antiforgery token, idempotency, the naming of fields, the problem types), the path parameters that an
/// endpoint binds from its file context (so the framework does not see them), every error an operation may answer as an
/// RFC 7807 problem of a listed type, and an example for every property. Descriptions come from the code's XML comments.
/// </summary>
public static partial class ApiDocument
{
    public const string ProblemSchema = "ProblemDetails";
    private const string ProblemMedia = "application/problem+json";

    public static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Discret — API";
        document.Info.Version = "v1";
        document.Info.Description = Introduction();
        document.Info.Contact = new OpenApiContact { Name = "Administrateur technique du département" };
        document.Info.License = new OpenApiLicense { Name = "AGPL-3.0-or-later", Identifier = "AGPL-3.0-or-later" };
        // No servers: the routes are relative to the installation that serves the document (and Swagger UI then shows no unlabelled server list).
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem();
        document.Tags = document.Paths.Keys.Select(p => p.Replace("/api/v1/", "").Split('/')[0]).Distinct().Order()
            .Select(t => new OpenApiTag { Name = t, Description = $"Les routes /api/v1/{t}…" }).ToHashSet();
        foreach (var (name, described) in document.Components.Schemas)
        {
            if (described is not OpenApiSchema schema) continue;
            OnlyNonNullRequired(schema);
            ExampleInList(schema);
            DescribeOutsideType(name, schema);
            foreach (var property in (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).Values.OfType<OpenApiSchema>())
            {
                ExampleInList(property);
                DescriptionOnTheProperty(property);
                if (property.Items is OpenApiSchema items && items.Enum is { Count: > 0 } && property.Example is JsonArray) property.Example = new JsonArray(items.Enum[0]!.DeepClone());
            }
        }
        foreach (var (path, item) in document.Paths)
            foreach (var (method, operation) in item.Operations ?? [])
            {
                AddPathParameters(path, operation);
                // One tag per area (the path's first segment), and an operation id from the method and the path.
                var segments = path.Replace("/api/v1/", "").Split('/', StringSplitOptions.RemoveEmptyEntries);
                operation.Tags = new HashSet<OpenApiTagReference> { new(segments[0], document) };
                operation.OperationId ??= method.Method.ToLowerInvariant() + string.Concat(segments.Select(OperationIdPart));
                AddProblems(method, operation);
                foreach (var media in (operation.Responses ?? []).Values.SelectMany(r => r.Content ?? new Dictionary<string, OpenApiMediaType>()))
                    if (media.Key == "application/pdf") media.Value.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "Le document PDF." };
                operation.Description ??= operation.Summary;
            }
        return Task.CompletedTask;
    }

    private static string OperationIdPart(string segment) =>
        string.Concat(segment.Trim('{', '}').Split(':')[0].Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>The introduction, in Markdown: the reference page shows it above the operations.</summary>
    private static string Introduction()
    {
        var text = new StringBuilder();
        text.AppendLine("API JSON de Discret, pour les logiciels du département. Toutes les routes exigent une session authentifiée (mot de passe et second facteur) "
                        + "et répondent 404 à un rôle qui n'a pas à connaître la ressource, comme si elle n'existait pas.");
        text.AppendLine();
        text.AppendLine("- **Écritures** (POST, PUT, DELETE) : en-tête `X-CSRF-TOKEN`, obtenu par `GET /api/v1/jeton-csrf`.");
        text.AppendLine("- **Créations** : en-tête `Idempotency-Key` (un UUID) ; une requête renvoyée avec la même clé reçoit la première réponse et ne crée rien de plus.");
        text.AppendLine("- **Champs JSON** : en anglais, en camelCase (`birthName`, `dueOn`) ; les valeurs des listes fermées sont les noms de leurs membres (`TravailleurSocial`), "
                        + "les dates `AAAA-MM-JJ`, les instants en UTC (`…Z`).");
        text.AppendLine("- **Erreurs** : documents RFC 7807 (`application/problem+json`), titre et détail en français, `type` stable parmi les suivants.");
        text.AppendLine();
        text.AppendLine("| type | statut | titre | signification |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var type in ProblemType.All)
            text.AppendLine($"| `{type.Uri}` | {type.Status} | {type.Title ?? "(la règle qui refuse)"} | {type.Meaning} |");
        return text.ToString();
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Une erreur, au format RFC 7807 (problem details), en français.",
        Required = new HashSet<string> { "type", "title", "status" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String, Description = "Le type du problème, stable (voir la liste dans l'introduction).",
                Enum = ProblemType.All.Select(t => (JsonNode)JsonValue.Create(t.Uri)).ToList(), Example = JsonValue.Create(ProblemType.InvalidData.Uri),
            },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Le titre, en français.", Example = JsonValue.Create(ProblemType.InvalidData.Title) },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "Le statut HTTP.", Example = JsonValue.Create(400) },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "L'explication, en français.", Example = JsonValue.Create("Corrigez les champs signalés.") },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object, Description = "Pour « donnees-invalides » : les messages, par champ.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                Example = new JsonObject { ["birthDate"] = new JsonArray("La date de naissance ne peut pas être dans le futur.") },
            },
            ["reference"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Pour « erreur-interne » et « journal-indisponible » : la référence de l'erreur, à communiquer à l'administrateur.", Example = JsonValue.Create("0HN8F2:00000001") },
        },
    };

    /// <summary>
    /// A nullable closed list or record is <c>oneOf: [null, $ref]</c>, and the framework puts the property's XML comment on the
    /// reference inside it, where readers of the document do not look: it is moved to the property itself.
    /// </summary>
    private static void DescriptionOnTheProperty(OpenApiSchema property)
    {
        // The reference's own description (its getter falls back on the target's: the closed list's, not the property's).
        if (property.Description is not null || property.OneOf?.OfType<OpenApiSchemaReference>().FirstOrDefault(r => r.Reference.Description is not null) is not { } described) return;
        property.Description = described.Reference.Description;
        described.Reference.Description = null;
    }

    /// <summary>
    /// The descriptions of the schemas whose types live outside this project (Discret.Core), whose XML comments the framework
    /// does not read; in French, like every description of the document.
    /// </summary>
    private static readonly Dictionary<string, (string Schema, Dictionary<string, string> Properties)> OutsideTypes = new()
    {
        ["Provenance"] = ("D'où vient une information : les propos de la personne, l'observation d'un professionnel, un organisme partenaire nommé, "
                          + "ou un tiers (une catégorie, jamais un nom) ; ce qu'a signalé un tiers est montré partout comme non vérifié.", new()
        {
            ["source"] = "Personne, Professionnel, Partenaire ou Tiers.",
            ["partnerName"] = "Nom de l'organisme partenaire quand source vaut Partenaire (120 caractères au plus) ; null sinon.",
            ["thirdParty"] = "Catégorie du tiers quand source vaut Tiers ; null sinon.",
            ["isUnverifiedReport"] = "true quand l'information a été signalée par un tiers (source Tiers) : elle n'est pas vérifiée.",
        }),
    };

    private static void DescribeOutsideType(string name, OpenApiSchema schema)
    {
        if (!OutsideTypes.TryGetValue(name, out var described)) return;
        schema.Description ??= described.Schema;
        foreach (var (property, description) in described.Properties)
            switch (schema.Properties?.TryGetValue(property, out var found) == true ? found : null)
            {
                case OpenApiSchema inline: inline.Description ??= description; break;
                case OpenApiSchemaReference reference: reference.Reference.Description ??= description; break;
            }
    }

    [GeneratedRegex(@"\{(\w+)(?::(\w+))?\??\}")]
    private static partial Regex PathParameter();

    /// <summary>Path parameters bound from the file's context (<c>PersonAccessView? file</c>) are not seen by the framework: declared here.</summary>
    private static void AddPathParameters(string path, OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        foreach (Match match in PathParameter().Matches(path))
        {
            var name = match.Groups[1].Value;
            if (operation.Parameters.Any(p => p.In == ParameterLocation.Path && p.Name == name)) continue;
            var id = name == "id" || name.EndsWith("Id", StringComparison.Ordinal);
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Path, Required = true,
                Description = id ? "Identifiant de la ressource." : null,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = id ? "uuid" : null },
            });
        }
    }

    /// <summary>The problems an operation may answer (besides those of its own rules, given in its summary).</summary>
    private static void AddProblems(HttpMethod method, OpenApiOperation operation)
    {
        operation.Responses ??= new OpenApiResponses();
        var writes = method != HttpMethod.Get;
        var statuses = new List<(string Status, string Description)>
        {
            ("400", writes ? "Requête mal formée, données invalides, ou action refusée par une règle." : "Paramètre invalide."),
            ("401", "Non authentifié."),
            ("403", "Compte à finaliser (double authentification, charte)."),
            ("404", "Introuvable, ou hors de portée de votre rôle."),
        };
        if (writes) statuses.Add(("409", "Changé entre-temps, ou état du dossier (dossier papier, traitement limité)."));
        if (operation.RequestBody is not null) statuses.Add(("415", "Corps autre que du JSON."));
        if (operation.Parameters?.Any(p => p.Name == "Idempotency-Key") == true) statuses.Add(("422", "Clé d'idempotence déjà utilisée pour une autre requête."));
        statuses.Add(("429", "Trop de requêtes."));
        foreach (var (status, description) in statuses)
            if (!operation.Responses.ContainsKey(status))
                operation.Responses[status] = ProblemResponse(description);
        operation.Responses["default"] = ProblemResponse("Erreur interne (500) ou journal des accès indisponible (503).");
        // The framework's 200 without content for handlers returning IResult: a success with no body is a 204.
        if (operation.Responses.TryGetValue("200", out var ok) && ok.Content is not { Count: > 0 } && operation.Responses.Keys.Any(k => k.StartsWith('2') && k != "200"))
            operation.Responses.Remove("200");
    }

    private static OpenApiResponse ProblemResponse(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [ProblemMedia] = new() { Schema = new OpenApiSchemaReference(ProblemSchema) } },
    };

    /// <summary>An example for every property, from its type and format (the closed lists: their first member), unless the code gave one.</summary>
    public static Task ExampleAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonPropertyInfo is not { } property || schema.Example is not null) return Task.CompletedTask;
        schema.Example = ExampleOf(schema, property.Name);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A nullable property may be left out: a request's missing field is read as null (the use case then says, in French, when
    /// it is needed), and an answer leaves out some of its null fields. Only the others are required.
    /// </summary>
    private static void OnlyNonNullRequired(OpenApiSchema schema)
    {
        if (schema.Required is not { Count: > 0 } required || schema.Properties is null) return;
        foreach (var (name, property) in schema.Properties)
            if (IsNullable(property)) required.Remove(name);
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        (schema.Type ?? 0).HasFlag(JsonSchemaType.Null) || schema.OneOf?.Any(s => (s.Type ?? 0).HasFlag(JsonSchemaType.Null)) == true
        || schema.AnyOf?.Any(s => (s.Type ?? 0).HasFlag(JsonSchemaType.Null)) == true;

    /// <summary>A closed list's example is one of its members (the lists are described after the examples were made).</summary>
    private static void ExampleInList(OpenApiSchema schema)
    {
        if (schema.Enum is { Count: > 0 } members && !members.Any(m => JsonNode.DeepEquals(m, schema.Example))) schema.Example = members[0]!.DeepClone();
    }

    private static JsonNode? ExampleOf(IOpenApiSchema schema, string name)
    {
        if (schema.Enum is { Count: > 0 } members) return members[0]?.DeepClone();
        var type = schema.Type ?? 0;
        if (type.HasFlag(JsonSchemaType.Array))
            return schema.Items is { } items && ExampleOf(items, name) is { } item ? new JsonArray(item) : new JsonArray();
        if (type.HasFlag(JsonSchemaType.Boolean)) return JsonValue.Create(false);
        if (type.HasFlag(JsonSchemaType.Integer)) return JsonValue.Create(name is "version" ? 3 : name is "months" ? 1 : 1);
        if (type.HasFlag(JsonSchemaType.Number)) return JsonValue.Create(1.5);
        if (!type.HasFlag(JsonSchemaType.String)) return null;
        return JsonValue.Create(schema.Format switch
        {
            "uuid" => "3f2c8a1e-5b7d-4c2a-9e1f-6a8b0c4d2e71",
            "date" => "2026-03-02",
            "date-time" => "2026-03-02T09:30:00Z",
            _ => name switch
            {
                "birthName" or "usageName" => "Martin",
                "firstNames" => "Alex Marie",
                "displayName" or "name" or "referent" => "Camille Durand",
                "login" => "c.durand",
                "email" => "alex.martin@exemple.fr",
                "phone" => "06 12 34 56 78",
                "addressLine" => "12 rue des Lilas",
                "postalCode" => "99000",
                "city" => "Valmont",
                "partnerName" => "CCAS de Valmont",
                "circonscription" => "Circonscription de Valmont",
                "token" => "CfDJ8N…",
                "header" => "X-CSRF-TOKEN",
                _ => "Dossier de logement complété ensemble.",
            },
        });
    }
}
