using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Mandates;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.AideNumerique;

/// <summary>
/// Digital help seen from the outside: the follow-up's social worker records « je forme », « j'accompagne » and, under a
/// mandate in force that names her and covers the domain and organisation, « je fais à la place de »; every other case of
/// the third level is refused and journaled as refused with the mandate as reference; bad input is refused on its field in
/// French and saves nothing; every account outside the team meets a 404.
/// </summary>
[Collection(FollowUpsCollection.Name)]
public class DigitalHelpTests(DiscretFactory app)
{
    private static DateOnly TodayDate => ParisTime.Today(TimeProvider.System);

    private static string Url(TestCase file) => $"/api/v1/accompagnements/{file.FollowUpId}/aides-numeriques";

    private static object Training(string? theme = "ReconnaitreLesArnaques", string? on = null, string? level = "JeForme") =>
        new { level, occurredOn = on ?? Today, theme };

    private static object Accompanying(string? domain = "Social", string? organisation = "Caf", string? outcome = "Aboutie", string? on = null) =>
        new { level = "JAccompagne", occurredOn = on ?? Today, domain, organisation, outcome };

    private static object InPlace(Guid? mandateId, string? domain = "Social", string? organisation = "Caf", string? procedure = "DeclarationDeRessources",
        string? outcome = "Aboutie", string? on = null) =>
        new { level = "JeFaisALaPlaceDe", occurredOn = on ?? Today, mandateId, domain, organisation, procedure, outcome };

    private Task<T> DbAsync<T>(Func<DiscretDbContext, Task<T>> read) => app.WithAsync(sp => read(sp.GetRequiredService<DiscretDbContext>()));

