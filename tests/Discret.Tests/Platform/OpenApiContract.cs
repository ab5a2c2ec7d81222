using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Discret.Tests.Platform;

/// <summary>
/// The OpenAPI document the application serves, as a contract an exchange is checked against: the operation exists, the
/// status is one it declares, a 2xx request's body is valid against the request's schema, and the answer's body against the
/// schema declared for its status and media type — with every described object closed (a field the document does not name
/// is an error, so a renamed field fails). Schemas are the document's own (OpenAPI 3.1 is JSON Schema 2020-12).
/// </summary>
public sealed class OpenApiContract
{
    private readonly JsonObject document;
    private readonly JsonObject definitions;
    private readonly List<(string Method, string Template, Regex Pattern, JsonObject Operation)> operations = [];
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();

    public OpenApiContract(string json)
    {
        document = JsonNode.Parse(json)!.AsObject();
        // Components become $defs, every described object closed but the problem document (extensions are allowed there).
        definitions = JsonNode.Parse(document["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/"))!.AsObject();
        foreach (var (name, schema) in definitions)
            if (name != "ProblemDetails" && schema is JsonObject o && o["properties"] is not null) o["unevaluatedProperties"] = false;
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
                operations.Add((method.ToUpperInvariant(), path, new Regex("^" + Regex.Replace(path, @"\{\w+\}", "[^/]+") + "$"), operation!.AsObject()));
    }

    /// <summary>"METHOD /template" of every operation of the document.</summary>
    public IEnumerable<string> Operations => operations.Select(o => $"{o.Method} {o.Template}");

    /// <summary>The operation an exchange belongs to ("METHOD /template"), or null.</summary>
    public string? OperationOf(string method, string url)
    {
        var path = url.Split('?')[0];
        var found = operations.Where(o => o.Method == method && o.Pattern.IsMatch(path))
            .OrderBy(o => o.Template.Count(c => c == '{')).FirstOrDefault(); // a literal segment wins over a parameter
        return found.Template is null ? null : $"{found.Method} {found.Template}";
    }

    /// <summary>What in the exchange the document does not describe (empty: it conforms).</summary>
    public async Task<List<string>> CheckAsync(string method, string url, JsonNode? requestBody, HttpResponseMessage response)
    {
        var problems = new List<string>();
        var key = OperationOf(method, url);
        if (key is null) return [$"{method} {url}: no such operation in the document"];
        var operation = operations.Single(o => $"{o.Method} {o.Template}" == key).Operation;
        var status = ((int)response.StatusCode).ToString();
        if (response.IsSuccessStatusCode && requestBody is not null)
        {
            if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is not { } requestSchema)
                problems.Add($"{key}: a body was accepted but the document describes none");
            else problems.AddRange(Validate(requestSchema, requestBody, $"{key} request"));
        }
        var responses = operation["responses"]!.AsObject();
        var declared = responses[status] ?? (response.IsSuccessStatusCode ? null : responses["default"]);
        if (declared is null)
        {
            problems.Add($"{key}: status {status} is not declared");
            return problems;
        }
        var text = await response.Content.ReadAsStringAsync();
        var media = response.Content.Headers.ContentType?.MediaType;
        var content = declared["content"] as JsonObject;
        if (text.Length == 0)
        {
            if (content is { Count: > 0 }) problems.Add($"{key} {status}: the document describes a body, the answer has none");
            return problems;
        }
        if (media is null || content?[media] is not JsonObject described)
        {
            problems.Add($"{key} {status}: the answer is {media}, the document describes {string.Join(", ", content?.Select(c => c.Key) ?? [])}");
            return problems;
        }
        if (media.EndsWith("json", StringComparison.Ordinal))
        {
            if (described["schema"] is not { } schema) problems.Add($"{key} {status}: no schema for {media}");
            else problems.AddRange(Validate(schema, JsonNode.Parse(text), $"{key} {status}"));
        }
        return problems;
    }

    /// <summary>
    /// What the document leaves undescribed in the bodies it describes: every schema a request or an answer refers to (directly,
    /// through a property, an item or a <c>oneOf</c>) without a description, and in those schemas every property without one that
    /// is an identifier, a date, an instant or a closed list (whose format or members alone do not say what it means). Empty: an
    /// integrator finds in the document what each body is and what its ids, dates and lists hold.
    /// </summary>
    public IReadOnlyList<string> Undescribed()
    {
        var components = document["components"]?["schemas"] as JsonObject ?? [];
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode?>();
        foreach (var (_, item) in document["paths"]!.AsObject())
            foreach (var (_, operation) in item!.AsObject())
            {
                pending.Push(operation?["requestBody"]);
                pending.Push(operation?["responses"]);
            }
        while (pending.TryPop(out var node))
            switch (node)
            {
                case JsonObject o:
                    if (ReferenceOf(o) is { } name && reached.Add(name)) pending.Push(components[name]);
                    foreach (var (_, child) in o) pending.Push(child);
                    break;
                case JsonArray a:
                    foreach (var child in a) pending.Push(child);
                    break;
            }

        var undescribed = new List<string>();
        foreach (var name in reached)
        {
            if (components[name] is not JsonObject schema) { undescribed.Add($"{name}: no such schema"); continue; }
            if (!Described(schema)) undescribed.Add($"{name}: no description");
            foreach (var (property, value) in schema["properties"] as JsonObject ?? [])
                if (value is JsonObject p && !Described(p) && NeedsDescription(p, components))
                    undescribed.Add($"{name}.{property}: an identifier, a date, an instant or a closed list without description");
        }
        return undescribed;
    }

    private static string? ReferenceOf(JsonObject schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/components/schemas/", StringComparison.Ordinal)
            ? reference["#/components/schemas/".Length..] : null;

    private static bool Described(JsonObject schema) => !string.IsNullOrWhiteSpace(schema["description"]?.GetValue<string>());

    /// <summary>An identifier, a date, an instant or a closed list: itself, as the items of an array, or as a branch of a <c>oneOf</c> (nullable).</summary>
    private static bool NeedsDescription(JsonObject schema, JsonObject components) =>
        schema["format"]?.GetValue<string>() is "uuid" or "date" or "date-time"
        || schema["enum"] is not null
        || (ReferenceOf(schema) is { } name && components[name]?["enum"] is not null)
        || (schema["items"] is JsonObject items && NeedsDescription(items, components))
        || (schema["oneOf"] as JsonArray ?? []).OfType<JsonObject>().Any(branch => NeedsDescription(branch, components));

    private IEnumerable<string> Validate(JsonNode schema, JsonNode? instance, string where)
    {
        var text = schema.ToJsonString().Replace("#/components/schemas/", "#/$defs/");
        var compiled = schemas.GetOrAdd(text, _ =>
        {
            var root = JsonNode.Parse(text)!.AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = definitions.DeepClone();
            return JsonSchema.FromText(root.ToJsonString(), new BuildOptions(), new Uri($"https://discret.test/{Guid.NewGuid():N}"));
        });
        using var parsed = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        var result = compiled.Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) yield break;
        foreach (var detail in (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Take(5))
            yield return $"{where}: {detail.InstanceLocation} {string.Join("; ", detail.Errors!.Select(e => $"{e.Key}: {e.Value}"))}";
        if (result.Details is not { Count: > 0 }) yield return $"{where}: not valid against its schema";
    }
}
