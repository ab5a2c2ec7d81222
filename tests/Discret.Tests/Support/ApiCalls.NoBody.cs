using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Rights;
using Discret.Tests.Droits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Support;

public sealed partial class ApiCalls
{
    /// <summary>The other operations (reads, and writes that take no body or one without text): a call each accepts.</summary>
    public Dictionary<string, Operation> WithoutBody() => new()
    {
        ["GET /api/v1/jeton-csrf"] = Get(s => s.Worker, async s => "/api/v1/jeton-csrf"),
        // Mandates (issue 19).
        ["GET /api/v1/personnes/{id}/mandats"] = Get(s => s.Worker, async s => $"/api/v1/personnes/{(await MandateAsync(s)).Person}/mandats"),
        ["GET /api/v1/personnes/{id}/mandats/{mandateId}"] = Get(s => s.Worker, async s =>
        {
            var (person, mandate) = await MandateAsync(s);
            return $"/api/v1/personnes/{person}/mandats/{mandate}";
        }),
        ["GET /api/v1/personnes/{id}/mandats/{mandateId}/pdf"] = Get(s => s.Worker, async s =>
        {
            var (person, mandate) = await MandateAsync(s);
            return $"/api/v1/personnes/{person}/mandats/{mandate}/pdf";
        }),
        ["GET /api/v1/personnes/{id}/mandats/{mandateId}/accuse-de-revocation"] = Get(s => s.Worker, async s =>
        {
            var (person, mandate) = await MandateAsync(s);
            await ExpectAsync(s.Worker, HttpMethod.Post, $"/api/v1/personnes/{person}/mandats/{mandate}/revocation", new JsonObject());
            return $"/api/v1/personnes/{person}/mandats/{mandate}/accuse-de-revocation";
        }),
        ["GET /api/v1/personnes/{id}/mandats/demarches"] = Get(s => s.Worker, async s => $"/api/v1/personnes/{(await MandateAsync(s)).Person}/mandats/demarches"),
        ["GET /api/v1/mandats/verification"] = Get(s => s.Rc, async s =>
        {
            var (_, mandate) = await MandateAsync(s);
            var code = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Mandates.Where(m => m.Id == mandate).Select(m => m.Code).SingleAsync());
            return $"/api/v1/mandats/verification?code={code}";
        }),
        ["GET /api/v1/moi"] = Get(s => s.Worker, async s => "/api/v1/moi"),
        ["GET /api/v1/personnes/{id}"] = Get(s => s.Worker, async s => $"/api/v1/personnes/{(await app.CreateCaseAsync(0, s.WorkerAccount)).PersonId}"),
        ["GET /api/v1/personnes/{id}/information"] = Get(s => s.Worker, async s => $"/api/v1/personnes/{(await app.CreateCaseAsync(0, s.WorkerAccount)).PersonId}/information"),
        ["POST /api/v1/personnes/{id}/refus-informatisation"] = new(s => s.Worker, async s =>
            ($"/api/v1/personnes/{(await app.CreateCaseAsync(0, s.WorkerAccount)).PersonId}/refus-informatisation", new JsonObject { ["confirm"] = true })),
        ["POST /api/v1/personnes/{id}/acceptation-informatisation"] = Post(s => s.Worker, async s =>
        {
            var person = (await app.CreateCaseAsync(0, s.WorkerAccount)).PersonId;
            await ExpectAsync(s.Worker, HttpMethod.Post, $"/api/v1/personnes/{person}/refus-informatisation", new JsonObject { ["confirm"] = true });
            return $"/api/v1/personnes/{person}/acceptation-informatisation";
        }),
        ["GET /api/v1/accompagnements/{id}"] = Get(s => s.Worker, async s => $"/api/v1/accompagnements/{(await app.CreateCaseAsync(0, s.WorkerAccount)).FollowUpId}"),
        ["GET /api/v1/accompagnements/{id}/aides-numeriques"] = Get(s => s.Worker, async s =>
        {
            var followUp = (await app.CreateCaseAsync(0, s.WorkerAccount)).FollowUpId;
            await ExpectAsync(s.Worker, HttpMethod.Post, $"/api/v1/accompagnements/{followUp}/aides-numeriques", new JsonObject
            {
                ["level"] = "JeForme", ["occurredOn"] = ApiCalls.Today, ["theme"] = "ProtegerSesMotsDePasse",
            });
            return $"/api/v1/accompagnements/{followUp}/aides-numeriques";
        }),
        ["GET /api/v1/entretiens/{id}"] = Get(s => s.Worker, async s => $"/api/v1/entretiens/{await InterviewOfNewCaseAsync(s)}"),
        ["GET /api/v1/entretiens/{id}/historique"] = Get(s => s.Worker, async s => $"/api/v1/entretiens/{await InterviewOfNewCaseAsync(s)}/historique"),
        ["GET /api/v1/accompagnements/{id}/notes"] = Get(s => s.Worker, async s =>
        {
            var followUp = (await app.CreateCaseAsync(0, s.WorkerAccount)).FollowUpId;
            await ExpectAsync(s.Worker, HttpMethod.Post, $"/api/v1/accompagnements/{followUp}/notes", new JsonObject { ["text"] = "Rappeler lundi." });
            return $"/api/v1/accompagnements/{followUp}/notes";
        }),
        ["DELETE /api/v1/notes/{id}"] = new(s => s.Worker, async s =>
        {
            var followUp = (await app.CreateCaseAsync(0, s.WorkerAccount)).FollowUpId;
            var note = await ExpectAsync(s.Worker, HttpMethod.Post, $"/api/v1/accompagnements/{followUp}/notes", new JsonObject { ["text"] = "Rappeler lundi." });
            return ($"/api/v1/notes/{note.GetProperty("id").GetGuid()}", null);
        }),
        ["POST /api/v1/personnes/{id}/accords-de-partage/{consentId}/retrait"] = Post(s => s.Worker, async s =>
        {
            var person = (await app.CreateCaseAsync(0, s.WorkerAccount)).PersonId;
            var consent = await ExpectAsync(s.Worker, HttpMethod.Post, $"/api/v1/personnes/{person}/accords-de-partage", new JsonObject
            {
                ["partner"] = "Ccas", ["partnerName"] = "CCAS de Valmont", ["purpose"] = "AccesAuLogement", ["categories"] = new JsonArray("Identite"),
                ["form"] = "Ecrit", ["givenOn"] = Today, ["validUntil"] = InSixMonths,
            });
            return $"/api/v1/personnes/{person}/accords-de-partage/{consent.GetProperty("id").GetGuid()}/retrait";
        }),
        ["GET /api/v1/courriers/personnes/{id}"] = Get(s => s.Worker, async s => $"/api/v1/courriers/personnes/{(await app.CreateCaseAsync(0, s.WorkerAccount)).PersonId}"),
        ["GET /api/v1/courriers/modeles"] = Get(s => s.Admin, async s => "/api/v1/courriers/modeles"),
        ["GET /api/v1/courriers/modeles/{kind}/versions/{version}"] = Get(s => s.Admin, async s => "/api/v1/courriers/modeles/convocation/versions/1"),
        ["GET /api/v1/taches"] = Get(s => s.Worker, async s => "/api/v1/taches"),
        ["GET /api/v1/taches/{id}"] = Get(s => s.Worker, async s =>
            $"/api/v1/taches/{(await ExpectAsync(s.Worker, HttpMethod.Post, "/api/v1/taches", new JsonObject { ["title"] = "Rappeler le bailleur", ["dueOn"] = Today })).GetProperty("id").GetGuid()}"),
        ["GET /api/v1/rappels"] = Get(s => s.Worker, async s => "/api/v1/rappels"),
        ["GET /api/v1/rendez-vous/{id}"] = Get(s => s.Worker, async s => $"/api/v1/rendez-vous/{await BookAsync(s, 24)}"),
        ["GET /api/v1/rendez-vous/mes-rendez-vous"] = Get(s => s.Worker, async s => "/api/v1/rendez-vous/mes-rendez-vous"),
        ["GET /api/v1/rendez-vous/circonscription"] = Get(s => s.Rc, async s => $"/api/v1/rendez-vous/circonscription?day={Today}"),
        ["GET /api/v1/rendez-vous/salles/{id}"] = Get(s => s.Rc, async s => $"/api/v1/rendez-vous/salles/{await RoomAsync()}"),
        ["GET /api/v1/a-orienter"] = Get(s => s.Rc, async s => "/api/v1/a-orienter"),
        ["GET /api/v1/a-reattribuer"] = Get(s => s.Rc, async s => "/api/v1/a-reattribuer"),
        ["GET /api/v1/equipe"] = Get(s => s.Rc, async s => "/api/v1/equipe"),
        ["DELETE /api/v1/equipe/{id}/absence"] = new(s => s.Rc, async s =>
        {
            var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
            await ExpectAsync(s.Rc, HttpMethod.Put, $"/api/v1/equipe/{worker.Id}/absence", new JsonObject { ["from"] = Today, ["until"] = InSixMonths });
            return ($"/api/v1/equipe/{worker.Id}/absence", null);
        }),
        ["GET /api/v1/comptes-a-confirmer"] = Get(s => s.Rc, async s => "/api/v1/comptes-a-confirmer"),
        ["POST /api/v1/comptes-a-confirmer/{id}/confirmation"] = Post(s => s.Rc, async s => $"/api/v1/comptes-a-confirmer/{await PendingRequestAsync()}/confirmation"),
        ["POST /api/v1/comptes-a-confirmer/{id}/refus"] = Post(s => s.Rc, async s => $"/api/v1/comptes-a-confirmer/{await PendingRequestAsync()}/refus"),
        ["GET /api/v1/admin/circonscriptions"] = Get(s => s.Admin, async s => "/api/v1/admin/circonscriptions"),
        ["GET /api/v1/admin/comptes"] = Get(s => s.Admin, async s => "/api/v1/admin/comptes"),
        ["GET /api/v1/admin/comptes/{id}"] = Get(s => s.Admin, async s => $"/api/v1/admin/comptes/{s.WorkerAccount.Id}"),
        ["POST /api/v1/admin/comptes/{id}/desactivation"] = Post(s => s.Admin, async s => $"/api/v1/admin/comptes/{(await app.CreateAccountAsync(StaffRole.Accueil)).Id}/desactivation"),
        ["POST /api/v1/admin/comptes/{id}/reactivation"] = Post(s => s.Admin, async s =>
        {
            var account = await app.CreateAccountAsync(StaffRole.Accueil);
            await ExpectAsync(s.Admin, HttpMethod.Post, $"/api/v1/admin/comptes/{account.Id}/desactivation", null);
            return $"/api/v1/admin/comptes/{account.Id}/reactivation";
        }),
        ["POST /api/v1/admin/comptes/{id}/reinitialisation"] = Post(s => s.Admin, async s => $"/api/v1/admin/comptes/{(await app.CreateAccountAsync(StaffRole.Accueil)).Id}/reinitialisation"),
        ["GET /api/v1/droits"] = Get(s => s.Dpo, async s => "/api/v1/droits"),
        ["GET /api/v1/droits/{id}"] = Get(s => s.Dpo, async s => $"/api/v1/droits/{await RequestAsync(s, RightKind.Acces)}"),
        ["POST /api/v1/droits/{id}/limitation"] = Post(s => s.Dpo, async s => $"/api/v1/droits/{await RequestAsync(s, RightKind.Limitation)}/limitation"),
        ["GET /api/v1/tracabilite/journal"] = Get(s => s.Dpo, async s => "/api/v1/tracabilite/journal"),
        ["GET /api/v1/tracabilite/dossiers/{id}"] = Get(s => s.Dpo, async s => $"/api/v1/tracabilite/dossiers/{(await app.CreateCaseAsync(0, s.WorkerAccount)).PersonId}"),
        ["GET /api/v1/tracabilite/comptes/{id}/dossiers"] = Get(s => s.Dpo, async s =>
            $"/api/v1/tracabilite/comptes/{s.WorkerAccount.Id}/dossiers?from={ParisTime.Today(TimeProvider.System).AddDays(-7):yyyy-MM-dd}&to={Today}"),
        ["GET /api/v1/statistiques"] = Get(s => s.Dpo, async s => "/api/v1/statistiques"),
        ["GET /api/v1/statistiques/{indicator}"] = Get(s => s.Dpo, async s => $"/api/v1/statistiques/entretiens?period={ParisTime.Today(TimeProvider.System).Year}"),
        ["POST /api/v1/statistiques/recalcul"] = Post(s => s.Dpo, async s => "/api/v1/statistiques/recalcul"),
    };

    private static Operation Get(Func<Sessions, StaffSession> who, Func<Sessions, Task<string>> url) => new(who, async s => (await url(s), null), HttpMethod.Get);

    private static Operation Post(Func<Sessions, StaffSession> who, Func<Sessions, Task<string>> url) => new(who, async s => (await url(s), null));

    /// <summary>A step of a call's preparation, which must succeed: its JSON answer (or an empty object).</summary>
    private static async Task<JsonElement> ExpectAsync(StaffSession session, HttpMethod method, string url, JsonObject? body)
    {
        var response = await session.ApiSendAsync(method, url, body?.ToJsonString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? JsonDocument.Parse("{}").RootElement : JsonDocument.Parse(text).RootElement;
    }

    /// <summary>A room of circonscription 0.</summary>
    private Task<Guid> RoomAsync() => app.WithAsync(async sp =>
    {
        var db = sp.GetRequiredService<DiscretDbContext>();
        var circonscription = await db.Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
        var room = new Discret.Domain.Agenda.Room(circonscription, "Salle " + Guid.NewGuid().ToString("N")[..6]);
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room.Id;
    });

    /// <summary>A fresh creation of a reception account of circonscription 0, awaiting its head's confirmation.</summary>
    private Task<Guid> PendingRequestAsync() => app.WithAsync(async sp =>
    {
        var db = sp.GetRequiredService<DiscretDbContext>();
        var circonscription = await db.Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
        var created = await sp.GetRequiredService<Discret.Web.Features.Administration.Comptes.AccountCommands>()
            .CreateAsync("contrat." + Guid.NewGuid().ToString("N")[..8], "Agent Contrat", StaffRole.Accueil, circonscription, null);
        return await db.AccountRequests.Where(r => r.AccountId == created.Value.Account.Id).Select(r => r.Id).SingleAsync();
    });
}
