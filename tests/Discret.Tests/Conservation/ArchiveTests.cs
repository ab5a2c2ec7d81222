using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.Conservation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Conservation;

/// <summary>
/// The intermediate archive: an archived file leaves every screen, search and list of daily work (404 to every role, as
/// if absent), and the DPO alone consults it, for a reason from the closed list and a justification, journaled.
/// </summary>
[Collection(JournalCollection.Name)]
public class ArchiveTests(DiscretFactory app)
{
    private const string Justification = "Réclamation écrite reçue au service, à instruire ce mois-ci.";

    private static string UniqueName(string stem) => stem + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

    private Task ArchiveAsync(Guid personId) =>
        app.WithDbAsync(db => db.Persons.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.ArchivedOn, ParisTime.Today(TimeProvider.System).AddDays(-3))
            .SetProperty(p => p.LastContactOn, ParisTime.Today(TimeProvider.System).AddYears(-2).AddDays(-10))));

    private Task<List<JournalEntry>> JournalOfAsync(Guid accountId, JournalAction action) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .Where(e => e.AccountId == accountId && e.Action == action).ToListAsync());

    private static async Task<List<Guid>> SearchAsync(StaffSession session, string name)
    {
        var response = await session.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ToList();
    }

    private static Task<HttpResponseMessage> SearchArchiveAsync(StaffSession session, string name, string reason = "Contentieux", string justification = Justification,
        string? pageUrl = null) =>
        session.PostFormAsync("/conservation/archives", new Dictionary<string, string>
        {
            ["Input.Reason"] = reason, ["Input.Justification"] = justification, ["Input.Name"] = name,
        }, pageUrl);

    private static Task<HttpResponseMessage> OpenArchiveAsync(StaffSession session, Guid personId, string reason = "DemandeDeLaPersonne",
        string justification = Justification, string? pageUrl = null) =>
        session.PostFormAsync($"/conservation/archives/{personId}", new Dictionary<string, string>
        {
            ["Input.Reason"] = reason, ["Input.Justification"] = justification,
        }, pageUrl);

    // --- archived files leave daily work ---

    [Fact]
    public async Task An_archived_file_is_absent_for_every_role_on_pages_and_api()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker, birthName: UniqueName("Archivable"));
        var sessions = new Dictionary<StaffRole, StaffSession>
        {
            [StaffRole.TravailleurSocial] = await StaffSession.LoginAsync(app, worker),
            [StaffRole.Accueil] = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil)),
            [StaffRole.Secretariat] = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Secretariat)),
            [StaffRole.ResponsableCirconscription] = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription)),
        };
        foreach (var (role, session) in sessions)
            Assert.True((await session.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode == HttpStatusCode.OK, $"{role} before archiving");

        await ArchiveAsync(file.PersonId);
        string[] urls =
        [
            $"/personnes/{file.PersonId}", $"/api/v1/personnes/{file.PersonId}", $"/personnes/{file.PersonId}/identite",
            $"/personnes/{file.PersonId}/menage", $"/personnes/{file.PersonId}/information", $"/api/v1/personnes/{file.PersonId}/information",
            $"/droits/personnes/{file.PersonId}/nouvelle", $"/accompagnements/{file.FollowUpId}", $"/api/v1/accompagnements/{file.FollowUpId}",
            $"/accompagnements/{file.FollowUpId}/entretiens/nouveau", $"/accompagnements/{file.FollowUpId}/notes",
        ];
        var reached = new List<string>();
        foreach (var (role, session) in sessions)
            foreach (var url in urls)
                if ((await session.Client.GetAsync(url)).StatusCode != HttpStatusCode.NotFound) reached.Add($"{role} {url}");
        var ts = sessions[StaffRole.TravailleurSocial];
        var interview = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", motives = new[] { "Logement" }, summary = "Point sur le dossier.", source = "Personne" });
        if (interview.StatusCode != HttpStatusCode.NotFound) reached.Add("TravailleurSocial POST entretiens");
        var request = await sessions[StaffRole.Accueil].ApiSendAsync(HttpMethod.Post, "/api/v1/droits",
            new { personId = file.PersonId, kind = "Acces", channel = "Guichet", identityCheck = "PersonneConnueDuService", receivedOn = Today });
        if (request.StatusCode != HttpStatusCode.NotFound) reached.Add("Accueil POST droits");
        Assert.True(reached.Count == 0, "Reached an archived file: " + string.Join(", ", reached));
    }

    [Fact]
    public async Task An_archived_file_is_out_of_searches_duplicates_and_lists()
    {
        var name = UniqueName("Archivage");
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker, birthName: name);
        var ts = await StaffSession.LoginAsync(app, worker);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var colleague = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass));
        Assert.Contains(file.PersonId, await SearchAsync(ts, name));
        Assert.Contains(file.PersonId, await SearchAsync(reception, name));
        Assert.Contains(name, await ts.PageTextAsync("/a-informer"));

        await ArchiveAsync(file.PersonId);
        Assert.DoesNotContain(file.PersonId, await SearchAsync(ts, name));
        Assert.DoesNotContain(file.PersonId, await SearchAsync(reception, name));
        Assert.DoesNotContain(name, await ts.PageTextAsync("/a-informer"));
        var breakGlass = await colleague.PostFormAsync("/acces-exceptionnel", new Dictionary<string, string> { ["Input.Name"] = name, ["Input.FirstName"] = "Alex" });
        Assert.Equal(HttpStatusCode.OK, breakGlass.StatusCode);
        Assert.Contains("Aucune personne de votre circonscription ne correspond", WebUtility.HtmlDecode(await breakGlass.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(file.PersonId.ToString(), await breakGlass.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.Client.GetAsync($"/acces-exceptionnel/{file.PersonId}")).StatusCode);

        // Duplicate detection: the archived file is not reported; a new file is created.
        var created = await reception.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes", new { birthName = name, firstNames = "Alex", birthDate = "1980-05-17" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    // --- the DPO consults the archive ---

    [Fact]
    public async Task Without_a_reason_nothing_is_searched_nor_journaled()
    {
        var name = UniqueName("Archivee");
        var file = await app.CreateCaseAsync(0, await app.CreateAccountAsync(StaffRole.TravailleurSocial), birthName: name);
        await ArchiveAsync(file.PersonId);
        var account = await app.CreateAccountAsync(StaffRole.Dpo);
        var dpo = await StaffSession.LoginAsync(app, account);

        var noReason = await SearchArchiveAsync(dpo, name, reason: "");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        var html = await noReason.TextAsync();
        Assert.Contains("Choisissez le motif de la consultation", html);
        Assert.DoesNotContain(file.PersonId.ToString(), html);
        var noJustification = await (await SearchArchiveAsync(dpo, name, justification: "")).TextAsync();
        Assert.Contains("Écrivez pourquoi vous devez consulter l'archive", noJustification);
        Assert.DoesNotContain(file.PersonId.ToString(), noJustification);
        var identifier = await (await SearchArchiveAsync(dpo, name, justification: "Remboursement demandé sur le RIB FR76 3000 6000 0112 3456 7890 189.")).TextAsync();
        Assert.Contains("Rien n'a été recherché ni affiché", identifier);
        Assert.DoesNotContain(file.PersonId.ToString(), identifier);

        var openWithout = await OpenArchiveAsync(dpo, file.PersonId, reason: "");
        Assert.Equal(HttpStatusCode.OK, openWithout.StatusCode);
        var openHtml = await openWithout.TextAsync();
        Assert.Contains("Choisissez le motif de la consultation", openHtml);
        Assert.DoesNotContain(name, openHtml);
        Assert.DoesNotContain(TestCase.InterviewSummary, openHtml);

        Assert.Empty(await JournalOfAsync(account.Id, JournalAction.Recherche));
        Assert.Empty(await JournalOfAsync(account.Id, JournalAction.Lecture));
    }

    [Fact]
    public async Task With_a_reason_the_dpo_finds_and_reads_an_archived_file_and_both_are_journaled_with_the_reason()
    {
        var name = UniqueName("Archivee");
        var file = await app.CreateCaseAsync(1, await app.CreateAccountAsync(StaffRole.TravailleurSocial), birthName: name);
        await ArchiveAsync(file.PersonId);
        var account = await app.CreateAccountAsync(StaffRole.Dpo);
        var dpo = await StaffSession.LoginAsync(app, account);

        Assert.Contains("href=\"/conservation/archives\"", await dpo.PageTextAsync("/conservation"));
        var found = await SearchArchiveAsync(dpo, name.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var html = await found.TextAsync();
        Assert.Contains($"{name} Alex", html);
        Assert.Contains("17/05/1980", html);
        Assert.Contains($"/conservation/archives/{file.PersonId}", html);
        Assert.Contains(ParisTime.Today(TimeProvider.System).AddDays(-3).ToString("dd/MM/yyyy"), html);
        var search = Assert.Single(await JournalOfAsync(account.Id, JournalAction.Recherche));
        Assert.Equal(ArchiveReason.Contentieux.Purpose(), search.Purpose);
        Assert.Null(search.PersonId);
        Assert.DoesNotContain(name, search.Detail ?? "", StringComparison.OrdinalIgnoreCase);

        // The link asks for the grounds and shows nothing of the person.
        var asked = await dpo.PageTextAsync($"/conservation/archives/{file.PersonId}");
        Assert.DoesNotContain(name, asked);
        Assert.Empty(await JournalOfAsync(account.Id, JournalAction.Lecture));

        var opened = await OpenArchiveAsync(dpo, file.PersonId);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var page = await opened.TextAsync();
        Assert.Contains(name, page);
        Assert.Contains(TestCase.InterviewSummary, page);
        Assert.Contains("Logement", page);
        Assert.Contains("lecture seule", page);
        var read = Assert.Single(await JournalOfAsync(account.Id, JournalAction.Lecture));
        Assert.Equal(file.PersonId, read.PersonId);
        Assert.Equal(ArchiveReason.DemandeDeLaPersonne.Purpose(), read.Purpose);
        Assert.Contains("Entretiens", read.Detail);
    }

    [Fact]
    public async Task Warned_words_in_the_justification_must_be_confirmed_and_the_confirmation_is_journaled_without_the_text()
    {
        var name = UniqueName("Archivee");
        var file = await app.CreateCaseAsync(0, await app.CreateAccountAsync(StaffRole.TravailleurSocial), birthName: name);
        await ArchiveAsync(file.PersonId);
        var account = await app.CreateAccountAsync(StaffRole.Dpo);
        var dpo = await StaffSession.LoginAsync(app, account);
        const string warned = "Recours de la personne, qui se dit dépressive depuis la décision.";

        var asked = await (await SearchArchiveAsync(dpo, name, justification: warned)).TextAsync();
        Assert.Contains(Discret.Web.Features.Garde.FreeTextCheck.ConfirmLabel, asked);
        Assert.DoesNotContain(file.PersonId.ToString(), asked);
        Assert.Empty(await JournalOfAsync(account.Id, JournalAction.Recherche));

        var confirmed = await dpo.PostFormAsync("/conservation/archives", new Dictionary<string, string>
        {
            ["Input.Reason"] = "ReclamationOuRecours", ["Input.Justification"] = warned, ["Input.ConfirmWarnings"] = "true", ["Input.Name"] = name,
        });
        Assert.Contains(file.PersonId.ToString(), await confirmed.TextAsync());
        Assert.Equal(ArchiveReason.ReclamationOuRecours.Purpose(), Assert.Single(await JournalOfAsync(account.Id, JournalAction.Recherche)).Purpose);
        var confirmation = Assert.Single(await JournalOfAsync(account.Id, JournalAction.AvertissementConfirme));
        Assert.StartsWith(ArchiveConsultation.JustificationField + ":", confirmation.Detail);
        Assert.DoesNotContain("dépressive", confirmation.Detail);
    }

    [Fact]
    public async Task The_working_notes_never_appear_in_the_archive()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker, birthName: UniqueName("Archivee"));
        var ts = await StaffSession.LoginAsync(app, worker);
        const string note = "Rappeler pour la suite du dossier logement.";
        Assert.Equal(HttpStatusCode.Created, (await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/notes", new { text = note })).StatusCode);
        await ArchiveAsync(file.PersonId);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var page = await (await OpenArchiveAsync(dpo, file.PersonId)).TextAsync();
        Assert.Contains(TestCase.InterviewSummary, page);
        Assert.DoesNotContain(note, page);
    }

    [Fact]
    public async Task An_active_file_is_not_in_the_archive()
    {
        var name = UniqueName("Active");
        var file = await app.CreateCaseAsync(0, await app.CreateAccountAsync(StaffRole.TravailleurSocial), birthName: name);
        var account = await app.CreateAccountAsync(StaffRole.Dpo);
        var dpo = await StaffSession.LoginAsync(app, account);

        var found = await (await SearchArchiveAsync(dpo, name)).TextAsync();
        Assert.DoesNotContain(file.PersonId.ToString(), found);
        Assert.Contains("Aucun dossier archivé ou en attente d'élimination ne correspond", found);
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.Client.GetAsync($"/conservation/archives/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await OpenArchiveAsync(dpo, file.PersonId, pageUrl: "/conservation/archives")).StatusCode);
        Assert.Empty(await JournalOfAsync(account.Id, JournalAction.Lecture));
    }

    [Theory]
    [InlineData(StaffRole.TravailleurSocial)]
    [InlineData(StaffRole.ResponsableCirconscription)]
    [InlineData(StaffRole.Accueil)]
    [InlineData(StaffRole.Secretariat)]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.AdminTechnique)]
    public async Task Only_the_dpo_consults_the_archive(StaffRole role)
    {
        var name = UniqueName("Archivee");
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker, birthName: name);
        await ArchiveAsync(file.PersonId);
        var session = await StaffSession.LoginAsync(app, role == StaffRole.TravailleurSocial ? worker : await app.CreateAccountAsync(role));
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync("/conservation/archives")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/conservation/archives/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SearchArchiveAsync(session, name, pageUrl: "/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await OpenArchiveAsync(session, file.PersonId, pageUrl: "/")).StatusCode);
    }
}
