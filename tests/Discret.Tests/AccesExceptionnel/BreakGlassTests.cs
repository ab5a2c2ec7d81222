using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.AccesExceptionnel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.AccesExceptionnel;

/// <summary>
/// Break-glass access ("accès exceptionnel") seen from the outside: a social worker opens a file of their
/// circonscription that they do not follow, with a reason and a justification; it is journaled, announced to the
/// referent and the DPO, shown by a banner, never reaches private notes, another circonscription or another role,
/// and is capped per week.
/// </summary>
[Collection(FollowUpsCollection.Name)]
public class BreakGlassTests(DiscretFactory app)
{
    private static string Marker() => new(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

    /// <summary>A justification that passes the guard, with a marker to look for where it must never be.</summary>
    private static string Justification(string marker) => $"Référente absente, la personne se présente pour son dossier logement {marker}.";

    private static Task<HttpResponseMessage> PostPageAsync(StaffSession session, Guid personId, string? reason, string? justification, bool confirm = false,
        string? pageUrl = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if (reason is not null) fields.Add(new("Input.Reason", reason));
        if (justification is not null) fields.Add(new("Input.Justification", justification));
        if (confirm) fields.Add(new("Input.ConfirmWarnings", "true"));
        return session.PostFormAsync($"/acces-exceptionnel/{personId}", fields, pageUrl ?? "/acces-exceptionnel");
    }

    private static Task<HttpResponseMessage> PostApiAsync(StaffSession session, Guid personId, string reason, string justification, bool confirm = false) =>
        session.ApiSendAsync(HttpMethod.Post, "/api/v1/acces-exceptionnel", new { personId, reason, justification, confirmWarnings = confirm });

    private Task<List<BreakGlassAccess>> AccessesAsync(Guid personId) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().BreakGlassAccesses.AsNoTracking().Where(b => b.PersonId == personId).ToListAsync());

