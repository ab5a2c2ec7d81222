using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Discret.Web.Features.Accompagnements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Accompagnements;

/// <summary>
/// A worker's own working notes, seen from the outside: the author reads them (page and API); no other account — the
/// co-worker of the same follow-up, the head of circonscription, the secretariat, the DPO, the administrator, another
/// social worker — finds a trace of them anywhere; a NIR is refused; closing deletes them; expired ones are purged.
/// </summary>
[Collection(FollowUpsCollection.Name)]
public class WorkingNotesTests(DiscretFactory app)
{
    private Task<int> NoteCountAsync(Guid followUpId) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().WorkingNotes.CountAsync(n => n.FollowUpId == followUpId));

    private static async Task<Guid> AddNoteAsync(StaffSession session, Guid followUpId, string text)
    {
        var response = await session.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{followUpId}/notes", new { text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Only_the_author_sees_a_note_no_other_account_finds_a_trace_of_it()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var coWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker, [coWorker]);
        var author = await StaffSession.LoginAsync(app, worker);
        var apiText = "Penser à relancer le bailleur Zorvitane" + Guid.NewGuid().ToString("N")[..6];
        var pageText = "Apporter le formulaire Quelmarin" + Guid.NewGuid().ToString("N")[..6];

        var noteId = await AddNoteAsync(author, file.FollowUpId!.Value, apiText);
        var notesUrl = $"/accompagnements/{file.FollowUpId}/notes";
        var posted = await author.PostFormAsync(notesUrl, Form(("Input.Text", pageText)));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        // The author: page and API, with the expiry and the disclosure sentence.
        var page = await author.PageTextAsync(notesUrl);
        Assert.Contains(apiText, page);
        Assert.Contains(pageText, page);
        Assert.Contains(WorkingNotes.Disclosure, page);
        Assert.Contains("supprimée au plus tard le", page);
        var mine = await author.Client.GetFromJsonAsync<JsonElement>($"/api/v1/accompagnements/{file.FollowUpId}/notes");
        Assert.Equal(2, mine.GetArrayLength());
        Assert.Contains(mine.EnumerateArray(), n => n.GetProperty("text").GetString() == apiText);
        var stored = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().WorkingNotes.AsNoTracking().SingleAsync(n => n.Id == noteId));
        Assert.Equal(stored.CreatedAt.AddMonths(6), stored.ExpiresOn);

        var others = new List<(string Who, StaffSession Session)>
        {
            ("co-intervenant", await StaffSession.LoginAsync(app, coWorker)),
            ("autre TS", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial))),
        };
        foreach (var role in new[] { StaffRole.ResponsableCirconscription, StaffRole.Secretariat, StaffRole.Accueil, StaffRole.Dpo, StaffRole.AdminTechnique, StaffRole.Direction })
            others.Add((role.ToString(), await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role))));

        string[] pages = ["/", $"/personnes/{file.PersonId}", $"/accompagnements/{file.FollowUpId}", notesUrl,
            $"/accompagnements/{file.FollowUpId}/entretiens/nouveau", $"/accompagnements/{file.FollowUpId}/equipe", "/catalogue", "/personnes"];
        string[] apis = [$"/api/v1/accompagnements/{file.FollowUpId}", $"/api/v1/personnes/{file.PersonId}", $"/api/v1/accompagnements/{file.FollowUpId}/notes"];
        foreach (var (who, session) in others)
        {
            foreach (var url in pages.Concat(apis))
            {
                var response = await session.Client.GetAsync(url);
                var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                Assert.True((int)response.StatusCode < 500, $"{who} {url}: {(int)response.StatusCode}");
                Assert.False(body.Contains(apiText) || body.Contains(pageText), $"{who} sees the note on {url}");
            }
            // The notes list: 404, except for the co-worker, who may keep notes of their own — and finds only those (none).
            var list = await session.Client.GetAsync($"/api/v1/accompagnements/{file.FollowUpId}/notes");
            if (who == "co-intervenant")
            {
                Assert.Equal(HttpStatusCode.OK, list.StatusCode);
                Assert.Equal(0, (await list.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
            }
            else Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
            // Someone else's note, by its id: 404, and nothing deleted.
            Assert.Equal(HttpStatusCode.NotFound, (await session.ApiSendAsync(HttpMethod.Delete, $"/api/v1/notes/{noteId}")).StatusCode);
            var search = await session.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { nom = file.BirthName, name = file.BirthName, q = file.BirthName });
            var found = await search.Content.ReadAsStringAsync();
            Assert.False(found.Contains(apiText) || found.Contains(pageText), $"{who} finds the note through the search");
        }
        Assert.Equal(2, await NoteCountAsync(file.FollowUpId.Value));

        // The author deletes a note: the row is gone.
        Assert.Equal(HttpStatusCode.NoContent, (await author.ApiSendAsync(HttpMethod.Delete, $"/api/v1/notes/{noteId}")).StatusCode);
        Assert.False(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().WorkingNotes.AnyAsync(n => n.Id == noteId)));
    }

    [Fact]
    public async Task A_nir_in_a_note_is_refused_on_the_page_and_in_the_api_and_nothing_is_saved()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var author = await StaffSession.LoginAsync(app, worker);
        const string text = "Attestation de sécurité sociale : 2 87 06 91 123 045 17.";
        Assert.True(Discret.Web.Features.Garde.Checksums.IsValidNir("287069112304517"));

        var page = await author.PostFormAsync($"/accompagnements/{file.FollowUpId}/notes", Form(("Input.Text", text)));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("NIR", await page.TextAsync());
        var api = await author.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/notes", new { text });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("NIR", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.Equal(0, await NoteCountAsync(file.FollowUpId!.Value));
    }

    [Fact]
    public async Task Closing_the_follow_up_deletes_its_notes()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var coWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker, [coWorker]);
        var author = await StaffSession.LoginAsync(app, worker);
        await AddNoteAsync(author, file.FollowUpId!.Value, "Rappeler pour le rendez-vous CAF.");
        await AddNoteAsync(await StaffSession.LoginAsync(app, coWorker), file.FollowUpId.Value, "Vérifier la date de la commission.");
        Assert.Equal(2, await NoteCountAsync(file.FollowUpId.Value));

        var closed = await author.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/cloture",
            new { version = await author.ApiVersionAsync(file.FollowUpId.Value), closedOn = Today });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(0, await NoteCountAsync(file.FollowUpId.Value));
        // and no new note on a closed follow-up
        var refused = await author.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/notes", new { text = "Encore une chose." });
        Assert.NotEqual(HttpStatusCode.Created, refused.StatusCode);
        Assert.Equal(0, await NoteCountAsync(file.FollowUpId.Value));
    }

    [Fact]
    public async Task The_purge_deletes_expired_notes_from_the_database_and_keeps_the_others()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var now = DateTime.UtcNow; // real time: notes of the other tests (6 months ahead) are left alone
        var expired = new WorkingNote(file.FollowUpId!.Value, worker.Id, "Ancienne note.", now.AddMonths(-7), now.AddMonths(-1));
        var expiringNow = new WorkingNote(file.FollowUpId.Value, worker.Id, "Note à échéance.", now.AddMonths(-6), now);
        var alive = new WorkingNote(file.FollowUpId.Value, worker.Id, "Note récente.", now.AddDays(-1), now.AddMonths(6));
        await app.WithDbAsync(async db =>
        {
            db.WorkingNotes.AddRange(expired, expiringNow, alive);
            await db.SaveChangesAsync();
        });

        var deleted = await app.WithAsync(sp => sp.GetRequiredService<ExpiredNotesPurge>().RunAsync(now));
        Assert.True(deleted >= 2);
        var left = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().WorkingNotes.AsNoTracking()
            .Where(n => n.FollowUpId == file.FollowUpId).Select(n => n.Id).ToListAsync());
        Assert.Equal([alive.Id], left);
    }
}
