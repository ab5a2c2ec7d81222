using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace Discret.Web.Shared;

/// <summary>
/// The names of the OpenAPI document's schemas. By default a schema is named after its type alone, so the many use cases'
/// nested <c>Request</c> records all became one schema « Request » (the person creation's), and the document described
/// the wrong body for ten endpoints. A nested type is named with the type that holds it: « PersonCreationRequest »,
/// « ConsentsRequest »…
/// </summary>
public static class OpenApiSchemaNames
{
    public static string? ReferenceId(JsonTypeInfo type)
    {
        var name = OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        return name is not null && type.Type is { IsNested: true, IsGenericType: false, DeclaringType: { } holder } ? holder.Name + name : name;
    }
}
