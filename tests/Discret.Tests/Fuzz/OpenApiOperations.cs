using System.Text.Json;
using System.Text.RegularExpressions;

namespace Discret.Tests.Fuzz;

/// <summary>A value's shape in the OpenAPI document, with <c>$ref</c> and <c>oneOf [null, $ref]</c> resolved.</summary>
public sealed record Shape(string Type, string? Format, IReadOnlyList<string> Enum, Shape? Items, IReadOnlyList<(string Name, Shape Shape, bool Required)> Properties)
{
    public static readonly Shape Any = new("any", null, [], null, []);
}

public sealed record Parameter(string Name, string In, bool Required, Shape Shape);

/// <summary>One operation of the API as its OpenAPI document describes it.</summary>
public sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> Parameters, Shape? Body)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>The path's parameters, from the template itself (the document omits those bound by the file's context).</summary>
    public IReadOnlyList<string> PathNames => Regex.Matches(Path, @"\{(\w+)\}").Select(m => m.Groups[1].Value).ToList();

    public bool TakesIdempotencyKey => Parameters.Any(p => p.In == "header" && p.Name == "Idempotency-Key");
}

/// <summary>Reads the operations of the OpenAPI document the application serves.</summary>
public static class OpenApiOperations
{
    public static IReadOnlyList<Operation> Read(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var schemas = doc.RootElement.GetProperty("components").GetProperty("schemas");
        var operations = new List<Operation>();
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var parameters = op.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        p.TryGetProperty("required", out var r) && r.GetBoolean(), p.TryGetProperty("schema", out var s) ? Resolve(s, schemas, 0) : Shape.Any)).ToList()
                    : [];
                Shape? body = op.Value.TryGetProperty("requestBody", out var rb) && rb.GetProperty("content").TryGetProperty("application/json", out var content)
                    ? Resolve(content.GetProperty("schema"), schemas, 0) : null;
                operations.Add(new Operation(op.Name.ToUpperInvariant(), path.Name, parameters, body));
            }
        return operations;
    }

    private static Shape Resolve(JsonElement schema, JsonElement schemas, int depth)
    {
        if (depth > 8) return Shape.Any;
        if (schema.TryGetProperty("$ref", out var reference))
            return Resolve(schemas.GetProperty(reference.GetString()!.Split('/').Last()), schemas, depth + 1);
        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
        {
            var options = oneOf.EnumerateArray().Where(o => !(o.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")).ToList();
            return options.Count > 0 ? Resolve(options[0], schemas, depth + 1) : Shape.Any;
        }
        var enumValues = schema.TryGetProperty("enum", out var e)
            ? e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList() : [];
        var type = enumValues.Count > 0 ? "enum" : TypeOf(schema);
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var items = schema.TryGetProperty("items", out var i) ? Resolve(i, schemas, depth + 1) : null;
        var required = schema.TryGetProperty("required", out var req) ? req.EnumerateArray().Select(x => x.GetString()!).ToHashSet() : [];
        var properties = schema.TryGetProperty("properties", out var props)
            ? props.EnumerateObject().Select(p => (p.Name, Resolve(p.Value, schemas, depth + 1), required.Contains(p.Name))).ToList()
            : [];
        return new Shape(type, format, enumValues, items, properties);
    }

    /// <summary>The document's type, without "null" (nullable) and preferring "integer" over its "string" alternative.</summary>
    private static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type)) return schema.TryGetProperty("properties", out _) ? "object" : "any";
        if (type.ValueKind == JsonValueKind.String) return type.GetString()!;
        var types = type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null").ToList();
        return types.Contains("integer") ? "integer" : types.FirstOrDefault() ?? "any";
    }
}
