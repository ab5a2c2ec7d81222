using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Tests.Support;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Taches;

/// <summary>
/// A task about a file is written like the file: on a limited file (art. 18) none is created, changed or marked, on a
/// minimal record (refusal of computerisation) none is created and the refusal deletes those about the person (like
/// interviews and working notes); the refusal says why, and a file out of reach is absent (404).
/// </summary>
[Collection(TasksCollection.Name)]
public class TaskFileStateTests(DiscretFactory app)
{
    private Task<T> DbAsync<T>(Func<DiscretDbContext, Task<T>> read) => app.WithAsync(sp => read(sp.GetRequiredService<DiscretDbContext>()));

    private static async Task<Guid> CreatedAsync(StaffSession session, object body)
    {
        var response = await session.ApiSendAsync(HttpMethod.Post, "/api/v1/taches", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private Task<string> TasksOfAsync(Guid personId) => DbAsync(async db => string.Join(";", await db.Tasks.AsNoTracking().Where(t => t.PersonId == personId)
        .OrderBy(t => t.Id).Select(t => $"{t.Id}:{t.Version}:{t.DoneOn}").ToListAsync()));

    [Fact]
    public async Task On_a_limited_file_no_task_is_created_changed_or_marked_and_the_refusal_says_why()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var ts = await StaffSession.LoginAsync(app, worker);
        var task = await CreatedAsync(ts, new { title = "Rappeler la CAF", dueOn = Today, followUpId = file.FollowUpId });
        await app.LimitAsync(file.PersonId, worker.Id);
        var before = await TasksOfAsync(file.PersonId);

        await FileStates.AssertRefusedByStateAsync(await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/taches",
            new { title = "Envoyer le dossier", dueOn = Today, followUpId = file.FollowUpId }), FileStateAnswer.RestrictedTitle, "création sur l'accompagnement");
        await FileStates.AssertRefusedByStateAsync(await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/taches",
            new { title = "Envoyer le dossier", dueOn = Today, personId = file.PersonId }), FileStateAnswer.RestrictedTitle, "création sur le dossier");
        await FileStates.AssertRefusedByStateAsync(await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/taches/{task}",
            new { title = "Rappeler la CAF lundi", dueOn = Today, version = 1 }), FileStateAnswer.RestrictedTitle, "modification");
        await FileStates.AssertRefusedByStateAsync(await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/taches/{task}/etat", new { done = true }),
            FileStateAnswer.RestrictedTitle, "faite");
        // The page says it instead of offering the form.
        var page = WebUtility.HtmlDecode(await ts.PageTextAsync($"/taches/nouvelle?accompagnement={file.FollowUpId}"));
        Assert.Contains("article 18", page);
        Assert.DoesNotContain("Créer la tâche", page);

        Assert.Equal(before, await TasksOfAsync(file.PersonId));
    }

    [Fact]
    public async Task The_refusal_of_computerisation_deletes_the_tasks_about_the_person_and_no_new_one_is_created()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var ts = await StaffSession.LoginAsync(app, worker);
        await CreatedAsync(ts, new { title = "Rappeler la CAF", dueOn = Today, followUpId = file.FollowUpId });
        await CreatedAsync(ts, new { title = "Préparer la commission", dueOn = Today, personId = file.PersonId });
        var own = await CreatedAsync(ts, new { title = "Commander des formulaires", dueOn = Today });

        await ts.RefuseComputerisationAsync(file.PersonId);

        Assert.Equal("", await TasksOfAsync(file.PersonId));
        Assert.True(await DbAsync(db => db.Tasks.AnyAsync(t => t.Id == own)));
        var entry = await DbAsync(db => db.JournalEntries.AsNoTracking()
            .Where(e => e.PersonId == file.PersonId && e.Action == JournalAction.Suppression).OrderByDescending(e => e.At).FirstAsync());
        Assert.Contains(",taches:2,", entry.Detail);
        await FileStates.AssertRefusedByStateAsync(await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/taches",
            new { title = "Envoyer le dossier", dueOn = Today, followUpId = file.FollowUpId }), FileStateAnswer.PaperOnlyTitle, "création");
        Assert.Equal("", await TasksOfAsync(file.PersonId));
    }

    [Fact]
    public async Task A_task_on_a_file_or_follow_up_out_of_reach_is_absent_and_nothing_is_saved()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        var colleague = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial)); // same office, not assigned

        Assert.Equal(HttpStatusCode.NotFound, (await colleague.ApiSendAsync(HttpMethod.Post, "/api/v1/taches",
            new { title = "Rappeler la CAF", dueOn = Today, personId = file.PersonId })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.ApiSendAsync(HttpMethod.Post, "/api/v1/taches",
            new { title = "Rappeler la CAF", dueOn = Today, followUpId = file.FollowUpId })).StatusCode);
        Assert.Equal("", await TasksOfAsync(file.PersonId));
    }
}
