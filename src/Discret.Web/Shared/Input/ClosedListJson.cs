using System.Text.Json;
using System.Text.Json.Serialization;
using Discret.Domain.Input;

namespace Discret.Web.Shared.Input;

/// <summary>
/// Closed lists in the API's JSON: read by a member's name only (case ignored) — a number ("role": 99), a numeric text
/// ("99"), a combination ("Dpo, Accueil", which the framework's converter adds up into another member) or an unknown name is
/// a malformed request; written by name, and a stored value that is no member as <see cref="ClosedList.UnknownName"/>
/// (the framework's converter threw, and the DPO's journal API answered 500 for good).
/// </summary>
public sealed class ClosedListJson : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    /// <summary>Discret's types (closed lists, request bodies) by the name of their schema in the OpenAPI document (a nested type
    /// is prefixed with its class, as <c>HostModule</c> names them).</summary>
    private static readonly Dictionary<string, Type> Schemas = new[] { typeof(ClosedList).Assembly, typeof(ClosedListJson).Assembly }
        .SelectMany(a => a.GetTypes()).Where(t => !t.IsGenericTypeDefinition && !t.Name.Contains('<'))
        .GroupBy(SchemaName).ToDictionary(g => g.Key, g => g.First());

    public static string SchemaName(Type type) => type.DeclaringType is { } owner ? owner.Name + type.Name : type.Name;

    /// <summary>
    /// The closed lists in the OpenAPI document as this converter reads them — a string, one of the members' names — where
    /// the schema generator, which knows the framework's enum converter only, left them empty: each list's own schema, and
    /// the items of a body's lists of them (« motives », « categories »).
    /// </summary>
    public static Task Describe(Microsoft.OpenApi.OpenApiDocument document)
    {
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>())
        {
            if (schema is not Microsoft.OpenApi.OpenApiSchema described || !Schemas.TryGetValue(name, out var type)) continue;
            if (type.IsEnum) Name(described, type);
            foreach (var (property, item) in described.Properties ?? new Dictionary<string, Microsoft.OpenApi.IOpenApiSchema>())
            {
                if (item is not Microsoft.OpenApi.OpenApiSchema list || list.Items is not null
                    || type.GetProperty(property, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)
                        ?.PropertyType.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                        ?.GetGenericArguments()[0] is not { IsEnum: true } element) continue;
                list.Items = Name(new Microsoft.OpenApi.OpenApiSchema(), element);
            }
        }
        return Task.CompletedTask;
    }

    private static Microsoft.OpenApi.OpenApiSchema Name(Microsoft.OpenApi.OpenApiSchema schema, Type list)
    {
        schema.Type = Microsoft.OpenApi.JsonSchemaType.String;
        schema.Enum = Enum.GetNames(list).Select(n => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(n)).ToList();
        // Each member with its French label, where the list has one (Label(), written next to the list).
        if (ClosedListLabel.Has(list))
            schema.Description ??= "Liste fermée : " + string.Join(" ; ", Enum.GetValues(list).Cast<Enum>().Select(v => $"{v} ({ClosedListLabel.Of(v)})")) + ".";
        return schema;
    }

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ByName<>).MakeGenericType(typeToConvert))!;

    private sealed class ByName<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && ClosedList.Parse(typeof(T), reader.GetString()) is T value
                ? value
                : throw new JsonException($"Not a member of {typeof(T).Name}.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Name(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(Name(value));

        private static string Name(T value) => Enum.IsDefined(value) ? value.ToString() : ClosedList.UnknownName;
    }
}
