using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Rights;
using Discret.Web.Features.Droits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Droits;

/// <summary>
/// The register of rights requests seen from the outside: registered from the person's file by whoever may write its
/// Droits group, kept whole by the DPO (404 for everyone else), seen by the head of circonscription for their
/// circonscription only; oppositions decided by that head only; every read and write journaled; bad input refused in French.
/// </summary>
[Collection(RightsCollection.Name)]
public class RightsRequestTests(DiscretFactory app)
{
    private Task<List<JournalEntry>> JournalAsync(Guid reference) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking().Where(e => e.Reference == reference).OrderBy(e => e.Seq).ToListAsync());

    private Task<int> RequestCountAsync(Guid personId) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().RightsRequests.CountAsync(r => r.PersonId == personId));

    private async Task<StaffSession> LoginAsync(StaffRole role, int circonscription = 0) =>
        await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role, circonscription: circonscription));

    [Theory]
    [InlineData(StaffRole.Accueil)]
    [InlineData(StaffRole.Secretariat)]
    [InlineData(StaffRole.TravailleurSocial)]
    [InlineData(StaffRole.ResponsableCirconscription)]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.AdminTechnique)]
    public async Task The_whole_register_answers_404_to_every_role_but_the_dpo(StaffRole role)
    {
        var session = await LoginAsync(role);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync("/droits")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync("/api/v1/droits")).StatusCode);
        Assert.DoesNotContain("href=\"/droits\"", await session.Client.GetStringAsync("/"));
        var dpo = await LoginAsync(StaffRole.Dpo);
        Assert.Equal(HttpStatusCode.OK, (await dpo.Client.GetAsync("/droits")).StatusCode);
        Assert.Contains("href=\"/droits\"", await dpo.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Reception_registers_a_request_from_the_file_with_a_one_month_deadline_and_it_is_journaled_and_listed()
    {
        var accueil = await LoginAsync(StaffRole.Accueil);
        var file = await app.CreateCaseAsync(0);
        var details = await accueil.PageTextAsync($"/personnes/{file.PersonId}");
        Assert.Contains("Demandes d'exercice des droits", details);
        Assert.Contains($"/droits/personnes/{file.PersonId}/nouvelle", details);

        var received = ParisTime.Today(TimeProvider.System).AddDays(-3);
        var response = await accueil.PostFormAsync($"/droits/personnes/{file.PersonId}/nouvelle", Form(("Input.Kind", "Acces"), ("Input.Channel", "Guichet"),
            ("Input.IdentityCheck", "PieceDIdentitePresentee"), ("Input.ReceivedOn", received.ToString("yyyy-MM-dd")), ("Input.Details", "Copie de tout le dossier.")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var request = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().RightsRequests.AsNoTracking().SingleAsync(r => r.PersonId == file.PersonId));
        Assert.Equal(received.AddMonths(1), request.DueOn);
        Assert.Equal(RequestStatus.EnCours, request.Status);
        var written = Assert.Single(await JournalAsync(request.Id));
        Assert.Equal(JournalAction.Ecriture, written.Action);
        Assert.Equal(file.PersonId, written.PersonId);
        Assert.DoesNotContain("Copie", written.Detail);

        var after = await accueil.PageTextAsync($"/personnes/{file.PersonId}");
        Assert.Contains(ParisTime.Day(received.AddMonths(1)), after);
        Assert.Contains("En cours", after);
        // Reading the file's requests is journaled in the file's one read entry (the group, never the content).
        var reads = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking().Where(e =>
            e.PersonId == file.PersonId && e.Action == JournalAction.Lecture && e.Role == StaffRole.Accueil).Select(e => e.Detail).ToListAsync());
        Assert.Contains(reads, d => d != null && d.Split(',').Contains("Droits") && d.Split(',').Contains("Identite"));

        // The DPO's register lists it (no name), and reading the request is journaled with the person's id.
        var dpo = await LoginAsync(StaffRole.Dpo);
        var list = await dpo.PageTextAsync("/droits?Kind=Acces&Status=EnCours");
        Assert.Contains($"/droits/demandes/{request.Id}", list);
        Assert.DoesNotContain(file.BirthName, list);
        var page = await dpo.PageTextAsync($"/droits/demandes/{request.Id}");
        Assert.Contains(file.BirthName, page);
        Assert.Contains((await JournalAsync(request.Id)), e => e.Action == JournalAction.Lecture && e.PersonId == file.PersonId && e.Role == StaffRole.Dpo);
        var api = await dpo.Client.GetFromJsonAsync<JsonElement>("/api/v1/droits?status=EnCours&right=Acces");
        Assert.Contains(api.GetProperty("requests").EnumerateArray(), d => d.GetProperty("id").GetGuid() == request.Id);
    }

    [Fact]
    public async Task Roles_that_may_not_write_the_persons_droits_group_get_404_and_nothing_is_saved()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        var otherWorker = await LoginAsync(StaffRole.TravailleurSocial);
        var otherReception = await LoginAsync(StaffRole.Accueil, circonscription: 1);
        var direction = await LoginAsync(StaffRole.Direction);
        var dpo = await LoginAsync(StaffRole.Dpo);
        foreach (var session in new[] { otherWorker, otherReception, direction, dpo })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/droits/personnes/{file.PersonId}/nouvelle")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await session.RegisterAsync(file.PersonId)).StatusCode);
        }
        Assert.Equal(0, await RequestCountAsync(file.PersonId));
        // The referent may.
        var ts = await StaffSession.LoginAsync(app, referent);
        await (await ts.RegisterAsync(file.PersonId, "Opposition")).RegisteredIdAsync();
    }

    [Fact]
    public async Task Bad_input_gets_french_messages_on_the_fields_and_nothing_is_saved()
    {
        var accueil = await LoginAsync(StaffRole.Accueil);
        var file = await app.CreateCaseAsync(0);
        var url = $"/droits/personnes/{file.PersonId}/nouvelle";
        var tomorrow = ParisTime.Today(TimeProvider.System).AddDays(2).ToString("yyyy-MM-dd");

        var page = await accueil.PostFormAsync(url, Form(("Input.Kind", "Acces"), ("Input.Channel", "Guichet"), ("Input.ReceivedOn", tomorrow)));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.TextAsync();
        Assert.Contains("Indiquez comment l'identité du demandeur a été vérifiée.", html);
        Assert.Contains("La date de réception ne peut pas être dans le futur.", html);
        Assert.Contains("href=\"#Input_IdentityCheck\"", html);

        var unparsable = await accueil.PostFormAsync(url, Form(("Input.Kind", "Acces"), ("Input.Channel", "Guichet"),
            ("Input.IdentityCheck", "PersonneConnueDuService"), ("Input.ReceivedOn", "31/02/2026")));
        Assert.Contains("La date de réception n'est pas une date valide", await unparsable.TextAsync());

        var errors = await (await accueil.RegisterAsync(file.PersonId, identityCheck: null, receivedOn: "demain")).ErrorsAsync();
        Assert.Contains("identité", errors.GetProperty("identityCheck")[0].GetString());
        Assert.Contains("n'est pas une date valide", errors.GetProperty("receivedOn")[0].GetString());
        var tooLong = await (await accueil.RegisterAsync(file.PersonId, details: new string('a', 1001))).ErrorsAsync();
        Assert.Contains("1 000 au plus", tooLong.GetProperty("details")[0].GetString());
        Assert.Equal(0, await RequestCountAsync(file.PersonId));
    }

    [Fact]
    public async Task Warned_words_in_the_details_are_saved_only_once_confirmed_and_the_confirmation_is_journaled()
    {
        var accueil = await LoginAsync(StaffRole.Accueil);
        var file = await app.CreateCaseAsync(0);
        const string details = "Madame dit être dépressive et veut que cela soit retiré.";
        var warned = await (await accueil.RegisterAsync(file.PersonId, "Effacement", details: details)).ErrorsAsync();
        Assert.Contains("dépressive", warned.GetProperty("details")[0].GetString());
        Assert.True(warned.TryGetProperty("confirmWarnings", out _));
        Assert.Equal(0, await RequestCountAsync(file.PersonId));
        var confirmed = await accueil.ApiSendAsync(HttpMethod.Post, "/api/v1/droits", new { personId = file.PersonId, kind = "Effacement", channel = "Guichet",
            identityCheck = "PieceDIdentitePresentee", receivedOn = Today, details, confirmWarnings = true });
        var id = await confirmed.RegisteredIdAsync();
        Assert.Equal(details, (await app.RequestAsync(id))!.Details);
        Assert.True(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AnyAsync(e =>
            e.PersonId == file.PersonId && e.Action == JournalAction.AvertissementConfirme && e.Detail!.StartsWith(RequestRegistration.DetailsField))));
    }

    [Fact]
    public async Task An_erasure_is_not_closed_as_done_by_hand_and_a_closed_request_takes_no_further_answer()
    {
        var file = await app.CreateCaseAsync(0);
        var someone = await app.CreateAccountAsync(StaffRole.Accueil);
        var id = await app.CreateRequestAsync(file.PersonId, RightKind.Effacement, someone.Id);
        var dpo = await LoginAsync(StaffRole.Dpo);
        var byHand = await (await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{id}/cloture", new { outcome = "Traitee", answer = "Effacé." })).ErrorsAsync();
        Assert.Equal(RequestDecisions.ErasureByExecutionMessage, byHand.GetProperty("outcome")[0].GetString());
        Assert.True((await app.RequestAsync(id))!.IsOpen);
        Assert.Equal(HttpStatusCode.NoContent, (await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{id}/cloture",
            new { outcome = "Refusee", answer = "Les données sont nécessaires à une obligation légale de conservation." })).StatusCode);
        var again = await (await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{id}/cloture", new { outcome = "Refusee", answer = "Autre réponse." })).ErrorsAsync();
        Assert.Equal(RequestDecisions.ClosedMessage, again.GetProperty("request")[0].GetString());
        Assert.Equal(RequestStatus.Refusee, (await app.RequestAsync(id))!.Status);
    }

    [Fact]
    public async Task The_head_of_circonscription_sees_their_circonscriptions_requests_only()
    {
        var mine = await app.CreateCaseAsync(0);
        var other = await app.CreateCaseAsync(1);
        var someone = await app.CreateAccountAsync(StaffRole.Accueil);
        var inMine = await app.CreateRequestAsync(mine.PersonId, RightKind.Acces, someone.Id);
        var inOther = await app.CreateRequestAsync(other.PersonId, RightKind.Acces, someone.Id);
        var rc = await LoginAsync(StaffRole.ResponsableCirconscription);
        var list = await rc.PageTextAsync("/droits/circonscription");
        Assert.Contains($"/droits/demandes/{inMine}", list);
        Assert.DoesNotContain($"/droits/demandes/{inOther}", list);
        Assert.Equal(HttpStatusCode.OK, (await rc.Client.GetAsync($"/droits/demandes/{inMine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rc.Client.GetAsync($"/droits/demandes/{inOther}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rc.Client.GetAsync($"/api/v1/droits/{inOther}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rc.Client.GetAsync("/droits")).StatusCode);
        // Only the DPO answers and closes.
        Assert.Equal(HttpStatusCode.NotFound, (await rc.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{inMine}/cloture", new { outcome = "Traitee", answer = "Copie remise." })).StatusCode);
        var dpo = await LoginAsync(StaffRole.Dpo);
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.Client.GetAsync("/droits/circonscription")).StatusCode);
    }

    [Fact]
    public async Task Only_the_head_of_the_requests_circonscription_decides_an_opposition_with_a_reason()
    {
        var file = await app.CreateCaseAsync(0);
        var someone = await app.CreateAccountAsync(StaffRole.Accueil);
        var id = await app.CreateRequestAsync(file.PersonId, RightKind.Opposition, someone.Id);
        var dpo = await LoginAsync(StaffRole.Dpo);
        var byDpo = await (await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{id}/cloture", new { outcome = "Traitee", answer = "Opposition acceptée." })).ErrorsAsync();
        Assert.Equal(RequestDecisions.OppositionByRcMessage, byDpo.GetProperty("request")[0].GetString());

        var otherRc = await LoginAsync(StaffRole.ResponsableCirconscription, circonscription: 1);
        Assert.Equal(HttpStatusCode.NotFound, (await otherRc.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{id}/decision", new { accepted = true, answer = "Accord." })).StatusCode);
        var rc = await LoginAsync(StaffRole.ResponsableCirconscription);
        var noReason = await (await rc.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{id}/decision", new { accepted = false })).ErrorsAsync();
        Assert.Contains("motif du refus", noReason.GetProperty("answer")[0].GetString());
        Assert.True((await app.RequestAsync(id))!.IsOpen);

        var page = await rc.PostFormAsync($"/droits/demandes/{id}?handler=Decide", Form(("Decision.Accepted", "false"),
            ("Decision.Answer", "La mission de protection en cours impose de poursuivre le suivi ; réexamen à sa clôture.")), $"/droits/demandes/{id}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var decided = (await app.RequestAsync(id))!;
        Assert.Equal(RequestStatus.Refusee, decided.Status);
        Assert.Contains(await JournalAsync(id), e => e.Action == JournalAction.Ecriture && e.Detail!.StartsWith("opposition rejetée"));
        var again = await (await rc.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{id}/decision", new { accepted = true, answer = "Finalement oui." })).ErrorsAsync();
        Assert.Equal(RequestDecisions.ClosedMessage, again.GetProperty("request")[0].GetString());
    }

    [Fact]
    public async Task A_portability_request_is_offered_the_public_interest_answer_and_closing_needs_an_answer()
    {
        var file = await app.CreateCaseAsync(0);
        var someone = await app.CreateAccountAsync(StaffRole.Accueil);
        var id = await app.CreateRequestAsync(file.PersonId, RightKind.Portabilite, someone.Id);
        var dpo = await LoginAsync(StaffRole.Dpo);
        var html = await dpo.PageTextAsync($"/droits/demandes/{id}");
        Assert.Contains(RightsLabels.PortabilityAnswer, html);
        var empty = await dpo.PostFormAsync($"/droits/demandes/{id}?handler=Close", Form(("Close.Outcome", "Refusee"), ("Close.Answer", "")), $"/droits/demandes/{id}");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Écrivez la réponse donnée à la personne", await empty.TextAsync());
        Assert.True((await app.RequestAsync(id))!.IsOpen);
        var closed = await dpo.PostFormAsync($"/droits/demandes/{id}?handler=Close", Form(("Close.Outcome", "Refusee"), ("Close.Answer", RightsLabels.PortabilityAnswer)), $"/droits/demandes/{id}");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var request = (await app.RequestAsync(id))!;
        Assert.Equal(RequestStatus.Refusee, request.Status);
        Assert.Equal(RightsLabels.PortabilityAnswer, request.Answer);
        Assert.NotNull(request.ClosedOn);
    }

    [Fact]
    public async Task A_rectification_made_from_the_request_is_journaled_with_the_request_as_reference()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        var ts = await StaffSession.LoginAsync(app, referent);
        var id = await (await ts.RegisterAsync(file.PersonId, "Rectification", details: "Le prénom est mal orthographié.")).RegisteredIdAsync();
        var fileHtml = await ts.PageTextAsync($"/personnes/{file.PersonId}");
        var editUrl = $"/personnes/{file.PersonId}/identite?demande={id}";
        Assert.Contains(editUrl, fileHtml);
        var form = await ts.PageTextAsync(editUrl);
        var version = FormVersion(form);
        var response = await ts.PostFormAsync(editUrl, Form(("Input.Version", version.ToString()), ("Input.BirthName", file.BirthName), ("Input.FirstNames", "Alexis"),
            ("Input.BirthDate", "1980-05-17"), ("Input.Phone", "06 00 00 00 01"), ("Input.AddressLine", "1 rue de l'Essai"), ("Input.PostalCode", "99000"),
            ("Input.City", "Valmont"), ("Input.Source", "Personne")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rectified = Assert.Single(await JournalAsync(id), e => e.Detail!.StartsWith("rectification"));
        Assert.Equal(file.PersonId, rectified.PersonId);
        Assert.Equal(StaffRole.TravailleurSocial, rectified.Role);
        Assert.Equal("Alexis", await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Persons.Where(p => p.Id == file.PersonId).Select(p => p.FirstNames).SingleAsync()));

        // The DPO's page of the request shows who changed what and when (the profession).
        var dpo = await LoginAsync(StaffRole.Dpo);
        var page = await dpo.PageTextAsync($"/droits/demandes/{id}");
        Assert.Contains("Ce qui a été fait sur cette demande", page);
        Assert.Contains("rectification", page);

        // A request that is not an open rectification of this person is refused, nothing saved.
        var access = await app.CreateRequestAsync(file.PersonId, RightKind.Acces, referent.Id);
        var wrong = await ts.PostFormAsync($"/personnes/{file.PersonId}/identite?demande={access}", Form(("Input.Version", (version + 1).ToString()),
            ("Input.BirthName", file.BirthName), ("Input.FirstNames", "Alexandre"), ("Input.BirthDate", "1980-05-17"), ("Input.Source", "Personne")), editUrl);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("La demande de rectification indiquée n'existe pas", await wrong.TextAsync());
        Assert.Equal("Alexis", await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Persons.Where(p => p.Id == file.PersonId).Select(p => p.FirstNames).SingleAsync()));
    }
}
