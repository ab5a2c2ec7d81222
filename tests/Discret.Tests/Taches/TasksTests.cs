using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Domain.Tasks;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Taches;

/// <summary>Tasks and reminders (issue 16 §3): their own collection, so that they run beside the others.</summary>
[CollectionDefinition(Name)]
public sealed class TasksCollection : ICollectionFixture<DiscretFactory>
{
    public const string Name = "Taches";
}

/// <summary>
/// Tasks seen from the outside: a guarded title (no NIR, no judgement), an assignee within the follow-up's team or the
/// secretariat, seen by author and assignee (and the team when the author chose it) and by nobody else — the head of
/// circonscription included, on the task and on the list; done and undone; journaled without titles or names.
/// </summary>
[Collection(TasksCollection.Name)]
public class TasksTests(DiscretFactory app)
{
    private static readonly string Nir = MakeNir("2870691123045");

    private static string MakeNir(string body) => body + (97 - long.Parse(body) % 97).ToString("00");

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> CreateAsync(StaffSession session, object body)
    {
        var response = await session.ApiSendAsync(HttpMethod.Post, "/api/v1/taches", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    private static async Task<Guid> CreatedAsync(StaffSession session, object body)
    {
        var (response, json) = await CreateAsync(session, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {json}");
        return json.GetProperty("id").GetGuid();
    }

    private static async Task<List<Guid>> ListAsync(StaffSession session, string statut = "a-faire") =>
        (await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/taches?status={statut}"))!.EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();

    private Task<int> TaskCountAsync(Guid followUpId) => app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Tasks.CountAsync(t => t.FollowUpId == followUpId));

    [Fact]
    public async Task A_list_status_outside_a_faire_and_faites_is_refused_in_french_rather_than_read_as_a_faire()
    {
        var ts = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var response = await ts.Client.GetAsync("/api/v1/taches?status=done");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Discret.Web.Features.Taches.TasksApi.UnknownStatus, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await ts.Client.GetAsync("/api/v1/taches")).StatusCode);
    }

    [Fact]
    public async Task A_title_with_a_nir_or_a_judgement_is_refused_next_to_the_field_and_nothing_is_saved()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var ts = await StaffSession.LoginAsync(app, worker);

        foreach (var title in new[] { $"Relancer la CPAM, NIR {Nir}", "Recadrer Madame, très paresseuse" })
        {
            var (response, problem) = await CreateAsync(ts, new { title, dueOn = Today, followUpId = file.FollowUpId });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("Rien n'a été enregistré.", problem.GetProperty("errors").GetProperty("title")[0].GetString());
        }
        // The page: the message next to the field (no confirmation box: a task's title never needs those words).
        var page = await ts.PostFormAsync($"/taches/nouvelle?accompagnement={file.FollowUpId}",
            new() { ["Input.Title"] = "Recadrer Madame, très paresseuse", ["Input.DueOn"] = Today, ["Input.Assignee"] = "moi", ["Input.Visibility"] = "MoiEtAssignee" });
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"Input_Title-error\"", html);
        Assert.Contains("Jugement sur la personne", html);
        Assert.Equal(0, await TaskCountAsync(file.FollowUpId!.Value));
    }

    [Fact]
    public async Task An_assignee_outside_the_follow_ups_team_is_refused_and_a_team_member_or_the_secretariat_is_accepted()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var coWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var outsider = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker, [coWorker]);
        var ts = await StaffSession.LoginAsync(app, worker);

        var (refused, problem) = await CreateAsync(ts, new { title = "Appeler le bailleur", dueOn = Today, followUpId = file.FollowUpId, assigneeId = outsider.Id });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("équipe de l'accompagnement", problem.GetProperty("errors").GetProperty("assigneeId")[0].GetString());
        // Without a follow-up, only herself or the secretariat.
        var (alone, _) = await CreateAsync(ts, new { title = "Appeler le bailleur", dueOn = Today, assigneeId = coWorker.Id });
        Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
        Assert.Equal(0, await TaskCountAsync(file.FollowUpId!.Value));

        await CreatedAsync(ts, new { title = "Appeler le bailleur", dueOn = Today, followUpId = file.FollowUpId, assigneeId = coWorker.Id });
        await CreatedAsync(ts, new { title = "Préparer le courrier", dueOn = Today, followUpId = file.FollowUpId, toSecretariat = true });
        Assert.Equal(2, await TaskCountAsync(file.FollowUpId.Value));
    }

    [Fact]
    public async Task A_task_is_seen_by_its_author_and_assignee_only_never_by_the_head_of_circonscription_or_another_worker()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var coWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var other = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var head = await app.CreateAccountAsync(StaffRole.ResponsableCirconscription);
        var file = await app.CreateCaseAsync(0, worker, [coWorker]);
        var title = "Relancer le CCAS " + Guid.NewGuid().ToString("N")[..6];
        var ts = await StaffSession.LoginAsync(app, worker);
        var id = await CreatedAsync(ts, new { title, dueOn = Today, followUpId = file.FollowUpId, assigneeId = coWorker.Id });

        var co = await StaffSession.LoginAsync(app, coWorker);
        Assert.Contains(id, await ListAsync(co));
        Assert.Contains(id, await ListAsync(ts));
        Assert.Contains(title, await co.Client.GetStringAsync("/taches"));
        foreach (var outsider in new[] { await StaffSession.LoginAsync(app, other), await StaffSession.LoginAsync(app, head) })
        {
            Assert.DoesNotContain(id, await ListAsync(outsider));
            Assert.DoesNotContain(title, await outsider.Client.GetStringAsync("/taches"));
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync($"/api/v1/taches/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync($"/taches/{id}/modifier")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.ApiSendAsync(HttpMethod.Put, $"/api/v1/taches/{id}/etat", new { done = true })).StatusCode);
        }
        // The assignee may mark it done but not change it; the head of circonscription cannot open a task on a file she only sees.
        Assert.Equal(HttpStatusCode.NotFound, (await co.Client.GetAsync($"/taches/{id}/modifier")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await co.ApiSendAsync(HttpMethod.Put, $"/api/v1/taches/{id}", new { title = "Autre", dueOn = Today })).StatusCode);
        // The list is journaled like a search: a count, never a title or a name.
        var entries = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .Where(e => e.AccountId == coWorker.Id && e.Action == JournalAction.Recherche).Select(e => e.Detail).ToListAsync());
        Assert.Contains(entries, d => d!.StartsWith("mes tâches (à faire) : "));
        Assert.DoesNotContain(entries, d => d!.Contains(title) || d.Contains(file.BirthName));
        var writes = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .Where(e => e.Reference == id && e.Action == JournalAction.Ecriture).Select(e => new { e.PersonId, e.Detail }).ToListAsync());
        var write = Assert.Single(writes);
        Assert.Equal(file.PersonId, write.PersonId);
        Assert.DoesNotContain(title, write.Detail);
    }

    [Fact]
    public async Task Team_visibility_shows_the_task_to_the_follow_ups_team_and_not_after_they_leave_it()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var coWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker, [coWorker]);
        var ts = await StaffSession.LoginAsync(app, worker);
        var mine = await CreatedAsync(ts, new { title = "Appeler la CAF", dueOn = Today, followUpId = file.FollowUpId });
        var team = await CreatedAsync(ts, new { title = "Préparer la visite", dueOn = Today, followUpId = file.FollowUpId, visibility = "Equipe" });
        // « Équipe » without a follow-up makes no sense: refused with a message.
        var (refused, _) = await CreateAsync(ts, new { title = "Préparer la visite", dueOn = Today, visibility = "Equipe" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var co = await StaffSession.LoginAsync(app, coWorker);
        var seen = await ListAsync(co);
        Assert.Contains(team, seen);
        Assert.DoesNotContain(mine, seen);
        Assert.Equal(HttpStatusCode.OK, (await co.ApiSendAsync(HttpMethod.Put, $"/api/v1/taches/{team}/etat", new { done = true })).StatusCode);

        await app.WithDbAsync(async db =>
        {
            var followUp = await db.FollowUps.Include(f => f.Team).SingleAsync(f => f.Id == file.FollowUpId);
            followUp.Assign(worker.Id, []);
            await db.SaveChangesAsync();
        });
        Assert.DoesNotContain(team, await ListAsync(co, "faites"));
        Assert.Equal(HttpStatusCode.NotFound, (await co.Client.GetAsync($"/api/v1/taches/{team}")).StatusCode);
    }

    [Fact]
    public async Task A_task_is_marked_done_then_to_do_again_from_the_list_and_moves_between_the_two_lists()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var id = await CreatedAsync(ts, new { title = "Renouveler ma carte professionnelle", dueOn = ParisTimeToday().AddDays(-1).ToString("yyyy-MM-dd") });
        var todo = await ts.Client.GetStringAsync("/taches");
        Assert.Contains($"data-task=\"{id}\"", todo);
        Assert.Contains("data-task-overdue", todo);

        var done = await ts.PostFormAsync("/taches?handler=Mark", new() { ["id"] = id.ToString(), ["done"] = "true" }, "/taches");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.DoesNotContain(id, await ListAsync(ts));
        Assert.Contains(id, await ListAsync(ts, "faites"));
        var task = await ts.Client.GetFromJsonAsync<JsonElement>($"/api/v1/taches/{id}");
        Assert.Equal(ParisTimeToday().ToString("yyyy-MM-dd"), task.GetProperty("doneOn").GetString());

        Assert.Equal(HttpStatusCode.OK, (await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/taches/{id}/etat", new { done = false })).StatusCode);
        Assert.Contains(id, await ListAsync(ts));
        Assert.DoesNotContain(id, await ListAsync(ts, "faites"));
    }

    [Fact]
    public async Task A_task_on_a_file_the_author_cannot_read_is_not_found()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var theirs = await app.CreateCaseAsync(0, colleague);
        var ts = await StaffSession.LoginAsync(app, worker);
        Assert.Equal(HttpStatusCode.NotFound, (await CreateAsync(ts, new { title = "Appeler", dueOn = Today, followUpId = theirs.FollowUpId })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await CreateAsync(ts, new { title = "Appeler", dueOn = Today, personId = theirs.PersonId })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/taches/nouvelle?accompagnement={theirs.FollowUpId}")).StatusCode);
        Assert.Equal(0, await TaskCountAsync(theirs.FollowUpId!.Value));
    }

    [Fact]
    public async Task A_task_created_from_the_follow_up_by_keyboardless_form_post_appears_on_the_workers_home()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var ts = await StaffSession.LoginAsync(app, worker);
        Assert.Contains($"/taches/nouvelle?accompagnement={file.FollowUpId}", await ts.Client.GetStringAsync($"/personnes/{file.PersonId}"));
        var title = "Envoyer le dossier FSL " + Guid.NewGuid().ToString("N")[..6];
        var posted = await ts.PostFormAsync($"/taches/nouvelle?accompagnement={file.FollowUpId}",
            new() { ["Input.Title"] = title, ["Input.DueOn"] = Today, ["Input.Assignee"] = "moi", ["Input.Visibility"] = "MoiEtAssignee" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var home = WebUtility.HtmlDecode(await ts.Client.GetStringAsync("/"));
        var section = home[home.IndexOf("data-my-tasks")..];
        Assert.Contains(title, section);
        Assert.Contains(file.BirthName, section);
    }

    private static DateOnly ParisTimeToday() => ParisTime.Today(TimeProvider.System);
}

/// <summary>
/// The reminders, derived from the files: each appears on the worker's home page (and « Mes tâches ») while due and
/// disappears once what it recalls is done — for her own follow-ups only.
/// </summary>
[Collection(TasksCollection.Name)]
public class RemindersTests(DiscretFactory app)
{
    private static async Task<List<(string Kind, Guid Person)>> RemindersAsync(StaffSession session) =>
        (await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/rappels"))!.EnumerateArray()
            .Select(r => (r.GetProperty("kind").GetString()!, r.GetProperty("personId").GetGuid())).ToList();

    [Fact]
    public async Task Each_reminder_appears_when_due_and_disappears_when_resolved()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker, interviewProvenance: Provenance.ReportedBy(Discret.Catalogue.ThirdPartyCategory.Voisinage));
        var notMine = await app.CreateCaseAsync(0, colleague);
        var today = ParisTime.Today(TimeProvider.System);
        var circonscription = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Persons.Where(p => p.Id == file.PersonId).Select(p => p.CirconscriptionId).SingleAsync());
        var consent = new SharingConsent(file.PersonId, PartnerKind.Ccas, "CCAS de Valmont", SharingPurpose.AccesAuLogement, [Discret.Catalogue.DataCategory.Identite],
            ConsentForm.Ecrit, today.AddMonths(-5), today.AddDays(10), worker.Id, DateTime.UtcNow);
        var request = new RightsRequest(file.PersonId, circonscription, RightKind.Acces, RequestChannel.Guichet, IdentityCheck.PersonneConnueDuService, today, null, worker.Id, DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.SharingConsents.Add(consent);
            db.RightsRequests.Add(request);
            await db.SaveChangesAsync();
            await db.Persons.Where(p => p.Id == file.PersonId || p.Id == notMine.PersonId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastContactOn, today.AddMonths(-7)));
        });
        var ts = await StaffSession.LoginAsync(app, worker);

        var before = await RemindersAsync(ts);
        foreach (var kind in new[] { "NoticeToGive", "FactToTell", "RightsRequestDue", "ConsentExpiring", "NoContact" })
            Assert.Contains((kind, file.PersonId), before);
        Assert.DoesNotContain(before, r => r.Person == notMine.PersonId);
        var home = await ts.Client.GetStringAsync("/");
        Assert.Contains("data-reminder=\"ConsentExpiring\"", home[home.IndexOf("data-my-tasks")..]);

        // Resolved: the notice given, the fact told, the request closed, the consent renewed, a contact recorded.
        Assert.Equal(HttpStatusCode.Created, (await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/information",
            new { method = "Oral", informedOn = Today })).StatusCode);
        var section = await ts.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personnes/{file.PersonId}/information");
        var fact = section.GetProperty("pendingFacts").EnumerateArray().Single();
        Assert.Equal(HttpStatusCode.Created, (await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/information/tiers",
            new { kind = fact.GetProperty("kind").GetString(), factId = fact.GetProperty("factId").GetGuid(), method = "Oral", informedOn = Today })).StatusCode);
        await app.WithDbAsync(async db =>
        {
            db.SharingConsents.Add(new SharingConsent(file.PersonId, PartnerKind.Ccas, "CCAS de Valmont", SharingPurpose.AccesAuLogement,
                [Discret.Catalogue.DataCategory.Identite], ConsentForm.Ecrit, today, today.AddMonths(6), worker.Id, DateTime.UtcNow));
            await db.SaveChangesAsync();
            await db.RightsRequests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Traitee));
        });
        Assert.Empty((await RemindersAsync(ts)).Where(r => r.Person == file.PersonId));
    }
}
