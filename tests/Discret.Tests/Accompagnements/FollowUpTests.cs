using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Domain.Accounts;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Accompagnements;

[Collection(FollowUpsCollection.Name)]
public class FollowUpTests(DiscretFactory app)
{
    private const string ClosedRefusal = "Cet accompagnement est clos : on ne peut plus y ajouter d'entretien.";

    [Fact]
    public async Task A_worker_assigned_by_the_head_of_circonscription_finds_and_opens_the_file_and_a_colleague_does_not()
    {
        var rcAccount = await app.CreateAccountAsync(StaffRole.ResponsableCirconscription);
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var coWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, birthName) = await app.CreatePersonAsync();
        var rc = await StaffSession.LoginAsync(app, rcAccount);
        var ts = await StaffSession.LoginAsync(app, referent);
        var colleague = await StaffSession.LoginAsync(app, coWorker);

        var search = Form(("Input.Name", birthName));
        Assert.DoesNotContain($"/personnes/{personId}", await (await ts.PostFormAsync("/personnes", search)).TextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/personnes/{personId}")).StatusCode);

        var openPage = await rc.PageTextAsync($"/personnes/{personId}/accompagnements/nouveau");
        Assert.Contains(referent.Login, openPage);
        var opened = await rc.PostFormAsync($"/personnes/{personId}/accompagnements/nouveau", Form(
            ("Input.ReferentId", referent.Id.ToString()), ("Input.Motives", "Logement"), ("Input.Motives", "BudgetEtDettes"), ("Input.Source", "Personne")));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/personnes/{personId}", opened.Headers.Location?.OriginalString);

        Assert.Contains($"/personnes/{personId}", await (await ts.PostFormAsync("/personnes", search)).TextAsync());
        var file = await ts.Client.GetAsync($"/personnes/{personId}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Contains("Budget et dettes", await file.TextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.Client.GetAsync($"/personnes/{personId}")).StatusCode);
        Assert.DoesNotContain($"/personnes/{personId}", await (await colleague.PostFormAsync("/personnes", search)).TextAsync());

        // The head of circonscription then adds the colleague to the team: the file opens for them too.
        var followUpId = OnlyFollowUp(personId);
        var teamUrl = $"/accompagnements/{followUpId}/equipe";
        var version = FormVersion(await rc.Client.GetStringAsync(teamUrl));
        var assigned = await rc.PostFormAsync(teamUrl, Form(("Input.Version", version.ToString()), ("Input.ReferentId", referent.Id.ToString()),
            ("Input.CoWorkerIds", coWorker.Id.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await colleague.Client.GetAsync($"/personnes/{personId}")).StatusCode);
        Assert.Equal([coWorker.Id], await app.WithFollowUpAsync(followUpId, f => f.Team.Select(m => m.StaffAccountId).ToArray()));
    }

    private Guid OnlyFollowUp(Guid personId) =>
        app.With(sp => ((Discret.Data.DiscretDbContext)sp.GetService(typeof(Discret.Data.DiscretDbContext))!)
            .FollowUps.Where(f => f.PersonId == personId).Select(f => f.Id).Single());

    [Fact]
    public async Task Opening_a_follow_up_without_motive_or_provenance_is_refused_in_french_and_saves_nothing()
    {
        var rcAccount = await app.CreateAccountAsync(StaffRole.ResponsableCirconscription);
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        var rc = await StaffSession.LoginAsync(app, rcAccount);

        var page = await rc.PostFormAsync($"/personnes/{personId}/accompagnements/nouveau", Form(("Input.ReferentId", referent.Id.ToString())));
        var html = await page.TextAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Cochez au moins un motif", html);
        Assert.Contains("Indiquez d'où vient l'information.", html);

        var api = await rc.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{personId}/accompagnements",
            new { referentId = referent.Id, motives = Array.Empty<string>(), source = "Tiers" });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var errors = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("motif", errors.GetProperty("motives")[0].GetString());
        Assert.Contains("tiers", errors.GetProperty("thirdParty")[0].GetString());
        Assert.Equal(0, await app.WithAsync(async sp =>
        {
            var db = (Discret.Data.DiscretDbContext)sp.GetService(typeof(Discret.Data.DiscretDbContext))!;
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.FollowUps, f => f.PersonId == personId);
        }));
    }

    [Fact]
    public async Task A_worker_records_an_interview_reported_by_a_third_party_and_the_file_shows_it_unverified()
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        var followUpId = await rc.OpenFollowUpAsync(personId, worker.Id);
        var ts = await StaffSession.LoginAsync(app, worker);

