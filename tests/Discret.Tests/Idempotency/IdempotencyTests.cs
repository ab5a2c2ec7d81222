using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Discret.Domain.Accounts;
using Discret.Domain.Idempotency;
using Discret.Tests.Conservation;
using Discret.Tests.Support;
using Discret.Web.Shared.Idempotency;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Idempotency;

/// <summary>
/// Creates happen once: an API create retried with the same <c>Idempotency-Key</c> gets the first answer and creates
/// nothing more, even when both arrive at the same time; a form instance posted twice (double click) creates one record.
/// </summary>
[Collection(FollowUpsCollection.Name)]
public partial class IdempotencyTests(DiscretFactory app)
{
    [Fact]
    public async Task An_api_create_retried_with_the_same_key_gets_the_first_answer_and_creates_one_record()
    {
        var (ts, followUpId, _) = await WorkerWithFollowUpAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { occurredOn = Today, kind = "Permanence", summary = "Point sur le dossier logement.", source = "Personne" };

        var first = await SendAsync(ts, $"/api/v1/accompagnements/{followUpId}/entretiens", body, key);
        var retry = await SendAsync(ts, $"/api/v1/accompagnements/{followUpId}/entretiens", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal("true", retry.Headers.GetValues(IdempotencyKeyFilter.ReplayedHeader).Single());
        Assert.Equal(2, await app.InterviewCountAsync(followUpId)); // the case's own interview, and one more
    }

    [Fact]
    public async Task A_person_created_twice_with_the_same_key_is_one_file_with_one_location()
    {
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var name = "Idempotence" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());
        var body = new { birthName = name, firstNames = "Dominique", birthDate = "1961-03-04", postalCode = "99000", city = "Valmont" };
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(reception, "/api/v1/personnes", body, key);
        var retry = await SendAsync(reception, "/api/v1/personnes", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(1, await app.DbAsync(db => db.Persons.CountAsync(p => p.BirthName == name)));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_in_french_and_creates_nothing()
    {
        var (ts, followUpId, _) = await WorkerWithFollowUpAsync();
        var key = Guid.NewGuid().ToString();
        var url = $"/api/v1/accompagnements/{followUpId}/entretiens";
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ts, url, new { occurredOn = Today, kind = "Permanence", source = "Personne" }, key)).StatusCode);

        var other = await SendAsync(ts, url, new { occurredOn = Today, kind = "VisiteADomicile", source = "Personne" }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        var problem = await other.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Clé d'idempotence déjà utilisée", problem.GetProperty("title").GetString());
        Assert.Equal(2, await app.InterviewCountAsync(followUpId));
    }

