using System.Net;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Web.Features.Conservation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Conservation;

/// <summary>
/// The last contact, from which a file's retention runs: moved forward by the events where the service was in contact
/// with the person (an interview, a rights request…), never by a member of staff opening the file, never back, never
/// into the future, and without touching the person's concurrency token.
/// </summary>
[Collection(JournalCollection.Name)]
public class LastContactTests(DiscretFactory app)
{
    private static readonly DateOnly Long_ago = new(2026, 1, 10);

    private Task SetLastContactAsync(Guid personId, DateOnly on) =>
        app.WithDbAsync(db => db.Persons.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastContactOn, on)));

    private Task<(DateOnly LastContactOn, int Version)> StateAsync(Guid personId) =>
        app.WithAsync(async sp => await sp.GetRequiredService<DiscretDbContext>().Persons.AsNoTracking().Where(p => p.Id == personId)
            .Select(p => new ValueTuple<DateOnly, int>(p.LastContactOn, p.Version)).SingleAsync());

    private static Task<HttpResponseMessage> RecordInterviewAsync(StaffSession ts, TestCase file, string occurredOn) =>
        ts.PostFormAsync($"/accompagnements/{file.FollowUpId}/entretiens/nouveau", Form(("Input.OccurredOn", occurredOn), ("Input.Kind", "Permanence"),
            ("Input.Motives", "Logement"), ("Input.Actions", "DossierLogement"), ("Input.Summary", "Point sur la demande de logement."), ("Input.Source", "Personne")));

    [Fact]
    public async Task An_interview_recorded_moves_the_last_contact_to_its_date()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        await SetLastContactAsync(file.PersonId, Long_ago);
        var ts = await StaffSession.LoginAsync(app, worker);

        Assert.Equal(HttpStatusCode.Redirect, (await RecordInterviewAsync(ts, file, "2026-03-02")).StatusCode);
        Assert.Equal(new DateOnly(2026, 3, 2), (await StateAsync(file.PersonId)).LastContactOn);
    }

    [Fact]
    public async Task Opening_the_file_is_not_a_contact()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        await SetLastContactAsync(file.PersonId, Long_ago);
        var ts = await StaffSession.LoginAsync(app, worker);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));

        Assert.Equal(HttpStatusCode.OK, (await ts.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ts.Client.GetAsync($"/api/v1/personnes/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reception.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ts.Client.GetAsync($"/accompagnements/{file.FollowUpId}/entretiens/nouveau")).StatusCode);
        Assert.Equal(Long_ago, (await StateAsync(file.PersonId)).LastContactOn);
    }

    [Fact]
    public async Task An_older_interview_does_not_move_the_last_contact_back()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var recent = new DateOnly(2026, 6, 1);
        await SetLastContactAsync(file.PersonId, recent);
        var ts = await StaffSession.LoginAsync(app, worker);

        Assert.Equal(HttpStatusCode.Redirect, (await RecordInterviewAsync(ts, file, "2026-03-02")).StatusCode);
        Assert.Equal(recent, (await StateAsync(file.PersonId)).LastContactOn);
    }

    [Fact]
    public async Task A_contact_recorded_while_reception_edits_the_identity_makes_no_conflict_and_keeps_both()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        await SetLastContactAsync(file.PersonId, Long_ago);
        var before = await StateAsync(file.PersonId);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var ts = await StaffSession.LoginAsync(app, worker);
        var editUrl = $"/personnes/{file.PersonId}/identite";
        var version = FormVersion(await reception.Client.GetStringAsync(editUrl)); // reception opens the form…

        // …the referent records an interview meanwhile…
        Assert.Equal(HttpStatusCode.Redirect, (await RecordInterviewAsync(ts, file, "2026-03-02")).StatusCode);
        Assert.Equal(before.Version, (await StateAsync(file.PersonId)).Version);

        // …and reception saves from its copy: no conflict, and the contact stays.
        var saved = await reception.PostFormAsync(editUrl, new Dictionary<string, string>
        {
            ["Input.Version"] = version.ToString(), ["Input.BirthName"] = file.BirthName, ["Input.FirstNames"] = "Alex", ["Input.BirthDate"] = "1980-05-17",
            ["Input.Phone"] = "06 44 44 44 44", ["Input.Source"] = "Personne",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await StateAsync(file.PersonId);
        Assert.Equal(new DateOnly(2026, 3, 2), after.LastContactOn);
        Assert.Equal(before.Version + 1, after.Version);
    }

    [Fact]
    public async Task A_rights_request_received_is_a_contact_but_an_identity_edit_is_not()
    {
        var file = await app.CreateCaseAsync(0);
        var received = ParisTime.Today(TimeProvider.System).AddDays(-5);
        await SetLastContactAsync(file.PersonId, received.AddDays(-100));
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));

        var edit = await reception.ApiSendAsync(HttpMethod.Put, $"/api/v1/personnes/{file.PersonId}/identite",
            new { version = 0, birthName = file.BirthName, firstNames = "Alex", birthDate = "1980-05-17", phone = "06 55 55 55 55", source = "Personne" });
        Assert.Equal(HttpStatusCode.NoContent, edit.StatusCode);
        Assert.Equal(received.AddDays(-100), (await StateAsync(file.PersonId)).LastContactOn);

        var request = await reception.ApiSendAsync(HttpMethod.Post, "/api/v1/droits",
            new { personId = file.PersonId, kind = "Acces", channel = "Guichet", identityCheck = "PieceDIdentitePresentee", receivedOn = received.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, request.StatusCode);
        Assert.Equal(received, (await StateAsync(file.PersonId)).LastContactOn);
    }

    [Fact]
    public async Task A_date_after_today_is_ignored()
    {
        var file = await app.CreateCaseAsync(0);
        await SetLastContactAsync(file.PersonId, Long_ago);
        await app.WithDbAsync(db => LastContact.TouchAsync(db, TimeProvider.System, file.PersonId, ParisTime.Today(TimeProvider.System).AddDays(3), default));
        Assert.Equal(Long_ago, (await StateAsync(file.PersonId)).LastContactOn);
        await app.WithDbAsync(db => LastContact.TouchAsync(db, TimeProvider.System, file.PersonId, new DateOnly(2026, 2, 2), default));
        Assert.Equal(new DateOnly(2026, 2, 2), (await StateAsync(file.PersonId)).LastContactOn);
    }

    [Fact]
    public async Task The_demo_has_old_files_for_the_retention_job_and_archived_ones_for_the_dpo()
    {
        await app.WithDbAsync(async db =>
        {
            var limit = ParisTime.Today(TimeProvider.System).AddYears(-2);
            var dormant = await db.Persons.CountAsync(p => p.ArchivedOn == null && p.LastContactOn < limit
                && !db.FollowUps.Any(f => f.PersonId == p.Id && f.Status == Discret.Catalogue.FollowUpStatus.Ouvert));
            Assert.True(dormant >= 3, $"{dormant} old files");
            Assert.True(await db.Persons.CountAsync(p => p.ArchivedOn != null) >= 1);
            // Demo files are created today, yet their last contact comes from their follow-ups and interviews.
            Assert.True(await db.Persons.CountAsync(p => p.LastContactOn < limit.AddYears(2).AddDays(-30)) > 50);
        });
    }
}
