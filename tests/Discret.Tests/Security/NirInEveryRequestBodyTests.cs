using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Tests.Droits;
using Discret.Tests.Support;
using Discret.Web.Features.Garde;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Security;

/// <summary>
/// A NIR has no place in Discret: posted into any string of any request body the API describes (its OpenAPI document,
/// walked), it is refused — a French validation error naming the field, the guard's finding, or a malformed request for a
/// date, an id or a closed list — and nothing is saved. Each body is first shown to be refused with the NIR in one field,
/// then accepted as it was (so the NIR is what was refused). Its own application: it creates accounts, holds, consents…
/// </summary>
public class NirInEveryRequestBodyTests(DiscretFactory app) : IClassFixture<DiscretFactory>
{
    /// <summary>A fictional NIR whose key is valid (key = 97 − number mod 97), written in its usual groups and in one run of digits.</summary>
    private static readonly string[] Nirs = MakeNirs("1850578006084");

    private static string[] MakeNirs(string body)
    {
        var nir = body + (97 - long.Parse(body) % 97).ToString("00");
        Assert.True(Checksums.IsValidNir(nir));
        return [$"{nir[0]} {nir[1..3]} {nir[3..5]} {nir[5..7]} {nir[7..10]} {nir[10..13]} {nir[13..]}", nir];
    }

    /// <summary>A body's field whose refusal is keyed by the use case's own name for it.</summary>
    private static readonly Dictionary<string, string> ErrorKeys = new()
    {
        ["POST /api/v1/admin/comptes nom"] = "displayName",
    };

    private sealed record Sessions(StaffSession Worker, TestAccount WorkerAccount, StaffSession OtherWorker, StaffSession Rc, StaffSession Dpo, StaffSession Admin);

    /// <summary>How to call an operation: the role, then a fresh state and a body the operation accepts (2xx).</summary>
    private sealed record Operation(Func<Sessions, StaffSession> As, Func<Sessions, Task<(string Url, JsonObject Body)>> Prepare);

