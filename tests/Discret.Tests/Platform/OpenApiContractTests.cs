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
}
