using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.Conservation;
using Discret.Web.Features.Droits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Accompagnements;

/// <summary>
/// Correcting an interview, from the outside: its author corrects it within 7 days of recording it, the previous text
/// kept in a history only the author reads and in the person's access export; later, only a dated addendum, which
/// leaves the text as it was. Bad input saves nothing; every other account finds no trace (404).
/// </summary>
[Collection(FollowUpsCollection.Name)]
public class InterviewCorrectionTests(DiscretFactory app)
{
    private const string Nir = "Attestation de sécurité sociale : 2 87 06 91 123 045 17.";

    private Task<Guid> InterviewIdAsync(Guid followUpId) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Interviews.Where(i => i.FollowUpId == followUpId).Select(i => i.Id).SingleAsync());

    private Task<string?> SummaryAsync(Guid interviewId) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Interviews.Where(i => i.Id == interviewId).Select(i => i.Summary).SingleAsync());

    private Task<(int Revisions, int Addenda)> CountsAsync(Guid interviewId) =>
        app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            return (await db.InterviewRevisions.CountAsync(r => r.InterviewId == interviewId), await db.InterviewAddenda.CountAsync(a => a.InterviewId == interviewId));
        });

    /// <summary>Moves the interview's recording back in time, past the correction window.</summary>
    private Task RecordedDaysAgoAsync(Guid interviewId, int days) =>
        app.WithDbAsync(db => db.Interviews.Where(i => i.Id == interviewId).ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAt, DateTime.UtcNow.AddDays(-days))));

    private static async Task<int> VersionAsync(StaffSession session, Guid interviewId) =>
        (await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/entretiens/{interviewId}")).GetProperty("version").GetInt32();

    private static async Task<string> ErrorAsync(HttpResponseMessage response, string field) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task The_author_corrects_within_the_window_and_only_she_and_the_access_export_see_the_previous_text()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var coWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker, [coWorker]);
        var interviewId = await InterviewIdAsync(file.FollowUpId!.Value);
        var original = await SummaryAsync(interviewId);
        var author = await StaffSession.LoginAsync(app, worker);
        var corrected = "Démarches logement engagées, rendez-vous bailleur pris " + Guid.NewGuid().ToString("N")[..6];

        var put = await author.ApiSendAsync(HttpMethod.Put, $"/api/v1/entretiens/{interviewId}", new { version = await VersionAsync(author, interviewId), summary = corrected });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(corrected, await SummaryAsync(interviewId));

        // The author: the page offers the correction and shows her history with the previous text.
        var page = await author.PageTextAsync($"/entretiens/{interviewId}");
        Assert.Contains(corrected, page);
        Assert.Contains("Historique de vos corrections", page);
        Assert.Contains(original!, page);
        var history = await author.Client.GetFromJsonAsync<JsonElement>($"/api/v1/entretiens/{interviewId}/historique");
        Assert.Equal(original, history[0].GetProperty("previous").GetString());

        // The co-worker reads the interview and may add to it, but neither corrects it nor sees the history.
        var co = await StaffSession.LoginAsync(app, coWorker);
        var coPage = await co.PageTextAsync($"/entretiens/{interviewId}");
        Assert.Contains(corrected, coPage);
        Assert.DoesNotContain(original!, coPage);
        Assert.Contains("Ajouter un complément", coPage);
        Assert.Equal(HttpStatusCode.NotFound, (await co.Client.GetAsync($"/api/v1/entretiens/{interviewId}/historique")).StatusCode);
        var coPut = await co.ApiSendAsync(HttpMethod.Put, $"/api/v1/entretiens/{interviewId}", new { version = 1, summary = "Autre texte de synthèse" });
        Assert.Equal(HttpStatusCode.NotFound, coPut.StatusCode);
        Assert.Equal(corrected, await SummaryAsync(interviewId));

        // Journaled as a write, groups only, never the text.
        var entries = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .Where(e => e.PersonId == file.PersonId && e.Action == JournalAction.Ecriture && e.Reference == interviewId).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal("correction d'entretien: Entretiens", entry.Detail);

        // The person's access export holds the text replaced.
        var document = await app.WithAsync(sp => sp.GetRequiredService<AccessExport>().BuildAsync(file.PersonId, Guid.NewGuid()));
        var replaced = Assert.Single(document!.Sections, s => s.Entity == "InterviewRevision");
        Assert.Contains(replaced.Items.SelectMany(i => i.Fields), f => f.Value == original);
    }

    [Fact]
    public async Task After_the_window_a_correction_is_refused_next_to_the_field_and_an_addendum_leaves_the_text_as_it_was()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var interviewId = await InterviewIdAsync(file.FollowUpId!.Value);
        await RecordedDaysAgoAsync(interviewId, 8);
        var original = await SummaryAsync(interviewId);
        var author = await StaffSession.LoginAsync(app, worker);
        var version = await VersionAsync(author, interviewId);

        var put = await author.ApiSendAsync(HttpMethod.Put, $"/api/v1/entretiens/{interviewId}", new { version, summary = "Texte corrigé trop tard" });
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("délai de correction est passé", await ErrorAsync(put, "summary"));
        var page = await author.PostFormAsync($"/entretiens/{interviewId}?handler=Correct",
            Form(("Input.Version", version.ToString()), ("Input.Summary", "Texte corrigé trop tard")), $"/entretiens/{interviewId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("délai de correction est passé", await page.TextAsync());
        Assert.Equal(original, await SummaryAsync(interviewId));

        var shown = await author.PageTextAsync($"/entretiens/{interviewId}");
        Assert.DoesNotContain("Enregistrer la correction", shown);
        var addendum = "Le bailleur a confirmé le rendez-vous " + Guid.NewGuid().ToString("N")[..6];
        var created = await author.ApiSendAsync(HttpMethod.Post, $"/api/v1/entretiens/{interviewId}/complements", new { text = addendum });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var viaPage = await author.PostFormAsync($"/entretiens/{interviewId}?handler=Add", Form(("Addendum.Text", addendum + " (page)")), $"/entretiens/{interviewId}");
        Assert.Equal(HttpStatusCode.Redirect, viaPage.StatusCode);

        Assert.Equal(original, await SummaryAsync(interviewId));
        Assert.Equal((0, 2), await CountsAsync(interviewId));
        var after = await author.PageTextAsync($"/entretiens/{interviewId}");
        Assert.Contains("Complément du ", after);
        Assert.Contains(addendum, after);
        Assert.Equal(2, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries
            .CountAsync(e => e.PersonId == file.PersonId && e.Action == JournalAction.Ecriture && e.Detail == "complément d'entretien: Entretiens")));
    }

    [Fact]
    public async Task An_empty_text_a_nir_or_a_stale_version_saves_nothing_and_says_why_in_french()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var interviewId = await InterviewIdAsync(file.FollowUpId!.Value);
        var original = await SummaryAsync(interviewId);
        var author = await StaffSession.LoginAsync(app, worker);
        var version = await VersionAsync(author, interviewId);
        var url = $"/api/v1/entretiens/{interviewId}";

        var empty = await author.ApiSendAsync(HttpMethod.Put, url, new { version, summary = "   " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("ne peut pas être vide", await ErrorAsync(empty, "summary"));
        var nir = await author.ApiSendAsync(HttpMethod.Put, url, new { version, summary = Nir });
        Assert.Equal(HttpStatusCode.BadRequest, nir.StatusCode);
        Assert.Contains("NIR", await ErrorAsync(nir, "summary"));
        var nirPage = await author.PostFormAsync($"/entretiens/{interviewId}?handler=Correct",
            Form(("Input.Version", version.ToString()), ("Input.Summary", Nir)), $"/entretiens/{interviewId}");
        Assert.Equal(HttpStatusCode.OK, nirPage.StatusCode);
        Assert.Contains("NIR", await nirPage.TextAsync());
        var nirAddendum = await author.ApiSendAsync(HttpMethod.Post, url + "/complements", new { text = Nir });
        Assert.Equal(HttpStatusCode.BadRequest, nirAddendum.StatusCode);
        var emptyAddendum = await author.ApiSendAsync(HttpMethod.Post, url + "/complements", new { text = "" });
        Assert.Contains("ne peut pas être vide", await ErrorAsync(emptyAddendum, "text"));

        // Two corrections from the same version: the second is a conflict, the first stays.
        Assert.Equal(HttpStatusCode.OK, (await author.ApiSendAsync(HttpMethod.Put, url, new { version, summary = "Première correction de la synthèse" })).StatusCode);
        var stale = await author.ApiSendAsync(HttpMethod.Put, url, new { version, summary = "Seconde correction de la synthèse" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var stalePage = await author.PostFormAsync($"/entretiens/{interviewId}?handler=Correct",
            Form(("Input.Version", version.ToString()), ("Input.Summary", "Seconde correction de la synthèse")), $"/entretiens/{interviewId}");
        Assert.Equal(HttpStatusCode.OK, stalePage.StatusCode);
        Assert.Contains("corrigé pendant votre saisie", await stalePage.TextAsync());

        Assert.Equal("Première correction de la synthèse", await SummaryAsync(interviewId));
        Assert.Equal((1, 0), await CountsAsync(interviewId));
        Assert.NotEqual(original, await SummaryAsync(interviewId));
    }

    [Fact]
    public async Task Every_account_outside_the_follow_up_gets_404_on_the_interview_its_history_its_correction_and_its_addenda()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var interviewId = await InterviewIdAsync(file.FollowUpId!.Value);
        var others = new List<(string Who, StaffSession Session)>
        {
            ("autre TS", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial))),
        };
        foreach (var role in new[] { StaffRole.ResponsableCirconscription, StaffRole.Secretariat, StaffRole.Accueil, StaffRole.Dpo, StaffRole.AdminTechnique, StaffRole.Direction })
            others.Add((role.ToString(), await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role))));

        foreach (var (who, session) in others)
        {
            foreach (var get in new[] { $"/entretiens/{interviewId}", $"/api/v1/entretiens/{interviewId}", $"/api/v1/entretiens/{interviewId}/historique" })
                Assert.True((await session.Client.GetAsync(get)).StatusCode == HttpStatusCode.NotFound, $"{who} GET {get}");
            var put = await session.ApiSendAsync(HttpMethod.Put, $"/api/v1/entretiens/{interviewId}", new { version = 0, summary = "Texte d'un autre compte" });
            Assert.True(put.StatusCode == HttpStatusCode.NotFound, $"{who} PUT: {(int)put.StatusCode}");
            var post = await session.ApiSendAsync(HttpMethod.Post, $"/api/v1/entretiens/{interviewId}/complements", new { text = "Complément d'un autre compte" });
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"{who} POST: {(int)post.StatusCode}");
        }
        Assert.Equal((0, 0), await CountsAsync(interviewId));
    }

    [Fact]
    public async Task Deleting_the_person_deletes_the_corrections_history_and_the_addenda()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var interviewId = await InterviewIdAsync(file.FollowUpId!.Value);
        var author = await StaffSession.LoginAsync(app, worker);
        Assert.Equal(HttpStatusCode.OK, (await author.ApiSendAsync(HttpMethod.Put, $"/api/v1/entretiens/{interviewId}",
            new { version = await VersionAsync(author, interviewId), summary = "Synthèse corrigée avant suppression" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await author.ApiSendAsync(HttpMethod.Post, $"/api/v1/entretiens/{interviewId}/complements",
            new { text = "Complément avant suppression" })).StatusCode);
        Assert.Equal((1, 1), await CountsAsync(interviewId));

        await app.WithDbAsync(db => PersonDeletion.DeleteAsync(db, [file.PersonId], CancellationToken.None));
        Assert.Equal((0, 0), await CountsAsync(interviewId));
    }
}
