using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;

namespace Discret.Tests.Personnes;

/// <summary>Need-to-know, proven over HTTP as each role: who opens which file, and what each one sees of it.</summary>
[Collection(PersonsCollection.Name)]
public class PersonAccessTests(DiscretFactory app)
{
    private async Task<(HttpStatusCode Status, string Html)> OpenAsync(StaffSession session, Guid personId)
    {
        var response = await session.Client.GetAsync($"/personnes/{personId}");
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_referent_opens_the_file_and_another_worker_of_the_same_circonscription_gets_404()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);

        var (status, html) = await OpenAsync(await StaffSession.LoginAsync(app, referent), file.PersonId);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(TestCase.InterviewSummary, html);

        var colleagueSession = await StaffSession.LoginAsync(app, colleague);
        var (refused, refusedHtml) = await OpenAsync(colleagueSession, file.PersonId);
        Assert.Equal(HttpStatusCode.NotFound, refused);
        Assert.DoesNotContain(file.BirthName, refusedHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await colleagueSession.Client.GetAsync($"/api/v1/personnes/{file.PersonId}")).StatusCode);
        var unknown = await colleagueSession.Client.GetAsync($"/api/v1/personnes/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode); // refused and absent look the same
    }

    [Fact]
    public async Task A_co_worker_of_the_team_opens_the_file()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var coWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1);
        var file = await app.CreateCaseAsync(0, referent, team: [coWorker]);
        var (status, html) = await OpenAsync(await StaffSession.LoginAsync(app, coWorker), file.PersonId);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(TestCase.InterviewSummary, html);
    }

    [Fact]
    public async Task A_closed_follow_up_no_longer_opens_the_file_to_its_worker()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent, closed: true);
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(await StaffSession.LoginAsync(app, referent), file.PersonId)).Status);
    }

    [Fact]
    public async Task Reception_sees_identity_referent_and_appointment_but_no_motive_or_interview()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent, nextAppointment: DateTime.UtcNow.AddDays(3));
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var (status, html) = await OpenAsync(reception, file.PersonId);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(file.BirthName, html);
        Assert.Contains("Référent : Agent de test " + referent.Login, html);
        Assert.Contains("Prochain rendez-vous", html);
        Assert.DoesNotContain(TestCase.InterviewSummary, html);
        Assert.DoesNotContain("Motifs", html);
        Assert.DoesNotContain(FollowUpMotive.Logement.Label(), html);

        var json = await reception.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personnes/{file.PersonId}");
        Assert.True(json.TryGetProperty("identity", out _));
        Assert.False(json.TryGetProperty("interviews", out _));
        Assert.False(json.TryGetProperty("household", out _));
        var followUp = json.GetProperty("followUps")[0];
        Assert.False(followUp.TryGetProperty("motives", out _));
        Assert.True(followUp.TryGetProperty("nextAppointmentAt", out _));
    }

    [Theory]
    [InlineData(StaffRole.Accueil)]
    [InlineData(StaffRole.Secretariat)]
    [InlineData(StaffRole.ResponsableCirconscription)]
    public async Task Circonscription_roles_get_404_for_a_person_of_another_circonscription(StaffRole role)
    {
        var file = await app.CreateCaseAsync(1, await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1));
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role, circonscription: 0));
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(session, file.PersonId)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/api/v1/personnes/{file.PersonId}")).StatusCode);
    }

    [Fact]
    public async Task The_head_of_circonscription_sees_who_is_assigned_but_not_the_content()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        var (status, html) = await OpenAsync(await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription)), file.PersonId);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Référent : Agent de test " + referent.Login, html);
        Assert.DoesNotContain(TestCase.InterviewSummary, html);
        Assert.DoesNotContain("06 00 00 00 01", html);
    }

    [Fact]
    public async Task Secretariat_never_sees_interview_content()
    {
        var file = await app.CreateCaseAsync(0, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var (status, html) = await OpenAsync(await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Secretariat)), file.PersonId);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(TestCase.InterviewSummary, html);
    }

    [Theory]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.Dpo)]
    [InlineData(StaffRole.AdminTechnique)]
    public async Task Direction_dpo_and_administration_reach_no_file(StaffRole role)
    {
        var file = await app.CreateCaseAsync(0, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(session, file.PersonId)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync("/personnes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/api/v1/personnes/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name = file.BirthName })).StatusCode);
    }

    [Fact]
    public async Task A_third_party_report_is_shown_as_unverified()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent, interviewProvenance: Provenance.ReportedBy(ThirdPartyCategory.Voisinage));
        var (_, html) = await OpenAsync(await StaffSession.LoginAsync(app, referent), file.PersonId);
        Assert.Contains("Signalé par un tiers (voisinage) — non vérifié", html);
        Assert.Contains("data-provenance=\"Tiers\"", html);
    }
}
