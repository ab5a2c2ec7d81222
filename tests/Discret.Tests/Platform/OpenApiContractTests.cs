using System.Net;
using System.Text;

namespace Discret.Tests.Platform;

/// <summary>The contract check itself (no application): it must fail on what the document does not say, or it proves nothing.</summary>
public class OpenApiContractTests
{
    private const string Document = """
        {"openapi": "3.1.1", "info": {"title": "t", "version": "v1"},
         "paths": {"/api/v1/moi": {"get": {"responses": {"200": {"description": "OK",
           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MeView"}}}}}}}},
         "components": {"schemas": {"MeView": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "format": "uuid"}, "displayName": {"type": ["null", "string"]}}}}}}
        """;

    private static HttpResponseMessage Answer(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [Fact]
    public async Task An_answer_as_described_conforms()
    {
        Assert.Empty(await new OpenApiContract(Document).CheckAsync("GET", "/api/v1/moi", null,
            Answer(HttpStatusCode.OK, """{"id": "3f2c8a1e-5b7d-4c2a-9e1f-6a8b0c4d2e71", "displayName": null}""")));
    }

    [Fact]
    public async Task A_field_the_document_does_not_name_an_undeclared_status_or_an_unknown_operation_does_not_conform()
    {
        var contract = new OpenApiContract(Document);
        Assert.NotEmpty(await contract.CheckAsync("GET", "/api/v1/moi", null, Answer(HttpStatusCode.OK, """{"id": "3f2c8a1e-5b7d-4c2a-9e1f-6a8b0c4d2e71", "nom": "Camille"}""")));
        Assert.NotEmpty(await contract.CheckAsync("GET", "/api/v1/moi", null, Answer(HttpStatusCode.OK, """{"displayName": "Camille"}""")));
        Assert.NotEmpty(await contract.CheckAsync("GET", "/api/v1/moi", null, Answer(HttpStatusCode.Created, """{"id": "3f2c8a1e-5b7d-4c2a-9e1f-6a8b0c4d2e71"}""")));
        Assert.NotEmpty(await contract.CheckAsync("GET", "/api/v1/ailleurs", null, Answer(HttpStatusCode.OK, "{}")));
    }

    [Fact]
    public void A_body_schema_an_identifier_a_date_or_a_closed_list_without_description_is_reported_and_none_once_described()
    {
        const string undescribed = """
            {"openapi": "3.1.1", "info": {"title": "t", "version": "v1"},
             "paths": {"/api/v1/moi": {"get": {"responses": {"200": {"description": "OK",
               "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/MeView"}}}}}}}}},
             "components": {"schemas": {
               "MeView": {"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}, "role": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Role"}]},
                 "team": {"type": "array", "items": {"$ref": "#/components/schemas/Member"}}, "displayName": {"type": "string"}}},
               "Member": {"type": "object", "properties": {"since": {"type": "string", "format": "date"}}},
               "Role": {"type": "string", "enum": ["Accueil", "Dpo"]},
               "Unused": {"type": "object"}}}}
            """;
        const string unsaid = "an identifier, a date, an instant or a closed list without description";
        string[] expected = ["MeView: no description", $"MeView.id: {unsaid}", $"MeView.role: {unsaid}", "Member: no description", $"Member.since: {unsaid}", "Role: no description"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), new OpenApiContract(undescribed).Undescribed().Order(StringComparer.Ordinal));

        var described = undescribed.Replace("\"MeView\": {\"type\": \"object\",", "\"MeView\": {\"type\": \"object\", \"description\": \"Le compte.\",")
            .Replace("\"Member\": {\"type\": \"object\",", "\"Member\": {\"type\": \"object\", \"description\": \"Un membre.\",")
            .Replace("\"Role\": {\"type\": \"string\",", "\"Role\": {\"type\": \"string\", \"description\": \"Liste fermée.\",")
            .Replace("\"format\": \"uuid\"}", "\"format\": \"uuid\", \"description\": \"Identifiant.\"}")
            .Replace("\"format\": \"date\"}", "\"format\": \"date\", \"description\": \"Depuis le.\"}")
            .Replace("{\"oneOf\"", "{\"description\": \"Rôle.\", \"oneOf\"");
        Assert.Empty(new OpenApiContract(described).Undescribed());
    }
}
