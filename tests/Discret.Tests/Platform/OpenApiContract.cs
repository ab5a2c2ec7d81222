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
