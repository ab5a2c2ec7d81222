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
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Support;

/// <summary>
/// One call the API accepts (2xx) for each of its operations, with the state it needs made fresh: the NIR test posts a NIR
/// into each body, the contract test checks each exchange against the OpenAPI document.
/// </summary>
public sealed partial class ApiCalls(DiscretFactory app)
{
    /// <summary>The accounts the calls are made as: a social worker, another one (in service long enough for break-glass), a head of circonscription, the DPO, the technical administrator.</summary>
    public async Task<Sessions> SignInAsync()
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
        return new Sessions(await StaffSession.LoginAsync(app, worker), worker, await StaffSession.LoginAsync(app, breaker),
            await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription)),
            await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo)),
            await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique)));
    }

    public sealed record Sessions(StaffSession Worker, TestAccount WorkerAccount, StaffSession OtherWorker, StaffSession Rc, StaffSession Dpo, StaffSession Admin);

    /// <summary>How to call an operation: the role, then a fresh state and a body the operation accepts (2xx).</summary>
    public sealed record Operation(Func<Sessions, StaffSession> As, Func<Sessions, Task<(string Url, JsonObject? Body)>> Prepare, HttpMethod? Method = null)
    {
        /// <summary>Makes the call: a GET, or the operation's method with the antiforgery token (and its body, if any).</summary>
        public async Task<(HttpResponseMessage Response, JsonObject? Body)> SendAsync(Sessions sessions, HttpMethod method)
        {
            var (url, body) = await Prepare(sessions);
            var session = As(sessions);
            return (method == HttpMethod.Get ? await session.Client.GetAsync(url) : await session.ApiSendAsync(method, url, body?.ToJsonString()), body);
        }
    }

    public static string Today => ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");
    public static string InSixMonths => ParisTime.Today(TimeProvider.System).AddMonths(6).ToString("yyyy-MM-dd");
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

    // Mandates (issue 19): a mandate of a new file of the worker, under tutelle (its representative's name is free text).
    private static JsonObject MandateBody(Guid followUpId, Guid workerId) => new()
    {
        ["followUpId"] = followUpId.ToString(), ["mandataires"] = new JsonArray(workerId.ToString()),
        ["authorisations"] = new JsonArray(new JsonObject { ["domain"] = "Social", ["organisations"] = new JsonArray("Caf", "Cpam") },
            new JsonObject { ["domain"] = "Logement", ["organisations"] = new JsonArray("BailleurSocial") }),
        ["dataKinds"] = new JsonArray("EtatCivil", "Ressources"), ["startsOn"] = Today, ["oneDay"] = false, ["endsOn"] = InSixMonths,
        ["protection"] = "Tutelle", ["representativeName"] = "UDAF de Valmont",
    };

    internal async Task<(Guid Person, Guid Mandate)> MandateAsync(Sessions s)
    {
        var file = await app.CreateCaseAsync(0, s.WorkerAccount);
        var response = await s.Worker.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/mandats", MandateBody(file.FollowUpId!.Value, s.WorkerAccount.Id).ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (file.PersonId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    /// <summary>Operations that take a JSON body: a body each accepts.</summary>
    public Dictionary<string, Operation> WithBody() => new()
    {
        ["POST /api/v1/personnes/{id}/mandats"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ($"/api/v1/personnes/{file.PersonId}/mandats", MandateBody(file.FollowUpId!.Value, s.WorkerAccount.Id));
        }),
        ["POST /api/v1/personnes/{id}/mandats/{mandateId}/signature"] = new(s => s.Worker, async s =>
        {
            var (person, mandate) = await MandateAsync(s);
            return ($"/api/v1/personnes/{person}/mandats/{mandate}/signature", new JsonObject { ["signedOn"] = Today, ["signer"] = "LeRepresentantLegal" });
        }),
        ["POST /api/v1/personnes/{id}/mandats/{mandateId}/revocation"] = new(s => s.Worker, async s =>
        {
            var (person, mandate) = await MandateAsync(s);
            return ($"/api/v1/personnes/{person}/mandats/{mandate}/revocation", new JsonObject { ["domain"] = "Logement", ["reason"] = "DemandeDeLaPersonne" });
        }),
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
        // Digital help (issue 19): « j'accompagne », the level with the most fields.
        ["POST /api/v1/accompagnements/{id}/aides-numeriques"] = new(s => s.Worker, async s =>
        {
            var file = await app.CreateCaseAsync(0, s.WorkerAccount);
            return ($"/api/v1/accompagnements/{file.FollowUpId}/aides-numeriques", new JsonObject
            {
                ["level"] = "JAccompagne", ["occurredOn"] = Today, ["domain"] = "Social", ["organisation"] = "Caf", ["outcome"] = "Aboutie",
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
                ["login"] = "c." + NewName().ToLowerInvariant(), ["displayName"] = "Camille Durand", ["role"] = "Accueil", ["circonscriptionId"] = circonscription.ToString(),
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

}