        var url = $"/accompagnements/{followUpId}/entretiens/nouveau";
        Assert.Contains("Saisir un entretien", await ts.PageTextAsync(url));
        var saved = await ts.PostFormAsync(url, Form(("Input.OccurredOn", Today), ("Input.Kind", "VisiteADomicile"),
            ("Input.ParticipantMemberIds", personId.ToString()), ("Input.Motives", "Logement"), ("Input.Actions", "DossierLogement"),
            ("Input.Summary", "Le voisinage signale un dégât des eaux dans le logement."), ("Input.Source", "Tiers"), ("Input.ThirdParty", "Voisinage")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/personnes/{personId}", saved.Headers.Location?.OriginalString);

        var file = await ts.PageTextAsync($"/personnes/{personId}");
        Assert.Contains("Le voisinage signale un dégât des eaux", file);
        Assert.Contains("Signalé par un tiers (voisinage) — non vérifié", file);
        Assert.Equal(1, await app.InterviewCountAsync(followUpId));
    }

    [Fact]
    public async Task An_interview_on_a_closed_follow_up_is_refused_by_page_and_api_and_nothing_is_saved()
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        await rc.OpenFollowUpAsync(personId, worker.Id); // still open: the worker keeps access to the file
        var closedId = await rc.OpenFollowUpAsync(personId, worker.Id);
        var ts = await StaffSession.LoginAsync(app, worker);
        var close = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{closedId}/cloture",
            new { version = await ts.ApiVersionAsync(closedId), closedOn = Today });
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);

        var url = $"/accompagnements/{closedId}/entretiens/nouveau";
        Assert.Contains(ClosedRefusal, await ts.PageTextAsync(url));
        var page = await ts.PostFormAsync(url, Form(("Input.OccurredOn", Today), ("Input.Kind", "Permanence"), ("Input.Source", "Personne")), pageUrl: "/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(ClosedRefusal, await page.TextAsync());

        var api = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{closedId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", source = "Personne" });
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Contains("clos", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(0, await app.InterviewCountAsync(closedId));
    }

    [Fact]
    public async Task A_summary_over_1000_characters_is_refused_in_french_kept_whole_in_the_form_and_nothing_is_saved()
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        var followUpId = await rc.OpenFollowUpAsync(personId, worker.Id);
        var ts = await StaffSession.LoginAsync(app, worker);
        var summary = string.Concat(Enumerable.Repeat("Démarche logement. ", 53)).Trim() + "Z"; // 1,007 characters, ends with a marker

        var url = $"/accompagnements/{followUpId}/entretiens/nouveau";
        var page = await ts.PostFormAsync(url, Form(("Input.OccurredOn", Today), ("Input.Kind", "Permanence"), ("Input.Summary", summary), ("Input.Source", "Personne")));
        var html = await page.TextAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"La synthèse compte {summary.Length} caractères : elle doit en compter 1 000 au plus.", html);
        Assert.Contains(summary, html);

        var api = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{followUpId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", summary, source = "Personne" });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("1 000 au plus", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("summary")[0].GetString());
        Assert.Equal(0, await app.InterviewCountAsync(followUpId));
    }

    [Fact]
    public async Task An_interview_dated_in_the_future_is_refused_and_nothing_is_saved()
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        var followUpId = await rc.OpenFollowUpAsync(personId, worker.Id);
        var ts = await StaffSession.LoginAsync(app, worker);
        var future = ParisTime.Today(TimeProvider.System).AddDays(2).ToString("yyyy-MM-dd");

        var page = await ts.PostFormAsync($"/accompagnements/{followUpId}/entretiens/nouveau",
            Form(("Input.OccurredOn", future), ("Input.Kind", "Telephone"), ("Input.Source", "Personne")));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("La date de l'entretien ne peut pas être dans le futur.", await page.TextAsync());

        var api = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{followUpId}/entretiens",
            new { occurredOn = future, kind = "Telephone", source = "Personne" });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.True((await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("occurredOn", out _));
        var yesterday = ParisTime.Today(TimeProvider.System).AddDays(-1).ToString("yyyy-MM-dd");
        var beforeOpening = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{followUpId}/entretiens",
            new { occurredOn = yesterday, kind = "Telephone", source = "Personne" });
        Assert.Equal(HttpStatusCode.BadRequest, beforeOpening.StatusCode);
        Assert.Contains("précéder l'ouverture", (await beforeOpening.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("occurredOn")[0].GetString());
        Assert.Equal(0, await app.InterviewCountAsync(followUpId));
    }

    [Fact]
    public async Task Only_members_of_the_persons_household_can_be_recorded_as_present_and_the_api_records_a_valid_interview()
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        var (stranger, _) = await app.CreatePersonAsync();
        var followUpId = await rc.OpenFollowUpAsync(personId, worker.Id);
        var ts = await StaffSession.LoginAsync(app, worker);
        var url = $"/api/v1/accompagnements/{followUpId}/entretiens";

        var refused = await ts.ApiSendAsync(HttpMethod.Post, url, new { occurredOn = Today, kind = "RendezVous", participantMemberIds = new[] { stranger }, source = "Personne" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ménage", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("participantMemberIds")[0].GetString());
        Assert.Equal(0, await app.InterviewCountAsync(followUpId));

        var saved = await ts.ApiSendAsync(HttpMethod.Post, url, new { occurredOn = Today, kind = "RendezVous", participantMemberIds = new[] { personId },
            motives = new[] { "Logement" }, actions = new[] { "OrientationPartenaire" }, summary = "Orientation vers l'ADIL.", source = "Partenaire", partnerName = "CCAS" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(1, await app.InterviewCountAsync(followUpId));
        Assert.Contains("Transmis par un partenaire : CCAS", await ts.PageTextAsync($"/personnes/{personId}"));
    }

    [Fact]
    public async Task A_worker_closing_their_only_follow_up_is_sent_back_to_the_search_having_lost_access_to_the_file()
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        var followUpId = await rc.OpenFollowUpAsync(personId, worker.Id);
        var ts = await StaffSession.LoginAsync(app, worker);
        var url = $"/accompagnements/{followUpId}";

        var html = await ts.Client.GetStringAsync(url);
        var closed = await ts.PostFormAsync(url + "?handler=Close", Form(("Input.Version", FormVersion(html).ToString()), ("Closing.ClosedOn", Today)), pageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal("/personnes", closed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/personnes/{personId}")).StatusCode);
    }

    [Fact]
    public async Task A_second_head_saving_a_stale_team_form_gets_the_conflict_message_with_input_kept_and_the_first_change_stays()
    {
        var first = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var second = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var original = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var chosenByFirst = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var chosenBySecond = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        var followUpId = await first.OpenFollowUpAsync(personId, original.Id);
        var url = $"/accompagnements/{followUpId}/equipe";

        var firstVersion = FormVersion(await first.Client.GetStringAsync(url));
        var secondVersion = FormVersion(await second.Client.GetStringAsync(url));
        var saved = await first.PostFormAsync(url, Form(("Input.Version", firstVersion.ToString()), ("Input.ReferentId", chosenByFirst.Id.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stale = await second.PostFormAsync(url, Form(("Input.Version", secondVersion.ToString()), ("Input.ReferentId", chosenBySecond.Id.ToString()),
            ("Input.CoWorkerIds", original.Id.ToString())));
        var html = await stale.TextAsync();
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("Cet accompagnement a été modifié par quelqu'un d'autre pendant votre saisie", html);
        Assert.Contains($"<option value=\"{chosenBySecond.Id}\" selected>", html);
        Assert.Contains($"value=\"{original.Id}\" checked>", html);
        Assert.Equal(chosenByFirst.Id, await app.WithFollowUpAsync(followUpId, f => f.ReferentId));
        Assert.Empty(await app.WithFollowUpAsync(followUpId, f => f.Team.ToList()));

        // Having seen the current values, the second head may save deliberately: the form now carries the current version.
        Assert.Equal(secondVersion + 1, FormVersion(html));
    }

    [Fact]
    public async Task A_stale_version_sent_to_the_api_answers_409_and_changes_nothing()
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var other = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        var followUpId = await rc.OpenFollowUpAsync(personId, worker.Id);
        var version = await rc.ApiVersionAsync(followUpId);

        var first = await rc.ApiSendAsync(HttpMethod.Put, $"/api/v1/accompagnements/{followUpId}/equipe", new { version, referentId = worker.Id, coWorkerIds = new[] { other.Id } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stale = await rc.ApiSendAsync(HttpMethod.Put, $"/api/v1/accompagnements/{followUpId}/equipe", new { version, referentId = other.Id });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(worker.Id, await app.WithFollowUpAsync(followUpId, f => f.ReferentId));

        var ts = await StaffSession.LoginAsync(app, worker);
        var staleContent = await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/accompagnements/{followUpId}",
            new { version, motives = new[] { "Mobilite" }, source = "Personne" });
        Assert.Equal(HttpStatusCode.Conflict, staleContent.StatusCode);
        Assert.Equal([FollowUpMotive.Logement], await app.WithFollowUpAsync(followUpId, f => f.Motives.ToArray()));
        var fresh = await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/accompagnements/{followUpId}",
            new { version = await ts.ApiVersionAsync(followUpId), motives = new[] { "Mobilite" }, source = "Partenaire", partnerName = "Mission locale" });
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal([FollowUpMotive.Mobilite], await app.WithFollowUpAsync(followUpId, f => f.Motives.ToArray()));
    }

    [Fact]
    public async Task A_worker_edits_motives_and_closes_the_follow_up_with_a_date_neither_future_nor_before_opening()
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        await rc.OpenFollowUpAsync(personId, worker.Id);
        var followUpId = await rc.OpenFollowUpAsync(personId, worker.Id);
        var ts = await StaffSession.LoginAsync(app, worker);
        var url = $"/accompagnements/{followUpId}";

        var html = await ts.PageTextAsync(url);
        Assert.Contains("Motifs de l'accompagnement", html);
        Assert.Contains("Clore l'accompagnement", html);
        var edited = await ts.PostFormAsync(url, Form(("Input.Version", FormVersion(html).ToString()), ("Input.Motives", "AccesAuxSoins"),
            ("Input.Source", "Professionnel")));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal([FollowUpMotive.AccesAuxSoins], await app.WithFollowUpAsync(followUpId, f => f.Motives.ToArray()));

        html = await ts.Client.GetStringAsync(url);
        var tomorrow = ParisTime.Today(TimeProvider.System).AddDays(2).ToString("yyyy-MM-dd");
        var future = await ts.PostFormAsync(url + "?handler=Close", Form(("Input.Version", FormVersion(html).ToString()), ("Closing.ClosedOn", tomorrow)), pageUrl: url);
        Assert.Contains("La date de clôture ne peut pas être dans le futur.", await future.TextAsync());
        var beforeOpening = await ts.PostFormAsync(url + "?handler=Close", Form(("Input.Version", FormVersion(html).ToString()), ("Closing.ClosedOn", "2000-01-01")), pageUrl: url);
        Assert.Contains("La date de clôture ne peut pas précéder l'ouverture", await beforeOpening.TextAsync());
        Assert.True(await app.WithFollowUpAsync(followUpId, f => f.IsOpen));

        var closed = await ts.PostFormAsync(url + "?handler=Close", Form(("Input.Version", FormVersion(html).ToString()), ("Closing.ClosedOn", Today)), pageUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.False(await app.WithFollowUpAsync(followUpId, f => f.IsOpen));
    }

    [Fact]
    public async Task The_next_appointment_is_the_first_planned_one_of_the_agenda_and_the_secretariat_sees_no_motives()
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        var followUpId = await rc.OpenFollowUpAsync(personId, worker.Id);
        var secretariat = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Secretariat));
        var url = $"/accompagnements/{followUpId}";
        string At(int days, int hour) => ParisTime.Today(TimeProvider.System).AddDays(days).ToDateTime(new TimeOnly(hour, 30)).ToString("yyyy-MM-ddTHH:mm:ss");
        async Task<Guid> Book(int days, int hour)
        {
            var booked = await secretariat.ApiSendAsync(HttpMethod.Post, "/api/v1/rendez-vous", new
            {
                personId, followUpId, workerIds = new[] { worker.Id }, startsAt = At(days, hour), endsAt = At(days, hour + 1), place = "BureauCirconscription",
            });
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
            return (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        async Task<DateTime?> Next()
        {
            var json = await secretariat.Client.GetFromJsonAsync<JsonElement>($"/api/v1/accompagnements/{followUpId}");
            return json.GetProperty("nextAppointmentAt").ValueKind == JsonValueKind.Null ? null : json.GetProperty("nextAppointmentAt").GetDateTime().ToUniversalTime();
        }

        // The follow-up page no longer holds an appointment: the secretariat books in the agenda.
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.Client.GetAsync(url)).StatusCode);
        Assert.Null(await Next());
        var later = await Book(9, 9);
        var sooner = await Book(7, 9);
        Assert.Equal(ParisTime.ToUtc(DateTime.Parse(At(7, 9))), await Next());
        var version = (await secretariat.Client.GetFromJsonAsync<JsonElement>($"/api/v1/rendez-vous/{sooner}")).GetProperty("version").GetInt32();
        var cancelled = await secretariat.ApiSendAsync(HttpMethod.Post, $"/api/v1/rendez-vous/{sooner}/suite", new { version, status = "Annule", cancellationReason = "RendezVousDeplace" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(ParisTime.ToUtc(DateTime.Parse(At(9, 9))), await Next()); // a cancelled one is no longer next
        Assert.NotEqual(Guid.Empty, later);
        Assert.Equal([FollowUpMotive.Logement], await app.WithFollowUpAsync(followUpId, f => f.Motives.ToArray()));

        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.Client.GetAsync($"/accompagnements/{followUpId}/entretiens/nouveau")).StatusCode);
        var motives = await secretariat.ApiSendAsync(HttpMethod.Put, url.Replace("/accompagnements", "/api/v1/accompagnements"),
            new { version = await secretariat.ApiVersionAsync(followUpId), motives = new[] { "Mobilite" }, source = "Personne" });
        Assert.Equal(HttpStatusCode.NotFound, motives.StatusCode); // the follow-up's content is not the secretariat's to write
        Assert.Equal([FollowUpMotive.Logement], await app.WithFollowUpAsync(followUpId, f => f.Motives.ToArray()));
    }

    public static TheoryData<StaffRole> RolesWithoutFollowUpWork =>
        new(StaffRole.Accueil, StaffRole.Secretariat, StaffRole.Direction, StaffRole.Dpo, StaffRole.AdminTechnique);

    [Theory]
    [MemberData(nameof(RolesWithoutFollowUpWork))]
    public async Task Other_roles_get_404_on_every_follow_up_page_and_endpoint(StaffRole role)
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        var followUpId = await rc.OpenFollowUpAsync(personId, worker.Id);
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));

        var pages = new List<string> { $"/personnes/{personId}/accompagnements/nouveau", $"/accompagnements/{followUpId}/equipe", $"/accompagnements/{followUpId}/entretiens/nouveau" };
        if (role != StaffRole.Secretariat) pages.Add($"/accompagnements/{followUpId}"); // the secretariat sets the next appointment there
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync(page)).StatusCode);
            var post = await session.PostFormAsync(page, Form(("Input.ReferentId", worker.Id.ToString()), ("Input.Motives", "Logement"), ("Input.Source", "Personne")), pageUrl: "/");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        var calls = new List<(HttpMethod Method, string Url, object Body)>
        {
            (HttpMethod.Post, $"/api/v1/personnes/{personId}/accompagnements", new { referentId = worker.Id, motives = new[] { "Logement" }, source = "Personne" }),
            (HttpMethod.Put, $"/api/v1/accompagnements/{followUpId}/equipe", new { version = 0, referentId = worker.Id }),
            (HttpMethod.Post, $"/api/v1/accompagnements/{followUpId}/cloture", new { version = 0, closedOn = Today }),
            (HttpMethod.Post, $"/api/v1/accompagnements/{followUpId}/entretiens", new { occurredOn = Today, kind = "Permanence", source = "Personne" }),
        };
        if (role != StaffRole.Secretariat)
            calls.Add((HttpMethod.Put, $"/api/v1/accompagnements/{followUpId}", new { version = 0, motives = new[] { "Logement" }, source = "Personne" }));
        foreach (var (method, url, body) in calls)
        {
            var response = await session.ApiSendAsync(method, url, body);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} answered {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(worker.Id, await app.WithFollowUpAsync(followUpId, f => f.ReferentId));
        Assert.True(await app.WithFollowUpAsync(followUpId, f => f.IsOpen));
        Assert.Equal(0, await app.InterviewCountAsync(followUpId));
    }

    [Fact]
    public async Task Unknown_follow_up_ids_answer_404_on_pages_and_api()
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var unknown = Guid.NewGuid();
        foreach (var page in new[] { $"/personnes/{unknown}/accompagnements/nouveau", $"/accompagnements/{unknown}", $"/accompagnements/{unknown}/equipe", $"/accompagnements/{unknown}/entretiens/nouveau" })
            Assert.Equal(HttpStatusCode.NotFound, (await rc.Client.GetAsync(page)).StatusCode);
        var response = await rc.ApiSendAsync(HttpMethod.Put, $"/api/v1/accompagnements/{unknown}/equipe", new { version = 0, referentId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rc.Client.GetAsync($"/api/v1/accompagnements/{unknown}")).StatusCode);
    }

    [Fact]
    public async Task A_head_of_another_circonscription_cannot_reach_the_follow_up()
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var elsewhere = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription, circonscription: 1));
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (personId, _) = await app.CreatePersonAsync();
        var followUpId = await rc.OpenFollowUpAsync(personId, worker.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.Client.GetAsync($"/personnes/{personId}/accompagnements/nouveau")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.Client.GetAsync($"/accompagnements/{followUpId}/equipe")).StatusCode);
        var response = await elsewhere.ApiSendAsync(HttpMethod.Put, $"/api/v1/accompagnements/{followUpId}/equipe",
            new { version = await rc.ApiVersionAsync(followUpId), referentId = worker.Id });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