    private Task<List<JournalEntry>> JournalAsync(Guid personId) =>
        DbAsync(db => db.JournalEntries.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Seq).ToListAsync());

    private async Task<(TestAccount Worker, StaffSession Ts, TestCase File)> ReferentAsync()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        return (worker, ts, await app.CreateCaseAsync(0, worker));
    }

    private static async Task<Guid> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task The_three_levels_are_recorded_listed_on_the_file_and_journaled_as_writes()
    {
        var (worker, ts, file) = await ReferentAsync();
        var mandate = await MandateFixture.CreateAsync(app, file, [worker.Id], TodayDate.AddDays(-1), TodayDate.AddMonths(6));

        var training = await CreatedAsync(await ts.ApiSendAsync(HttpMethod.Post, Url(file), Training()));
        var accompanying = await CreatedAsync(await ts.ApiSendAsync(HttpMethod.Post, Url(file), Accompanying()));
        var action = await CreatedAsync(await ts.ApiSendAsync(HttpMethod.Post, Url(file), InPlace(mandate.Id)));

        var t = await DbAsync(db => db.DigitalHelps.AsNoTracking().SingleAsync(h => h.Id == training));
        Assert.Equal((DigitalHelpLevel.JeForme, DigitalTrainingTheme.ReconnaitreLesArnaques), (t.Level, t.Theme!.Value));
        Assert.Null(t.Domain);
        Assert.Null(t.Organisation);
        var a = await DbAsync(db => db.DigitalHelps.AsNoTracking().SingleAsync(h => h.Id == accompanying));
        Assert.Equal((DigitalHelpLevel.JAccompagne, ProcedureDomain.Social, OnlineOrganisation.Caf, ProcedureOutcome.Aboutie), (a.Level, a.Domain!.Value, a.Organisation!.Value, a.Outcome!.Value));
        Assert.Null(a.Theme);
        var done = await DbAsync(db => db.MandateActions.AsNoTracking().SingleAsync(x => x.Id == action));
        Assert.Equal((mandate.Id, file.PersonId, worker.Id, OnlineProcedure.DeclarationDeRessources, TodayDate), (done.MandateId, done.PersonId, done.WorkerId, done.Procedure, done.DoneOn));
        Assert.False(await DbAsync(db => db.DigitalHelps.AnyAsync(h => h.Level == DigitalHelpLevel.JeFaisALaPlaceDe)));

        var journal = await JournalAsync(file.PersonId);
        Assert.Contains(journal, e => e.Action == JournalAction.Ecriture && e.Reference == training && e.Detail == "aide numérique: DemarchesEnLigne");
        Assert.Contains(journal, e => e.Action == JournalAction.Ecriture && e.Reference == accompanying);
        Assert.Contains(journal, e => e.Action == JournalAction.Ecriture && e.Reference == mandate.Id && e.Detail == "démarche faite sous mandat: DemarchesEnLigne");
        Assert.DoesNotContain(journal, e => e.Action == JournalAction.DemarcheRefusee);

        var list = await ts.Client.GetFromJsonAsync<JsonElement>(Url(file));
        var levels = list.GetProperty("helps").EnumerateArray().Select(h => h.GetProperty("level").GetString()).Order().ToList();
        Assert.Equal(["JAccompagne", "JeFaisALaPlaceDe", "JeForme"], levels);

        var html = await ts.PageTextAsync($"/personnes/{file.PersonId}");
        Assert.Contains("Aides numériques", html);
        Assert.Contains("Enregistrer une aide numérique", html);
        Assert.Contains("Reconnaître les arnaques en ligne", html);
        Assert.Contains("Déclaration de ressources", html);
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "NonSigne", "n'a pas été signé" },
        { "Revoque", "a révoqué ce mandat" },
        { "AutorisationRevoquee", "a révoqué l'autorisation" },
        { "DomaineNonCouvert", "ne couvre pas le domaine « Logement »" },
        { "OrganismeNonCouvert", "ne nomme pas cet organisme" },
        { "NonMandate", "ne vous nomme pas" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_procedure_in_the_persons_place_outside_the_mandate_is_refused_journaled_as_refused_and_nothing_is_saved(string reason, string message)
    {
        var (worker, ts, file) = await ReferentAsync();
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var yesterday = TodayDate.AddDays(-1);
        var mandate = await MandateFixture.CreateAsync(app, file, reason == "NonMandate" ? [colleague.Id] : [worker.Id], yesterday, TodayDate.AddMonths(3),
            reason == "DomaineNonCouvert" ? [(ProcedureDomain.Social, [OnlineOrganisation.Caf])] : null,
            signed: reason != "NonSigne",
            then: m =>
            {
                if (reason == "Revoque") m.Revoke(TodayDate, worker.Id, MandateRevocationReason.DemandeDeLaPersonne);
                if (reason == "AutorisationRevoquee") m.AuthorisationFor(ProcedureDomain.Logement)!.Revoke(TodayDate, worker.Id, null);
            });
        var body = reason switch
        {
            "DomaineNonCouvert" or "AutorisationRevoquee" => InPlace(mandate.Id, domain: "Logement", organisation: "BailleurSocial"),
            "OrganismeNonCouvert" => InPlace(mandate.Id, organisation: "Autre"), // « Autre organisme » only when the mandate lists it
            _ => InPlace(mandate.Id),
        };

        var response = await ts.ApiSendAsync(HttpMethod.Post, Url(file), body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Démarche refusée", problem.GetProperty("title").GetString());
        Assert.Contains(message, problem.GetProperty("detail").GetString());
        Assert.False(await DbAsync(db => db.MandateActions.AnyAsync(x => x.MandateId == mandate.Id)));
        var refusal = Assert.Single(await JournalAsync(file.PersonId), e => e.Action == JournalAction.DemarcheRefusee);
        Assert.Equal(mandate.Id, refusal.Reference);
        Assert.Equal(reason, refusal.Detail);
        Assert.Equal(worker.Id, refusal.AccountId);
    }

    [Fact]
    public async Task A_procedure_done_the_day_before_a_revocation_is_recorded_after_it_and_one_done_on_its_day_is_refused()
    {
        var (worker, ts, file) = await ReferentAsync();
        var yesterday = TodayDate.AddDays(-1);
        var mandate = await MandateFixture.CreateAsync(app, file, [worker.Id], TodayDate.AddDays(-7), TodayDate.AddMonths(3),
            then: m => m.AuthorisationFor(ProcedureDomain.Logement)!.Revoke(TodayDate, worker.Id, MandateRevocationReason.DemandeDeLaPersonne));

        var before = await CreatedAsync(await ts.ApiSendAsync(HttpMethod.Post, Url(file),
            InPlace(mandate.Id, domain: "Logement", organisation: "BailleurSocial", on: yesterday.ToString("yyyy-MM-dd"))));
        var onTheDay = await ts.ApiSendAsync(HttpMethod.Post, Url(file), InPlace(mandate.Id, domain: "Logement", organisation: "BailleurSocial"));

        Assert.Equal(yesterday, (await DbAsync(db => db.MandateActions.AsNoTracking().SingleAsync(x => x.Id == before))).DoneOn);
        Assert.Equal(HttpStatusCode.BadRequest, onTheDay.StatusCode);
        Assert.Contains("a révoqué l'autorisation", (await onTheDay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(1, await DbAsync(db => db.MandateActions.CountAsync(x => x.MandateId == mandate.Id)));
    }

    [Fact]
    public async Task The_form_offers_only_the_mandates_in_force_that_name_the_worker_and_says_so_when_there_is_none()
    {
        var (worker, ts, file) = await ReferentAsync();
        var url = $"/accompagnements/{file.FollowUpId}/aides-numeriques/nouvelle";
        var none = await ts.PageTextAsync(url + "?niveau=je-fais-a-la-place");
        Assert.Contains("Aucun mandat en vigueur ne vous permet d'agir à la place de la personne : préparez un mandat depuis son dossier.", WebUtility.HtmlDecode(none));

        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var mine = await MandateFixture.CreateAsync(app, file, [worker.Id], TodayDate, TodayDate.AddMonths(2));
        var notMine = await MandateFixture.CreateAsync(app, file, [colleague.Id], TodayDate, TodayDate.AddMonths(2));
        var ended = await MandateFixture.CreateAsync(app, file, [worker.Id], TodayDate.AddMonths(-3), TodayDate.AddDays(-1));
        var unsigned = await MandateFixture.CreateAsync(app, file, [worker.Id], TodayDate, TodayDate.AddMonths(2), signed: false);
        var page = await ts.PageTextAsync(url + "?niveau=je-fais-a-la-place");
        Assert.Contains($"value=\"{mine.Id}\"", page);
        Assert.DoesNotContain(notMine.Id.ToString(), page);
        Assert.DoesNotContain(ended.Id.ToString(), page);
        Assert.DoesNotContain(unsigned.Id.ToString(), page);
        Assert.DoesNotContain("value=\"Justice\"", page); // only the mandates' domains

        // The page records each level, then goes back to the file.
        var training = await ts.PostFormAsync(url + "?niveau=je-forme", Form(("Input.Level", "JeForme"), ("Input.OccurredOn", Today), ("Input.Theme", "NaviguerSurInternet")), url + "?niveau=je-forme");
        Assert.Equal(HttpStatusCode.Redirect, training.StatusCode);
        var accompanying = await ts.PostFormAsync(url + "?niveau=j-accompagne", Form(("Input.Level", "JAccompagne"), ("Input.OccurredOn", Today),
            ("Input.Domain", "Travail"), ("Input.Organisation", "FranceTravail"), ("Input.Outcome", "EnCours")), url + "?niveau=j-accompagne");
        Assert.Equal(HttpStatusCode.Redirect, accompanying.StatusCode);
        var inPlace = await ts.PostFormAsync(url + "?niveau=je-fais-a-la-place", Form(("Input.Level", "JeFaisALaPlaceDe"), ("Input.OccurredOn", Today),
            ("Input.MandateId", mine.Id.ToString()), ("Input.Domain", "Social"), ("Input.Organisation", "Cpam"), ("Input.Procedure", "TelechargementDAttestation"),
            ("Input.Outcome", "Aboutie")), url + "?niveau=je-fais-a-la-place");
        Assert.Equal(HttpStatusCode.Redirect, inPlace.StatusCode);
        Assert.Equal(2, await DbAsync(db => db.DigitalHelps.CountAsync(h => h.FollowUpId == file.FollowUpId)));
        Assert.Equal(1, await DbAsync(db => db.MandateActions.CountAsync(a => a.MandateId == mine.Id)));

        // A refusal on the page: in French, in the error summary, journaled, nothing saved.
        var refused = await ts.PostFormAsync(url + "?niveau=je-fais-a-la-place", Form(("Input.Level", "JeFaisALaPlaceDe"), ("Input.OccurredOn", Today),
            ("Input.MandateId", notMine.Id.ToString()), ("Input.Domain", "Social"), ("Input.Organisation", "Cpam"), ("Input.Procedure", "TelechargementDAttestation"),
            ("Input.Outcome", "Aboutie")), url + "?niveau=je-fais-a-la-place");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("ne vous nomme pas", WebUtility.HtmlDecode(await refused.TextAsync()));
        Assert.False(await DbAsync(db => db.MandateActions.AnyAsync(a => a.MandateId == notMine.Id)));
        Assert.Contains(await JournalAsync(file.PersonId), e => e.Action == JournalAction.DemarcheRefusee && e.Reference == notMine.Id);
    }

    [Fact]
    public async Task The_form_states_what_each_level_records()
    {
        var (_, ts, file) = await ReferentAsync();
        var url = $"/accompagnements/{file.FollowUpId}/aides-numeriques/nouvelle";
        var choice = WebUtility.HtmlDecode(await ts.PageTextAsync(url));
        Assert.Contains("Je forme", choice);
        Assert.Contains("J'accompagne", choice);
        Assert.Contains("Je fais à la place de la personne", choice);
        Assert.Contains("données fictives", WebUtility.HtmlDecode(await ts.PageTextAsync(url + "?niveau=je-forme")));
        Assert.Contains("rien de la situation de la personne", WebUtility.HtmlDecode(await ts.PageTextAsync(url + "?niveau=je-forme")));
        Assert.Contains("saisit elle-même ses identifiants", WebUtility.HtmlDecode(await ts.PageTextAsync(url + "?niveau=j-accompagne")));
        Assert.Contains("ne les notez nulle part", WebUtility.HtmlDecode(await ts.PageTextAsync(url + "?niveau=j-accompagne")));
    }

    public static TheoryData<string, string, object> BadInputs() => new()
    {
        { "sans niveau", "level", Training(level: null) },
        { "sans date", "occurredOn", new { level = "JeForme", theme = "NaviguerSurInternet" } },
        { "date future", "occurredOn", Training(on: TodayDate.AddDays(1).ToString("yyyy-MM-dd")) },
        { "avant l'ouverture", "occurredOn", Training(on: "2025-12-31") },
        { "je forme sans thème", "theme", Training(theme: null) },
        { "j'accompagne sans domaine", "domain", Accompanying(domain: null) },
        { "j'accompagne sans organisme", "organisation", Accompanying(organisation: null) },
        { "j'accompagne sans résultat", "outcome", Accompanying(outcome: null) },
        { "à la place sans mandat", "mandateId", InPlace(null) },
        { "à la place sans démarche", "procedure", InPlace(Guid.NewGuid(), procedure: null) },
        { "à la place d'un mandat d'une autre personne", "mandateId", InPlace(Guid.NewGuid()) },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_digital_help_is_refused_on_its_field_in_french_and_nothing_is_saved(string _, string field, object body)
    {
        var (_, ts, file) = await ReferentAsync();
        var response = await ts.ApiSendAsync(HttpMethod.Post, Url(file), body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.EnumerateObject().Any(p => p.Name.Equals(field, StringComparison.OrdinalIgnoreCase) || p.Name.EndsWith("." + field, StringComparison.OrdinalIgnoreCase)), errors.ToString());
        Assert.False(await DbAsync(db => db.DigitalHelps.AnyAsync(h => h.PersonId == file.PersonId)));
        Assert.False(await DbAsync(db => db.MandateActions.AnyAsync(h => h.PersonId == file.PersonId)));
    }

    [Fact]
    public async Task A_level_outside_its_list_is_refused_and_nothing_is_saved()
    {
        var (_, ts, file) = await ReferentAsync();
        foreach (var level in new object[] { "JeSaisPas", 7, "JeForme,JAccompagne" })
        {
            var response = await ts.ApiSendAsync(HttpMethod.Post, Url(file), new { level, occurredOn = Today, theme = "NaviguerSurInternet" });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{level}: {(int)response.StatusCode}");
        }
        var url = $"/accompagnements/{file.FollowUpId}/aides-numeriques/nouvelle";
        var page = await ts.PostFormAsync(url, Form(("Input.Level", "99"), ("Input.OccurredOn", Today), ("Input.Theme", "NaviguerSurInternet")), url + "?niveau=je-forme");
        Assert.True(page.StatusCode == HttpStatusCode.OK, await page.Content.ReadAsStringAsync());
        Assert.False(await DbAsync(db => db.DigitalHelps.AnyAsync(h => h.PersonId == file.PersonId)));
    }

    [Fact]
    public async Task The_form_shows_french_errors_on_its_fields_and_saves_nothing()
    {
        var (_, ts, file) = await ReferentAsync();
        var url = $"/accompagnements/{file.FollowUpId}/aides-numeriques/nouvelle?niveau=j-accompagne";
        var page = await ts.PostFormAsync(url, Form(("Input.Level", "JAccompagne"), ("Input.OccurredOn", TodayDate.AddDays(2).ToString("yyyy-MM-dd"))), url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.TextAsync());
        Assert.Contains("La date de l'aide ne peut pas être dans le futur.", html);
        Assert.Contains("Choisissez le domaine de la démarche.", html);
        Assert.Contains("Choisissez l'organisme de la démarche.", html);
        Assert.Contains("Indiquez le résultat de la démarche.", html);
        var noLevel = await ts.PostFormAsync(url, Form(("Input.OccurredOn", Today)), url);
        Assert.Equal(HttpStatusCode.OK, noLevel.StatusCode);
        Assert.Contains("Choisissez le niveau de l'aide", WebUtility.HtmlDecode(await noLevel.TextAsync()));
        Assert.False(await DbAsync(db => db.DigitalHelps.AnyAsync(h => h.PersonId == file.PersonId)));
    }

    [Fact]
    public async Task Every_account_outside_the_follow_ups_team_gets_404_and_the_head_of_the_team_reads_without_writing()
    {
        var (worker, ts, file) = await ReferentAsync();
        var rc = await app.CreateAccountAsync(StaffRole.ResponsableCirconscription);
        var teamFile = await app.CreateCaseAsync(0, worker, [rc]);
        await CreatedAsync(await ts.ApiSendAsync(HttpMethod.Post, Url(teamFile), Training()));
        var mandate = await MandateFixture.CreateAsync(app, file, [worker.Id], TodayDate, TodayDate.AddMonths(1));
        var others = new List<(string Who, StaffSession Session)>
        {
            ("accueil", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil))),
            ("secrétariat", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Secretariat))),
            ("RC hors équipe", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription))),
            ("DPO", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo))),
            ("direction", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Direction))),
            ("TS non affecté", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial))),
            ("TS d'une autre circonscription", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1))),
        };
        foreach (var (who, session) in others)
        {
            Assert.True(HttpStatusCode.NotFound == (await session.ApiSendAsync(HttpMethod.Post, Url(file), Training())).StatusCode, who);
            Assert.True(HttpStatusCode.NotFound == (await session.ApiSendAsync(HttpMethod.Post, Url(file), InPlace(mandate.Id))).StatusCode, who);
            Assert.True(HttpStatusCode.NotFound == (await session.Client.GetAsync(Url(file))).StatusCode, who);
            Assert.True(HttpStatusCode.NotFound == (await session.Client.GetAsync($"/accompagnements/{file.FollowUpId}/aides-numeriques/nouvelle")).StatusCode, who);
        }
        var rcSession = await StaffSession.LoginAsync(app, rc);
        Assert.Equal(HttpStatusCode.NotFound, (await rcSession.ApiSendAsync(HttpMethod.Post, Url(teamFile), Training())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rcSession.Client.GetAsync($"/accompagnements/{teamFile.FollowUpId}/aides-numeriques/nouvelle")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rcSession.Client.GetAsync(Url(teamFile))).StatusCode);
        var rcHtml = await rcSession.PageTextAsync($"/personnes/{teamFile.PersonId}");
        Assert.Contains("Aides numériques", rcHtml);
        Assert.DoesNotContain("Enregistrer une aide numérique", rcHtml);
        Assert.Equal(1, await DbAsync(db => db.DigitalHelps.CountAsync(h => h.PersonId == file.PersonId || h.PersonId == teamFile.PersonId)));
        Assert.False(await DbAsync(db => db.MandateActions.AnyAsync(a => a.MandateId == mandate.Id)));
        // A mandate of another person through this follow-up: refused on its field, nothing done, nothing about it said.
        var foreign = await ts.ApiSendAsync(HttpMethod.Post, Url(teamFile), InPlace(mandate.Id));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.False(await DbAsync(db => db.MandateActions.AnyAsync(a => a.MandateId == mandate.Id)));
    }

    [Fact]
    public async Task A_closed_follow_up_takes_no_digital_help()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var open = await app.CreateCaseAsync(0, worker);
        var closed = await app.CreateCaseAsync(0, worker, closed: true);
        var response = await ts.ApiSendAsync(HttpMethod.Post, Url(closed), Training());
        Assert.True(response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound, response.StatusCode.ToString());
        Assert.False(await DbAsync(db => db.DigitalHelps.AnyAsync(h => h.PersonId == closed.PersonId)));
        Assert.Contains("Enregistrer une aide numérique", await ts.PageTextAsync($"/personnes/{open.PersonId}"));
    }
}