    private Task<List<JournalEntry>> JournalAsync(Guid personId) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Seq).ToListAsync());

    private Task<List<Notification>> NotificationsAsync(Guid personId) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Notifications.AsNoTracking().Where(n => n.PersonId == personId).ToListAsync());

    private Task<List<Guid>> ActiveDposAsync() =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Users.Where(a => a.IsActive && a.Role == StaffRole.Dpo).Select(a => a.Id).ToListAsync());

    [Theory]
    [InlineData(StaffRole.Accueil)]
    [InlineData(StaffRole.Secretariat)]
    [InlineData(StaffRole.ResponsableCirconscription)]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.Dpo)]
    [InlineData(StaffRole.AdminTechnique)]
    public async Task Every_role_but_social_worker_gets_404_on_the_break_glass_pages_and_api(StaffRole role)
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
        var file = await app.CreateCaseAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync("/acces-exceptionnel")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/acces-exceptionnel/{file.PersonId}")).StatusCode);
        var api = await PostApiAsync(session, file.PersonId, "Remplacement", Justification(Marker()));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("href=\"/acces-exceptionnel\"", await session.Client.GetStringAsync("/"));
        Assert.Empty(await AccessesAsync(file.PersonId));
    }

    [Fact]
    public async Task The_reason_is_required_on_the_page_and_in_the_api()
    {
        var ts = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass));
        Assert.Contains("href=\"/acces-exceptionnel\"", await ts.Client.GetStringAsync("/")); // the menu link
        var file = await app.CreateCaseAsync(0);
        var page = await PostPageAsync(ts, file.PersonId, reason: "", justification: Justification(Marker()));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.TextAsync();
        Assert.Contains("Choisissez le motif de l'accès exceptionnel.", html);
        Assert.Contains("href=\"#Input_Reason\"", html); // the error summary links to the field

        var api = await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/acces-exceptionnel", new { personId = file.PersonId, justification = Justification(Marker()) });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var errors = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("motif", errors.GetProperty("reason")[0].GetString());
        Assert.Empty(await AccessesAsync(file.PersonId));
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
    }

    [Fact]
    public async Task A_one_character_justification_is_refused_with_a_clear_french_error()
    {
        var ts = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass));
        var file = await app.CreateCaseAsync(0);
        var page = await PostPageAsync(ts, file.PersonId, "Remplacement", "x");
        var html = await page.TextAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("La justification est trop courte (1 caractère)", html);
        Assert.Contains("au moins 15 caractères", html);
        var api = await PostApiAsync(ts, file.PersonId, "Remplacement", "x");
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("trop courte", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("justification")[0].GetString());
        Assert.Empty(await AccessesAsync(file.PersonId));
    }

    [Fact]
    public async Task A_nir_in_the_justification_is_refused_on_the_page_and_nothing_is_saved_nor_journaled()
    {
        var ts = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass));
        var file = await app.CreateCaseAsync(0);
        var body = "2870691123045";
        var nir = body + (97 - long.Parse(body) % 97).ToString("00");
        var page = await PostPageAsync(ts, file.PersonId, "Remplacement", $"Remplacement de la référente, NIR {nir}.", confirm: true);
        var html = await page.TextAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Rien n'a été enregistré.", html);
        Assert.Contains("NIR", html);
        Assert.Empty(await AccessesAsync(file.PersonId));
        Assert.DoesNotContain(await JournalAsync(file.PersonId), e => e.Action == JournalAction.AccesExceptionnel);
        Assert.Empty(await NotificationsAsync(file.PersonId));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(nir));
    }

    [Fact]
    public async Task Warned_words_need_the_confirmation_which_is_journaled_without_the_text()
    {
        var ts = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass));
        var file = await app.CreateCaseAsync(0);
        const string text = "Madame dit être dépressive depuis la séparation, la référente est absente.";
        var first = await PostPageAsync(ts, file.PersonId, "ReferentAbsentUrgence", text);
        var html = await first.TextAsync();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("dépressive", html);
        Assert.Contains("name=\"Input.ConfirmWarnings\"", html);
        Assert.Empty(await AccessesAsync(file.PersonId));

        var confirmed = await PostPageAsync(ts, file.PersonId, "ReferentAbsentUrgence", text, confirm: true);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Single(await AccessesAsync(file.PersonId));
        var warning = Assert.Single(await JournalAsync(file.PersonId), e => e.Action == JournalAction.AvertissementConfirme);
        Assert.StartsWith(BreakGlass.JustificationField + ":", warning.Detail);
        Assert.DoesNotContain("dépressive", warning.Detail);
    }

    [Fact]
    public async Task Opening_saves_one_access_one_journal_entry_without_content_and_notifies_the_referent_and_the_dpo_only()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var coWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var rc = await app.CreateAccountAsync(StaffRole.ResponsableCirconscription);
        var dpo = await app.CreateAccountAsync(StaffRole.Dpo);
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        var file = await app.CreateCaseAsync(0, referent, [coWorker]);
        var ts = await StaffSession.LoginAsync(app, worker);
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);

        var marker = Marker();
        var before = DateTime.UtcNow;
        var response = await PostPageAsync(ts, file.PersonId, "Remplacement", Justification(marker), pageUrl: $"/acces-exceptionnel/{file.PersonId}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/personnes/{file.PersonId}", response.Headers.Location?.OriginalString);

        var access = Assert.Single(await AccessesAsync(file.PersonId));
        Assert.Equal(worker.Id, access.AccountId);
        Assert.Equal(BreakGlassReason.Remplacement, access.Reason);
        Assert.Equal(Justification(marker), access.Justification);
        Assert.Equal(TimeSpan.FromHours(4), access.ExpiresAt - access.StartedAt);
        Assert.InRange(access.StartedAt, before.AddSeconds(-5), DateTime.UtcNow.AddSeconds(5));

        var journal = await JournalAsync(file.PersonId);
        var entry = Assert.Single(journal, e => e.Action == JournalAction.AccesExceptionnel);
        Assert.Equal(worker.Id, entry.AccountId);
        Assert.Equal(StaffRole.TravailleurSocial, entry.Role);
        Assert.Equal("Remplacement", entry.Purpose);
        Assert.Equal(access.Id, entry.Reference);
        Assert.Null(entry.Detail);
        foreach (var e in journal)
            foreach (var value in new[] { e.Detail, e.Purpose, e.Address })
            {
                Assert.DoesNotContain(marker, value ?? "");
                Assert.DoesNotContain(file.BirthName, value ?? "", StringComparison.OrdinalIgnoreCase);
            }

        var dpos = await ActiveDposAsync();
        Assert.Contains(dpo.Id, dpos);
        var notifications = await NotificationsAsync(file.PersonId);
        Assert.All(notifications, n => Assert.Equal(NotificationKind.AccesExceptionnel, n.Kind));
        Assert.All(notifications, n => Assert.Equal(access.Id, n.BreakGlassAccessId));
        Assert.All(notifications, n => Assert.Equal(worker.Id, n.ActorId));
        Assert.Equal(dpos.Append(referent.Id).Order().ToList(), notifications.Select(n => n.RecipientId).Order().ToList());
        Assert.DoesNotContain(notifications, n => n.RecipientId == coWorker.Id || n.RecipientId == rc.Id || n.RecipientId == worker.Id);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(marker));

        // In the app: the referent sees it (count in the menu, the page, the way to the file), not the justification;
        // the DPO sees the justification; someone else sees nothing; one's own only can be marked as read.
        var referentSession = await StaffSession.LoginAsync(app, referent);
        var home = await referentSession.Client.GetStringAsync("/");
        Assert.Contains("data-unread-count=\"1\"", home);
        var inbox = await referentSession.PageTextAsync("/notifications");
        Assert.Contains("a ouvert un accès exceptionnel", inbox);
        Assert.Contains("motif : Remplacement d'un collègue", inbox);
        Assert.Contains($"/personnes/{file.PersonId}", inbox);
        Assert.DoesNotContain(marker, inbox);
        var dpoInbox = await (await StaffSession.LoginAsync(app, dpo)).PageTextAsync("/notifications");
        Assert.Contains(marker, dpoInbox);
        var coWorkerSession = await StaffSession.LoginAsync(app, coWorker);
        Assert.DoesNotContain("a ouvert un accès exceptionnel", await coWorkerSession.PageTextAsync("/notifications"));

        var referentNotification = notifications.Single(n => n.RecipientId == referent.Id);
        var stolen = await coWorkerSession.PostFormAsync("/notifications?handler=Read", new Dictionary<string, string> { ["notificationId"] = referentNotification.Id.ToString() }, "/");
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        var read = await referentSession.PostFormAsync("/notifications?handler=Read", new Dictionary<string, string> { ["notificationId"] = referentNotification.Id.ToString() }, "/");
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        Assert.NotNull((await NotificationsAsync(file.PersonId)).Single(n => n.Id == referentNotification.Id).ReadAt);
        Assert.Null((await NotificationsAsync(file.PersonId)).Single(n => n.RecipientId == dpo.Id).ReadAt);
        Assert.DoesNotContain("data-unread-count", await referentSession.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task During_the_access_the_file_shows_the_banner_and_every_read_is_journaled_with_the_break_glass_purpose()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        var file = await app.CreateCaseAsync(0, referent);
        var ts = await StaffSession.LoginAsync(app, worker);
        var opened = await PostApiAsync(ts, file.PersonId, "PermanenceSansRendezVous", Justification(Marker()));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var body = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var accessId = body.GetProperty("id").GetGuid();
        Assert.Equal("PermanenceSansRendezVous", body.GetProperty("reason").GetString());
        var access = Assert.Single(await AccessesAsync(file.PersonId));
        Assert.Equal(accessId, access.Id);

        var page = await ts.PageTextAsync($"/personnes/{file.PersonId}");
        Assert.Contains($"Accès exceptionnel en cours jusqu'à {ParisTime.Time(access.ExpiresAt)}", page);
        Assert.Contains("motif : Permanence sans rendez-vous. Chaque consultation est tracée.", page);
        Assert.Contains(TestCase.InterviewSummary, page); // the whole file, as to an assigned worker
        var followUpPage = await ts.PageTextAsync($"/accompagnements/{file.FollowUpId}");
        Assert.Contains("Accès exceptionnel en cours jusqu'à", followUpPage);
        var api = await ts.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personnes/{file.PersonId}");
        Assert.DoesNotContain(api.GetProperty("readableGroups").EnumerateArray(), g => g.GetString() == "NotesPersonnelles");

        // Not on a page of another file, nor for the referent.
        var ownFile = await app.CreateCaseAsync(0, worker);
        Assert.DoesNotContain("Accès exceptionnel en cours", await ts.PageTextAsync($"/personnes/{ownFile.PersonId}"));
        Assert.DoesNotContain("Accès exceptionnel en cours", await (await StaffSession.LoginAsync(app, referent)).PageTextAsync($"/personnes/{file.PersonId}"));

        var reads = (await JournalAsync(file.PersonId)).Where(e => e.Action == JournalAction.Lecture && e.AccountId == worker.Id).ToList();
        Assert.True(reads.Count >= 2, $"{reads.Count} lectures journalisées");
        Assert.All(reads, e =>
        {
            Assert.Equal("AccesExceptionnel", e.Purpose);
            Assert.Equal(accessId, e.Reference);
        });
        var referentRead = (await JournalAsync(file.PersonId)).Last(e => e.Action == JournalAction.Lecture && e.AccountId == referent.Id);
        Assert.Null(referentRead.Purpose);
    }

    [Fact]
    public async Task Private_notes_of_another_worker_stay_invisible_through_break_glass_on_pages_and_api()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        var file = await app.CreateCaseAsync(0, referent);
        var author = await StaffSession.LoginAsync(app, referent);
        var noteText = "Rappeler le bailleur Vrentaxe" + Marker();
        var note = await author.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/notes", new { text = noteText });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        var noteId = (await note.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var ts = await StaffSession.LoginAsync(app, worker);
        Assert.Equal(HttpStatusCode.Created, (await PostApiAsync(ts, file.PersonId, "ReferentAbsentUrgence", Justification(Marker()))).StatusCode);

        Assert.DoesNotContain(noteText, await ts.PageTextAsync($"/personnes/{file.PersonId}"));
        Assert.DoesNotContain(noteText, await ts.PageTextAsync($"/accompagnements/{file.FollowUpId}"));
        var notesPage = await ts.Client.GetAsync($"/accompagnements/{file.FollowUpId}/notes");
        Assert.DoesNotContain(noteText, await notesPage.TextAsync());
        var notesApi = await ts.Client.GetAsync($"/api/v1/accompagnements/{file.FollowUpId}/notes");
        Assert.DoesNotContain(noteText, await notesApi.Content.ReadAsStringAsync());
        Assert.DoesNotContain(noteText, await ts.Client.GetStringAsync($"/api/v1/personnes/{file.PersonId}"));
        Assert.DoesNotContain(noteText, await ts.Client.GetStringAsync($"/api/v1/accompagnements/{file.FollowUpId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await ts.ApiSendAsync(HttpMethod.Delete, $"/api/v1/notes/{noteId}")).StatusCode);
        Assert.Contains(noteText, await author.PageTextAsync($"/accompagnements/{file.FollowUpId}/notes")); // still there for its author
    }

    [Fact]
    public async Task A_person_of_another_circonscription_is_refused_with_a_clear_message_and_journaled()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 0, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        var elsewhere = await app.CreateCaseAsync(1, await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1));
        var ts = await StaffSession.LoginAsync(app, worker);
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/acces-exceptionnel/{elsewhere.PersonId}")).StatusCode);

        var page = await PostPageAsync(ts, elsewhere.PersonId, "ReferentAbsentUrgence", Justification(Marker()));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(BreakGlass.OtherCirconscriptionMessage, await page.TextAsync());
        var api = await PostApiAsync(ts, elsewhere.PersonId, "ReferentAbsentUrgence", Justification(Marker()));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Accès exceptionnel refusé", problem.GetProperty("title").GetString());
        Assert.Equal(BreakGlass.OtherCirconscriptionMessage, problem.GetProperty("detail").GetString());

        Assert.Empty(await AccessesAsync(elsewhere.PersonId));
        Assert.Empty(await NotificationsAsync(elsewhere.PersonId));
        var refusals = (await JournalAsync(elsewhere.PersonId)).Where(e => e.Action == JournalAction.AccesExceptionnelRefuse).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, e => Assert.Equal(worker.Id, e.AccountId));
        Assert.All(refusals, e => Assert.Equal("ReferentAbsentUrgence", e.Purpose));
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/personnes/{elsewhere.PersonId}")).StatusCode);
    }

    [Fact]
    public async Task Forged_or_replayed_requests_get_a_clear_answer_and_open_nothing_more()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        var file = await app.CreateCaseAsync(0, referent);
        var ts = await StaffSession.LoginAsync(app, worker);

        // A person that does not exist.
        var unknown = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/acces-exceptionnel/{unknown}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostPageAsync(ts, unknown, "Remplacement", Justification(Marker()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostApiAsync(ts, unknown, "Remplacement", Justification(Marker()))).StatusCode);

        // No antiforgery token: the page and the API refuse, nothing is opened.
        var noToken = await ts.Client.PostAsync($"/acces-exceptionnel/{file.PersonId}", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Input.Reason"] = "Remplacement", ["Input.Justification"] = Justification(Marker()) }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        var apiNoToken = await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/acces-exceptionnel",
            new { personId = file.PersonId, reason = "Remplacement", justification = Justification(Marker()) }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, apiNoToken.StatusCode);
        Assert.Contains("anti-falsification", await apiNoToken.Content.ReadAsStringAsync());
        Assert.Empty(await AccessesAsync(file.PersonId));

        // Posted again while it runs: said to be open already, nothing extended.
        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(ts, file.PersonId, "Remplacement", Justification(Marker()))).StatusCode);
        var first = Assert.Single(await AccessesAsync(file.PersonId));
        var again = await PostPageAsync(ts, file.PersonId, "Remplacement", Justification(Marker()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains($"déjà ouvert jusqu'à {ParisTime.Time(first.ExpiresAt)}", await again.TextAsync());
        var apiAgain = await PostApiAsync(ts, file.PersonId, "Remplacement", Justification(Marker()));
        Assert.Equal(HttpStatusCode.Conflict, apiAgain.StatusCode);
        Assert.Contains("déjà ouvert", await apiAgain.Content.ReadAsStringAsync());
        Assert.Contains("déjà ouvert", await ts.PageTextAsync($"/acces-exceptionnel/{file.PersonId}"));
        var still = Assert.Single(await AccessesAsync(file.PersonId));
        Assert.Equal(first.ExpiresAt, still.ExpiresAt);
        Assert.Single(await JournalAsync(file.PersonId), e => e.Action == JournalAction.AccesExceptionnel);

        // The referent needs none: told the file is already theirs.
        var referentSession = await StaffSession.LoginAsync(app, referent);
        var own = await PostApiAsync(referentSession, file.PersonId, "Remplacement", Justification(Marker()));
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Contains("déjà cette personne", await own.Content.ReadAsStringAsync());
        Assert.Single(await AccessesAsync(file.PersonId));
    }

    [Fact]
    public async Task A_running_access_does_not_follow_the_worker_to_another_circonscription()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 0, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        var file = await app.CreateCaseAsync(0);
        var ts = await StaffSession.LoginAsync(app, worker);
        Assert.Equal(HttpStatusCode.Created, (await PostApiAsync(ts, file.PersonId, "Remplacement", Justification(Marker()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ts.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);

        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var otherCirconscription = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Circonscriptions.OrderBy(c => c.Name).Skip(1).Select(c => c.Id).FirstAsync());
        var moved = await admin.ApiSendAsync(HttpMethod.Put, $"/api/v1/admin/comptes/{worker.Id}/affectation",
            new { role = "TravailleurSocial", circonscriptionId = otherCirconscription });
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());

        var again = await StaffSession.LoginAsync(app, worker);
        Assert.Single(await AccessesAsync(file.PersonId), b => b.ActiveAt(DateTime.UtcNow)); // still running, yet useless
        Assert.Equal(HttpStatusCode.NotFound, (await again.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await again.Client.GetAsync($"/api/v1/personnes/{file.PersonId}")).StatusCode);
    }

    [Fact]
    public async Task Beyond_the_weekly_limit_the_access_is_refused_journaled_and_every_dpo_is_warned()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        var dpo = await app.CreateAccountAsync(StaffRole.Dpo);
        var ts = await StaffSession.LoginAsync(app, worker);
        for (var i = 0; i < 3; i++)
        {
            var allowed = await app.CreateCaseAsync(0);
            Assert.Equal(HttpStatusCode.Created, (await PostApiAsync(ts, allowed.PersonId, "DemandeDeLaPersonne", Justification(Marker()))).StatusCode);
        }
        var fourth = await app.CreateCaseAsync(0);
        var refused = await PostApiAsync(ts, fourth.PersonId, "DemandeDeLaPersonne", Justification(Marker()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("7 derniers jours", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var page = await PostPageAsync(ts, fourth.PersonId, "DemandeDeLaPersonne", Justification(Marker()));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Accès exceptionnel refusé : vous avez déjà ouvert 3 accès exceptionnel(s)", await page.TextAsync());

        Assert.Empty(await AccessesAsync(fourth.PersonId));
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/personnes/{fourth.PersonId}")).StatusCode);
        var refusals = (await JournalAsync(fourth.PersonId)).Where(e => e.Action == JournalAction.AccesExceptionnelRefuse).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, e => Assert.Equal("seuil hebdomadaire", e.Detail));
        var warnings = await NotificationsAsync(fourth.PersonId);
        Assert.All(warnings, n => Assert.Equal(NotificationKind.SeuilAccesExceptionnel, n.Kind));
        Assert.All(warnings, n => Assert.Equal(worker.Id, n.ActorId));
        var dpos = await ActiveDposAsync();
        Assert.Equal(dpos.Concat(dpos).Order().ToList(), warnings.Select(n => n.RecipientId).Order().ToList()); // each DPO, at each refusal
        Assert.Contains("au-delà du nombre prévu sur 7 jours", await (await StaffSession.LoginAsync(app, dpo)).PageTextAsync("/notifications"));
    }

    [Fact]
    public async Task The_search_covers_the_workers_circonscription_only_keeps_names_out_of_urls_and_is_journaled_as_a_count()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 0, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        var name = "Brisvitre" + Marker();
        var mine = await app.CreateCaseAsync(0, birthName: name);
        var elsewhere = await app.CreateCaseAsync(1, birthName: name);
        var ts = await StaffSession.LoginAsync(app, worker);
        var response = await ts.PostFormAsync("/acces-exceptionnel", new Dictionary<string, string> { ["Input.Name"] = name.ToLowerInvariant(), ["Input.FirstName"] = "alex" });
        var html = await response.TextAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"href=\"/acces-exceptionnel/{mine.PersonId}\"", html);
        Assert.DoesNotContain(elsewhere.PersonId.ToString(), html);
        Assert.Contains("17/05/1980", html);
        Assert.DoesNotContain("06 00 00 00 01", html); // name and birth date only

        var entry = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .Where(e => e.AccountId == worker.Id && e.Action == JournalAction.Recherche).SingleAsync());
        Assert.Equal("1 résultats", entry.Detail);
        Assert.Equal("AccesExceptionnel", entry.Purpose);
        Assert.Null(entry.PersonId);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(name, StringComparison.OrdinalIgnoreCase));

        var empty = await ts.PostFormAsync("/acces-exceptionnel", new Dictionary<string, string> { ["Input.Name"] = "", ["Input.FirstName"] = "Alex" });
        Assert.Contains("Saisissez au moins les 3 premières lettres du nom", await empty.TextAsync());
    }
}