    [Fact]
    public async Task Keys_are_per_account_and_a_refused_request_leaves_its_key_free()
    {
        var (ts, followUpId, _) = await WorkerWithFollowUpAsync();
        var url = $"/api/v1/accompagnements/{followUpId}/entretiens";
        var key = Guid.NewGuid().ToString();
        // Refused (no kind): nothing was created, so the key is not spent on it.
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(ts, url, new { occurredOn = Today, source = "Personne" }, key)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(ts, url, new { occurredOn = Today, kind = "Permanence", source = "Personne" }, key)).StatusCode);
        // Another account's same key is another request: it creates.
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var name = "Idempotence" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(reception, "/api/v1/personnes",
            new { birthName = name, firstNames = "Camille", birthDate = "1970-07-08", postalCode = "99000", city = "Valmont" }, key)).StatusCode);
        Assert.Equal(2, await app.InterviewCountAsync(followUpId));
    }

    [Fact]
    public async Task Identical_requests_sent_at_the_same_time_create_one_record()
    {
        var (ts, followUpId, _) = await WorkerWithFollowUpAsync();
        var key = Guid.NewGuid().ToString();
        var token = await ts.ApiTokenAsync();
        var body = JsonSerializer.Serialize(new { occurredOn = Today, kind = "Permanence", summary = "Envoyé deux fois à la fois.", source = "Personne" });

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ts.Client.SendAsync(Request($"/api/v1/accompagnements/{followUpId}/entretiens", body, key, token))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(answers.Select(a => a.Content.ReadAsStringAsync().Result).Distinct());
        Assert.Equal(2, await app.InterviewCountAsync(followUpId));
        // A key already taken is the expected case, not a failed INSERT logged as a database error.
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("idempotency_keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_key_is_refused_in_french()
    {
        var (ts, followUpId, _) = await WorkerWithFollowUpAsync();
        var answer = await SendAsync(ts, $"/api/v1/accompagnements/{followUpId}/entretiens", new { occurredOn = Today, kind = "Permanence", source = "Personne" },
            new string('k', IdempotencyKeyFilter.MaxKeyLength + 1));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("Clé d'idempotence non valable", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(1, await app.InterviewCountAsync(followUpId));
    }

    [Fact]
    public async Task The_kept_answer_is_encrypted_and_purged_after_the_retention_window()
    {
        var (ts, followUpId, accountId) = await WorkerWithFollowUpAsync();
        var key = Guid.NewGuid().ToString();
        var created = await SendAsync(ts, $"/api/v1/accompagnements/{followUpId}/entretiens", new { occurredOn = Today, kind = "Permanence", source = "Personne" }, key);
        var interviewId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var keyHash = IdempotencyStore.HashKey("api", key);

        var row = await app.DbAsync(db => db.Set<IdempotentRequest>().AsNoTracking().SingleAsync(r => r.AccountId == accountId && r.KeyHash == keyHash));
        Assert.DoesNotContain(interviewId, Encoding.UTF8.GetString(row.ProtectedBody!)); // the id is in the answer, not readable at rest
        Assert.DoesNotContain(key, row.KeyHash);

        await app.WithAsync(sp => sp.GetRequiredService<IdempotencyPurge>().RunAsync(row.CreatedAt.AddHours(23)));
        Assert.Equal(1, await app.DbAsync(db => db.Set<IdempotentRequest>().CountAsync(r => r.KeyHash == keyHash)));
        await app.WithAsync(sp => sp.GetRequiredService<IdempotencyPurge>().RunAsync(row.CreatedAt.AddHours(24).AddMinutes(1)));
        Assert.Equal(0, await app.DbAsync(db => db.Set<IdempotentRequest>().CountAsync(r => r.KeyHash == keyHash)));
    }

    /// <summary>
    /// The list of POST endpoints of the API that are not creates is closed: a new POST must either take an
    /// Idempotency-Key (<c>.Idempotent()</c>) or be added here, knowingly.
    /// </summary>
    [Fact]
    public void Every_api_create_takes_an_idempotency_key()
    {
        string[] notCreates =
        [
            "/api/v1/personnes/recherche", "/api/v1/statistiques/recalcul", "/api/v1/garde/analyse", "/api/v1/personnes/{id:guid}/refus-informatisation",
            "/api/v1/personnes/{id:guid}/acceptation-informatisation", "/api/v1/accompagnements/{id:guid}/cloture",
            "/api/v1/personnes/{id:guid}/accords-de-partage/{consentId:guid}/retrait", "/api/v1/droits/{id:guid}/prolongation",
            "/api/v1/droits/{id:guid}/cloture", "/api/v1/droits/{id:guid}/decision", "/api/v1/droits/{id:guid}/limitation",
            "/api/v1/droits/{id:guid}/levee-limitation", "/api/v1/admin/comptes/{id:guid}/desactivation",
            "/api/v1/admin/comptes/{id:guid}/reactivation", "/api/v1/admin/comptes/{id:guid}/reinitialisation",
            // Decisions on a request: a second one answers 409 « décidée entre-temps ». Never kept as an idempotent answer,
            // which would store the confirmation's one-time activation link.
            "/api/v1/comptes-a-confirmer/{id:guid}/confirmation", "/api/v1/comptes-a-confirmer/{id:guid}/refus",
            // A mandate's signature and revocation change its state: a second one answers 409 « déjà signé » / « déjà révoqué ».
            "/api/v1/personnes/{id:guid}/mandats/{mandateId:guid}/signature", "/api/v1/personnes/{id:guid}/mandats/{mandateId:guid}/revocation",
            // A handover changes referents: a second one answers that the new referent already holds them.
            "/api/v1/reattributions",
            // Agenda (issue 16): noting what became of an appointment changes it (versioned: a replay answers 409).
            "/api/v1/rendez-vous/{id:guid}/suite",
        ];
        var posts = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/", StringComparison.Ordinal)
                        && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .ToList();
        var idempotent = posts.Where(e => e.Metadata.GetMetadata<IdempotentCreate>() is not null).Select(e => e.RoutePattern.RawText!).ToList();
        Assert.True(idempotent.Count >= 14, $"{idempotent.Count} creates take a key: " + string.Join(", ", idempotent));
        var undecided = posts.Select(e => e.RoutePattern.RawText!).Except(idempotent).Except(notCreates).ToList();
        Assert.True(undecided.Count == 0, "POST endpoints neither idempotent nor listed as not creating: " + string.Join(", ", undecided));
    }

    [Fact]
    public async Task A_form_posted_twice_creates_one_interview_and_the_second_post_goes_where_the_first_went()
    {
        var (ts, followUpId, _) = await WorkerWithFollowUpAsync();
        var url = $"/accompagnements/{followUpId}/entretiens/nouveau";
        var form = await FormAsync(ts, url, ("Input.OccurredOn", Today), ("Input.Kind", "Permanence"), ("Input.Summary", "Saisi puis envoyé deux fois."),
            ("Input.Source", "Personne"));

        var first = await ts.Client.PostAsync(url, new FormUrlEncodedContent(form));
        var second = await ts.Client.PostAsync(url, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(2, await app.InterviewCountAsync(followUpId));
    }

    [Fact]
    public async Task A_new_person_form_posted_twice_at_the_same_time_creates_one_file()
    {
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var name = "Doubleclic" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());
        var form = await FormAsync(reception, "/personnes/nouvelle", ("Input.BirthName", name), ("Input.FirstNames", "Dominique"),
            ("Input.BirthDate", "1958-11-12"), ("Input.PostalCode", "99000"), ("Input.City", "Valmont"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => reception.Client.PostAsync("/personnes/nouvelle", new FormUrlEncodedContent(form))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Single(answers.Select(a => a.Headers.Location!.OriginalString).Distinct());
        Assert.Equal(1, await app.DbAsync(db => db.Persons.CountAsync(p => p.BirthName == name)));
    }

    [Fact]
    public async Task A_form_shown_again_with_its_errors_creates_once_corrected()
    {
        var (ts, followUpId, _) = await WorkerWithFollowUpAsync();
        var url = $"/accompagnements/{followUpId}/entretiens/nouveau";
        var invalid = await FormAsync(ts, url, ("Input.OccurredOn", Today), ("Input.Source", "Personne")); // no kind
        var refused = await ts.Client.PostAsync(url, new FormUrlEncodedContent(invalid));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        // The browser sends the same form instance (same token) again, corrected.
        var corrected = invalid.Append(new("Input.Kind", "Permanence")).ToList();
        var saved = await ts.Client.PostAsync(url, new FormUrlEncodedContent(corrected));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(2, await app.InterviewCountAsync(followUpId));
    }

    [Fact]
    public async Task The_forms_that_create_carry_a_one_time_token_and_every_page_loads_the_script_that_sends_a_form_once()
    {
        var (ts, followUpId, _) = await WorkerWithFollowUpAsync();
        var html = await ts.Client.GetStringAsync($"/accompagnements/{followUpId}/entretiens/nouveau");
        Assert.Matches(FormToken(), html);
        Assert.Matches("<script src=\"/js/forms(\\.[a-z0-9]+)?\\.js\"", html);
        Assert.DoesNotMatch(FormToken(), await ts.Client.GetStringAsync("/personnes"));
    }

    // --- helpers ---

    /// <summary>A social worker signed in, referent of a follow-up of its own (which has one interview already).</summary>
    private async Task<(StaffSession Ts, Guid FollowUpId, Guid AccountId)> WorkerWithFollowUpAsync()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        return (await StaffSession.LoginAsync(app, worker), file.FollowUpId!.Value, worker.Id);
    }

    private static HttpRequestMessage Request(string url, string json, string key, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-CSRF-TOKEN", token);
        request.Headers.Add(IdempotencyKeyFilter.Header, key);
        return request;
    }

    private static async Task<HttpResponseMessage> SendAsync(StaffSession session, string url, object body, string key) =>
        await session.Client.SendAsync(Request(url, JsonSerializer.Serialize(body), key, await session.ApiTokenAsync()));

    [GeneratedRegex("name=\"__FormInstance\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex FormToken();

    /// <summary>The form's fields as a browser sends them: the page's antiforgery token and one-time token, then the inputs.</summary>
    private static async Task<List<KeyValuePair<string, string>>> FormAsync(StaffSession session, string url, params (string Name, string Value)[] fields)
    {
        var html = await session.Client.GetStringAsync(url);
        var once = FormToken().Match(html);
        Assert.True(once.Success, $"No one-time form token on {url}");
        var antiforgery = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        return [new("__RequestVerificationToken", WebUtility.HtmlDecode(antiforgery.Groups[1].Value)), new("__FormInstance", once.Groups[1].Value),
            .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))];
    }
}
