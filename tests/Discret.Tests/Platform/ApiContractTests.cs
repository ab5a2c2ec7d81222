using System.Net;
using System.Text.Json.Nodes;
using Discret.Domain.Accounts;
using Discret.Tests.Support;

namespace Discret.Tests.Platform;

/// <summary>
/// The OpenAPI document tells the truth: every operation it lists is called for real as a role that may (a body it accepts,
/// fresh state), and the request and the answer are checked against the document (<see cref="OpenApiContract"/>); the problems
/// the API answers are of the types it lists. Its own application: it creates accounts, files, requests…
/// </summary>
public class ApiContractTests(DiscretFactory app) : IClassFixture<DiscretFactory>
{
    [Fact]
    public async Task Every_operation_answers_a_real_call_as_the_document_describes_it()
    {
        var calls = new ApiCalls(app);
        var sessions = await calls.SignInAsync();
        var contract = new OpenApiContract(await sessions.Dpo.Client.GetStringAsync("/api/v1/openapi.json"));
        var all = calls.WithBody().Concat(calls.WithoutBody()).ToDictionary();

        Assert.Empty(contract.Operations.Except(all.Keys)); // an operation nobody calls here
        Assert.Empty(all.Keys.Except(contract.Operations)); // a call to an operation the document lacks

        var problems = new List<string>();
        foreach (var (operation, call) in all)
        {
            var method = new HttpMethod(operation.Split(' ')[0]);
            var (response, body) = await call.SendAsync(sessions, method);
            if (!response.IsSuccessStatusCode)
                problems.Add($"{operation}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            problems.AddRange(await contract.CheckAsync(method.Method, response.RequestMessage!.RequestUri!.PathAndQuery, body, response));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_schema_of_a_request_or_an_answer_and_every_id_date_and_closed_list_in_them_is_described()
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var undescribed = new OpenApiContract(await session.Client.GetStringAsync("/api/v1/openapi.json")).Undescribed();
        Assert.True(undescribed.Count == 0, "Describe them in an XML comment on the record (<summary>, <param>), in French like the rest of the "
                                            + "document's descriptions:\n" + string.Join("\n", undescribed));
    }

    [Fact]
    public async Task Refused_requests_answer_problems_of_the_listed_types()
    {
        var contract = new OpenApiContract(await (await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo))).Client.GetStringAsync("/api/v1/openapi.json"));
        var worker = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var file = await app.CreateCaseAsync(0);
        var cases = new (HttpResponseMessage Response, string Type)[]
        {
            (await app.Anonymous().GetAsync("/api/v1/moi"), "non-authentifie"),
            (await worker.ApiSendAsync(HttpMethod.Post, "/api/v1/taches", new { title = "", dueOn = "2026-01-01" }), "donnees-invalides"),
            (await worker.ApiSendAsync(HttpMethod.Post, "/api/v1/taches", "{\"title\": "), "requete-mal-formee"),
            (await worker.ApiSendAsync(HttpMethod.Post, "/api/v1/taches", new { title = "Rappeler" }, withToken: false), "jeton-anti-falsification-manquant"),
            (await worker.Client.GetAsync($"/api/v1/personnes/{file.PersonId}"), "introuvable"),
        };
        foreach (var (response, type) in cases)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("urn:discret:probleme:" + type, JsonNode.Parse(text)!["type"]?.GetValue<string>());
            Assert.Empty(await contract.CheckAsync(response.RequestMessage!.Method.Method, response.RequestMessage.RequestUri!.PathAndQuery, null, response));
        }
    }
}