    private static string Today => ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");
    private static string InSixMonths => ParisTime.Today(TimeProvider.System).AddMonths(6).ToString("yyyy-MM-dd");
    private static string NewName() => "Essai" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());

    // Agenda (issue 16)
    private static JsonObject AppointmentBody(Guid? personId, Guid workerId, int days)
    {
        var day = ParisTime.Today(TimeProvider.System).AddDays(days).ToString("yyyy-MM-dd");
        var body = new JsonObject { ["workerIds"] = new JsonArray(workerId.ToString()), ["startsAt"] = $"{day}T10:00:00", ["endsAt"] = $"{day}T11:00:00", ["place"] = "Telephone" };
        if (personId is { } id) body["personId"] = id.ToString();
        return body;
    }

    private async Task<Guid> BookAsync(Sessions s, int days)
    {
        var file = await app.CreateCaseAsync(0, s.WorkerAccount);
        var response = await s.Worker.ApiSendAsync(HttpMethod.Post, "/api/v1/rendez-vous", AppointmentBody(file.PersonId, s.WorkerAccount.Id, days).ToJsonString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private Dictionary<string, Operation> Operations() => new()
    {
        ["POST /api/v1/garde/analyse"] = new(s => s.Worker, async s => ("/api/v1/garde/analyse", new JsonObject { ["text"] = "Rendez-vous pris pour lundi." })),
        // Agenda (issue 16): booking, moving and marking, each on a day of its own so that they never clash.
        ["POST /api/v1/rendez-vous"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ("/api/v1/rendez-vous", AppointmentBody(file.PersonId, s.WorkerAccount.Id, 20));
        }),
        ["PUT /api/v1/rendez-vous/{id}"] = new(s => s.Worker, async s =>
        {
            var id = await BookAsync(s, 21);
            var body = AppointmentBody(null, s.WorkerAccount.Id, 22);
            body["version"] = 0;
            return ($"/api/v1/rendez-vous/{id}", body);
        }),
        ["POST /api/v1/rendez-vous/{id}/suite"] = new(s => s.Worker, async s =>
            ($"/api/v1/rendez-vous/{await BookAsync(s, 23)}/suite", new JsonObject { ["version"] = 0, ["status"] = "Excuse" })),
        ["POST /api/v1/personnes/recherche"] = new(s => s.Worker, async s => ("/api/v1/personnes/recherche",
            new JsonObject { ["name"] = "Essai", ["birthDate"] = "1980-05-17" })),
        ["POST /api/v1/personnes"] = new(s => s.Worker, async s => ("/api/v1/personnes", new JsonObject
        {
            ["birthName"] = NewName(), ["usageName"] = "Martin-Durand", ["firstNames"] = "Alex Marie", ["birthDate"] = "1980-05-17",
            ["phone"] = "06 12 34 56 78", ["email"] = "alex.essai@exemple.fr", ["addressLine"] = "12 rue des Lilas", ["postalCode"] = "99000",
            ["city"] = "Valmont", ["motives"] = new JsonArray("Logement"), ["notADuplicate"] = true,
        })),
        ["PUT /api/v1/personnes/{id}/identite"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            var version = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Persons.Where(p => p.Id == file.PersonId).Select(p => p.Version).SingleAsync());
            return ($"/api/v1/personnes/{file.PersonId}/identite", new JsonObject
            {
                ["version"] = version, ["birthName"] = file.BirthName, ["usageName"] = "Martin", ["firstNames"] = "Alex", ["birthDate"] = "1980-05-17",
                ["phone"] = "+33612345678", ["email"] = "alex@exemple.fr", ["addressLine"] = "3 place de la Mairie", ["postalCode"] = "99000", ["city"] = "Valmont",
                ["source"] = "Partenaire", ["partnerName"] = "CCAS de Valmont",
            });
        }),
        ["POST /api/v1/personnes/{id}/menage/membres"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ($"/api/v1/personnes/{file.PersonId}/menage/membres", new JsonObject
            {
                ["birthName"] = file.BirthName, ["usageName"] = "Martin", ["firstNames"] = "Léa", ["birthDate"] = "2015-03-02", ["link"] = "Enfant",
            });
        }),
        ["POST /api/v1/personnes/{id}/accompagnements"] = new(s => s.Rc, async s =>
        {
            var file = await app.CreateCaseAsync(0);
            return ($"/api/v1/personnes/{file.PersonId}/accompagnements", new JsonObject
            {
                ["referentId"] = s.WorkerAccount.Id.ToString(), ["coWorkerIds"] = new JsonArray(), ["motives"] = new JsonArray("Logement"),
                ["source"] = "Partenaire", ["partnerName"] = "CCAS de Valmont",
            });
        }),
        ["PUT /api/v1/accompagnements/{id}"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ($"/api/v1/accompagnements/{file.FollowUpId}", new JsonObject
            {
                ["version"] = await s.Worker.ApiVersionAsync(file.FollowUpId!.Value), ["motives"] = new JsonArray("Logement"),
                ["source"] = "Partenaire", ["partnerName"] = "CCAS de Valmont",
            });
        }),
        ["PUT /api/v1/accompagnements/{id}/equipe"] = new(s => s.Rc, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ($"/api/v1/accompagnements/{file.FollowUpId}/equipe", new JsonObject
            {
                ["version"] = await s.Worker.ApiVersionAsync(file.FollowUpId!.Value), ["referentId"] = s.WorkerAccount.Id.ToString(), ["coWorkerIds"] = new JsonArray(),
            });
        }),
        ["POST /api/v1/accompagnements/{id}/cloture"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ($"/api/v1/accompagnements/{file.FollowUpId}/cloture", new JsonObject
            {
                ["version"] = await s.Worker.ApiVersionAsync(file.FollowUpId!.Value), ["closedOn"] = Today,
            });
        }),
        ["POST /api/v1/accompagnements/{id}/entretiens"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ($"/api/v1/accompagnements/{file.FollowUpId}/entretiens", new JsonObject
            {
                ["occurredOn"] = Today, ["kind"] = "Permanence", ["participantMemberIds"] = new JsonArray(), ["motives"] = new JsonArray("Logement"),
                ["actions"] = new JsonArray("DossierLogement"), ["summary"] = "Dossier de logement complété ensemble.",
                ["source"] = "Partenaire", ["partnerName"] = "CCAS de Valmont",
            });
        }),
        ["PUT /api/v1/entretiens/{id}"] = new(s => s.Worker, async s =>
        {
            var id = await InterviewOfNewCaseAsync(s);
            var version = (await s.Worker.Client.GetFromJsonAsync<JsonElement>($"/api/v1/entretiens/{id}")).GetProperty("version").GetInt32();
            return ($"/api/v1/entretiens/{id}", new JsonObject { ["version"] = version, ["summary"] = "Dossier de logement complété ensemble, corrigé." });
        }),
        ["POST /api/v1/entretiens/{id}/complements"] = new(s => s.Worker, async s =>
            ($"/api/v1/entretiens/{await InterviewOfNewCaseAsync(s)}/complements", new JsonObject { ["text"] = "Le bailleur a rappelé." })),
        ["POST /api/v1/accompagnements/{id}/notes"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ($"/api/v1/accompagnements/{file.FollowUpId}/notes", new JsonObject { ["text"] = "Rappeler lundi pour le dossier logement." });
        }),
        // Tasks (issue 16 §3).
        ["POST /api/v1/taches"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ("/api/v1/taches", new JsonObject
            {
                ["title"] = "Rappeler le bailleur", ["dueOn"] = Today, ["followUpId"] = file.FollowUpId.ToString(), ["personId"] = file.PersonId.ToString(),
                ["assigneeId"] = s.WorkerAccount.Id.ToString(), ["visibility"] = "Equipe",
            });
        }),
        ["PUT /api/v1/taches/{id}"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            var created = await s.Worker.ApiSendAsync(HttpMethod.Post, "/api/v1/taches", new { title = "Rappeler le bailleur", dueOn = Today, followUpId = file.FollowUpId });
            var task = await created.Content.ReadFromJsonAsync<JsonElement>();
            return ($"/api/v1/taches/{task.GetProperty("id").GetGuid()}", new JsonObject
            {
                ["version"] = task.GetProperty("version").GetInt32(), ["title"] = "Rappeler le bailleur lundi", ["dueOn"] = Today,
                ["assigneeId"] = s.WorkerAccount.Id.ToString(), ["visibility"] = "MoiEtAssignee",
                ["followUpId"] = file.FollowUpId.ToString(), ["personId"] = file.PersonId.ToString(),
            });
        }),
        ["PUT /api/v1/taches/{id}/etat"] = new(s => s.Worker, async s =>
        {
            var created = await s.Worker.ApiSendAsync(HttpMethod.Post, "/api/v1/taches", new { title = "Rappeler le bailleur", dueOn = Today });
            var task = await created.Content.ReadFromJsonAsync<JsonElement>();
            return ($"/api/v1/taches/{task.GetProperty("id").GetGuid()}/etat", new JsonObject { ["done"] = true, ["version"] = task.GetProperty("version").GetInt32() });
        }),
        ["POST /api/v1/personnes/{id}/accords-de-partage"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ($"/api/v1/personnes/{file.PersonId}/accords-de-partage", new JsonObject
            {
                ["partner"] = "Ccas", ["partnerName"] = "CCAS de Valmont", ["purpose"] = "AccesAuLogement", ["categories"] = new JsonArray("Identite"),
                ["form"] = "Ecrit", ["givenOn"] = Today, ["validUntil"] = InSixMonths,
            });
        }),
        ["POST /api/v1/personnes/{id}/accords-de-partage/{consentId}/partages"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            var consent = new SharingConsent(file.PersonId, PartnerKind.Ccas, "CCAS de Valmont", SharingPurpose.AccesAuLogement, [DataCategory.Identite],
                ConsentForm.Ecrit, ParisTime.Today(TimeProvider.System), ParisTime.Today(TimeProvider.System).AddMonths(6), s.WorkerAccount.Id, DateTime.UtcNow);
            await app.WithDbAsync(async db => { db.SharingConsents.Add(consent); await db.SaveChangesAsync(); });
            return ($"/api/v1/personnes/{file.PersonId}/accords-de-partage/{consent.Id}/partages", new JsonObject { ["categories"] = new JsonArray("Identite") });
        }),
        ["POST /api/v1/personnes/{id}/information"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ($"/api/v1/personnes/{file.PersonId}/information", new JsonObject { ["method"] = "Oral", ["informedOn"] = Today });
        }),
        ["POST /api/v1/personnes/{id}/information/tiers"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount, interviewProvenance: Provenance.ReportedBy(ThirdPartyCategory.Voisinage));
            var section = await s.Worker.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personnes/{file.PersonId}/information");
            var fact = section.GetProperty("pendingFacts").EnumerateArray().Single();
            return ($"/api/v1/personnes/{file.PersonId}/information/tiers", new JsonObject
            {
                ["kind"] = fact.GetProperty("kind").GetString(), ["factId"] = fact.GetProperty("factId").GetGuid().ToString(), ["method"] = "Oral", ["informedOn"] = Today,
            });
        }),
        ["POST /api/v1/acces-exceptionnel"] = new(s => s.OtherWorker, async s =>
        {
            var file = await app.CreateCaseAsync(0);
            return ("/api/v1/acces-exceptionnel", new JsonObject
            {
                ["personId"] = file.PersonId.ToString(), ["reason"] = "Remplacement", ["justification"] = "Remplacement de la référente absente cette semaine.",
            });
        }),
        ["POST /api/v1/droits"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ("/api/v1/droits", new JsonObject
            {
                ["personId"] = file.PersonId.ToString(), ["kind"] = "Acces", ["channel"] = "Guichet", ["identityCheck"] = "PersonneConnueDuService",
                ["receivedOn"] = Today, ["details"] = "Demande de copie du dossier.",
            });
        }),
        // Letters (Features/Courriers): a template's wording (the administrator), and a letter produced from the file.
        ["POST /api/v1/courriers/modeles/{kind}"] = new(s => s.Admin, async s => ("/api/v1/courriers/modeles/reponse-demande-acces",
            new JsonObject { ["title"] = "Réponse à votre demande", ["body"] = "Bonjour {{personne.nom}},\n\nVoici votre dossier." })),
        ["POST /api/v1/courriers/personnes/{id}"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            var request = await app.CreateRequestAsync(file.PersonId, RightKind.Opposition, s.WorkerAccount.Id);
            return ($"/api/v1/courriers/personnes/{file.PersonId}", new JsonObject { ["kind"] = "AccuseReceptionDemande", ["reference"] = request.ToString() });
        }),
        ["POST /api/v1/droits/{id}/prolongation"] = new(s => s.Dpo, async s =>
            ($"/api/v1/droits/{await RequestAsync(s, RightKind.Acces)}/prolongation",
                new JsonObject { ["months"] = 1, ["reason"] = "Dossier volumineux à rassembler.", ["personToldOn"] = Today })),
        ["POST /api/v1/droits/{id}/cloture"] = new(s => s.Dpo, async s =>
            ($"/api/v1/droits/{await RequestAsync(s, RightKind.Acces)}/cloture", new JsonObject { ["outcome"] = "Traitee", ["answer"] = "Copie remise en main propre." })),
        ["POST /api/v1/droits/{id}/decision"] = new(s => s.Rc, async s =>
            ($"/api/v1/droits/{await RequestAsync(s, RightKind.Opposition)}/decision", new JsonObject { ["accepted"] = false, ["answer"] = "Le suivi en cours le justifie." })),
        ["POST /api/v1/droits/{id}/levee-limitation"] = new(s => s.Dpo, async s =>
        {
            var id = await RequestAsync(s, RightKind.Limitation);
            Assert.Equal(HttpStatusCode.NoContent, (await s.Dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{id}/limitation")).StatusCode);
            return ($"/api/v1/droits/{id}/levee-limitation", new JsonObject { ["personToldOn"] = Today });
        }),
        ["PUT /api/v1/statistiques/seuil"] = new(s => s.Dpo, async s => ("/api/v1/statistiques/seuil", new JsonObject { ["threshold"] = 7 })),
        ["POST /api/v1/conservation/gels"] = new(s => s.Dpo, async s =>
        {
            var file = await app.CreateCaseAsync(0);
            return ("/api/v1/conservation/gels", new JsonObject
            {
                ["personId"] = file.PersonId.ToString(), ["reason"] = "Contentieux", ["details"] = "Recours en cours devant le tribunal administratif.",
                ["from"] = Today, ["until"] = InSixMonths,
            });
        }),
        ["POST /api/v1/admin/comptes"] = new(s => s.Admin, async s =>
        {
            var circonscription = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync());
            return ("/api/v1/admin/comptes", new JsonObject
            {
                ["login"] = "c." + NewName().ToLowerInvariant(), ["nom"] = "Camille Durand", ["role"] = "Accueil", ["circonscriptionId"] = circonscription.ToString(),
            });
        }),
        ["POST /api/v1/reattributions"] = new(s => s.Rc, async s =>
        {
            var file = await app.CreateCaseAsync(0, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
            return ("/api/v1/reattributions", new JsonObject
            {
                ["followUpIds"] = new JsonArray(file.FollowUpId.ToString()), ["newReferentId"] = s.WorkerAccount.Id.ToString(), ["reason"] = "DepartDuReferent",
            });
        }),
        ["PUT /api/v1/equipe/{id}/absence"] = new(s => s.Rc, async s =>
        {
            var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
            return ($"/api/v1/equipe/{worker.Id}/absence", new JsonObject { ["from"] = Today, ["until"] = InSixMonths });
        }),
        ["PUT /api/v1/admin/comptes/{id}/affectation"] = new(s => s.Admin, async s =>
        {
            var account = await app.CreateAccountAsync(StaffRole.Accueil);
            var circonscription = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync());
            return ($"/api/v1/admin/comptes/{account.Id}/affectation", new JsonObject { ["role"] = "Secretariat", ["circonscriptionId"] = circonscription.ToString() });
        }),
    };

    /// <summary>The interview of a new case held by the worker (its author).</summary>
    private async Task<Guid> InterviewOfNewCaseAsync(Sessions s)
    {
        var file = await app.CreateCaseAsync(0, s.WorkerAccount);
        return await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Interviews.Where(i => i.FollowUpId == file.FollowUpId).Select(i => i.Id).SingleAsync());
    }

    private async Task<Guid> RequestAsync(Sessions s, RightKind kind) =>
        await app.CreateRequestAsync((await app.CreateCaseAsync(0, s.WorkerAccount)).PersonId, kind, s.WorkerAccount.Id);

    [Fact]
    public async Task A_nir_in_any_string_of_any_request_body_of_the_openapi_document_is_refused_and_nothing_is_saved()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var breaker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        // An account of a few months, as break-glass is refused to new accounts.
        await app.WithDbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.Id == breaker.Id);
            db.Entry(account).Property(a => a.CreatedAt).CurrentValue = DateTime.UtcNow.AddDays(-90);
            await db.SaveChangesAsync();
        });
        var sessions = new Sessions(await StaffSession.LoginAsync(app, worker), worker, await StaffSession.LoginAsync(app, breaker),
            await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription)),
            await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo)),
            await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique)));
        var document = JsonNode.Parse(await sessions.Admin.Client.GetStringAsync("/api/v1/openapi.json"))!;
        var operations = Operations();

        var bodies = BodiesOf(document);
        Assert.True(bodies.Count >= 20, $"{bodies.Count} operations with a body");
        // Every operation whose body holds a string has a way to call it here; none is described that no longer exists.
        var withStrings = bodies.Where(b => b.Value.Count > 0).Select(b => b.Key).ToList();
        Assert.Empty(withStrings.Except(operations.Keys));
        Assert.Empty(operations.Keys.Except(withStrings));

        var probes = 0;
        foreach (var (operation, fields) in bodies.Where(b => b.Value.Count > 0))
        {
            var call = operations[operation];
            var session = call.As(sessions);
            var method = new HttpMethod(operation.Split(' ')[0]);
            var (url, baseline) = await call.Prepare(sessions);
            var before = await RowCountsAsync();
            foreach (var (field, plainText) in fields)
                foreach (var nir in plainText ? Nirs : Nirs[..1])
                {
                    var body = (JsonObject)baseline.DeepClone();
                    if (field.EndsWith("[]")) body[field[..^2]] = new JsonArray(nir);
                    else body[field] = nir;
                    var response = await session.ApiSendAsync(method, url, body.ToJsonString());
                    var text = await response.Content.ReadAsStringAsync();
                    probes++;
                    if (operation == "POST /api/v1/garde/analyse")
                    {
                        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{operation} {field}: {(int)response.StatusCode} {text}");
                        Assert.Contains("\"category\":\"Nir\"", text);
                        continue;
                    }
                    Assert.True((int)response.StatusCode is >= 400 and < 500, $"{operation} {field} = {nir}: {(int)response.StatusCode} {text}");
                    Assert.DoesNotContain(nir, text);
                    if (plainText)
                    {
                        // A text field is refused by a French message on that very field.
                        Assert.True(JsonDocument.Parse(text).RootElement.TryGetProperty("errors", out var errors), $"{operation} {field}: {(int)response.StatusCode} {text}");
                        var key = ErrorKeys.GetValueOrDefault($"{operation} {field}", field.TrimEnd('[', ']'));
                        Assert.True(errors.TryGetProperty(key, out _), $"{operation} {field}: {text}");
                    }
                }
            Assert.Equal(before, await RowCountsAsync());
            var accepted = await session.ApiSendAsync(method, url, baseline.ToJsonString());
            Assert.True(accepted.IsSuccessStatusCode, $"{operation} (sans NIR) : {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
        }
        Assert.True(probes >= 80, $"{probes} probes");
        Assert.Equal([], await TextColumnsHoldingAsync(Nirs.Append(Nirs[1][..13]).ToArray()));
    }

    /// <summary>"METHOD path" → the string fields of its JSON body ("field", or "field[]" for a list), each flagged when it is free text (no format, no list of values).</summary>
    private static Dictionary<string, List<(string Field, bool PlainText)>> BodiesOf(JsonNode document)
    {
        var schemas = document["components"]!["schemas"]!;
        JsonNode Resolve(JsonNode schema) => schema["$ref"] is { } r ? schemas[r.GetValue<string>().Split('/')[^1]]! : schema;
        bool IsString(JsonNode schema, out bool plain)
        {
            schema = Resolve(schema);
            if (schema["oneOf"] is JsonArray oneOf) schema = Resolve(oneOf.First(s => s!["type"]?.ToString() != "null")!);
            var type = schema["type"]?.ToJsonString() ?? "";
            plain = schema["format"] is null && schema["enum"] is null;
            return type.Contains("\"string\"");
        }
        var bodies = new Dictionary<string, List<(string, bool)>>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation?["requestBody"]?["content"]?["application/json"]?["schema"] is not { } schema) continue;
                var fields = new List<(string, bool)>();
                foreach (var (name, property) in (Resolve(schema)["properties"] as JsonObject ?? []))
                {
                    var p = Resolve(property!);
                    if (IsString(p, out var plain)) fields.Add((name, plain));
                    else if (p["items"] is { } items && IsString(items, out var plainItems)) fields.Add((name + "[]", plainItems));
                }
                bodies[$"{method.ToUpperInvariant()} {path}"] = fields;
            }
        return bodies;
    }

    /// <summary>The number of rows of every table but the journal's (refusals are journaled) and the keys'.</summary>
    private Task<Dictionary<string, long>> RowCountsAsync() => app.WithAsync(async sp =>
    {
        var db = sp.GetRequiredService<DiscretDbContext>();
        var counts = new Dictionary<string, long>();
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct()
                     .Where(t => !t.StartsWith("journal") && t != "DataProtectionKeys" && t != "AspNetUserTokens"))
            counts[table] = await db.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
        return counts;
    });

    /// <summary>"table.column" of every text column holding one of the texts.</summary>
    private Task<List<string>> TextColumnsHoldingAsync(string[] texts) => app.WithAsync(async sp =>
    {
        var db = sp.GetRequiredService<DiscretDbContext>();
        var found = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table) continue;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties().Concat(entity.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties()))
                         .Where(p => p.GetProviderClrType() == typeof(string) || p.ClrType == typeof(string)))
            {
                if (property.GetColumnName(store) is not { } column) continue;
                foreach (var text in texts)
                    if (await db.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\" WHERE \"{column}\" LIKE {{0}}", $"%{text}%").SingleAsync() > 0)
                        found.Add($"{table}.{column}");
            }
        }
        return found.Distinct().ToList();
    });
}
