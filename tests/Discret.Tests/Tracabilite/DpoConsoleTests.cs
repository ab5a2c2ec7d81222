using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;

namespace Discret.Tests.Tracabilite;

/// <summary>The DPO console: reserved to the DPO, searches the journal, and journals every consultation of it.</summary>
[Collection(JournalCollection.Name)]
public class DpoConsoleTests(DiscretFactory app)
{
    public static readonly string[] Pages =
    [
        "/tracabilite", "/tracabilite/journal", "/tracabilite/alertes", "/tracabilite/controles", "/tracabilite/dossier", "/tracabilite/violation",
    ];

    /// <summary>Writes entries straight into the chain (oldest first), as the application would have.</summary>
    public static async Task AddEntriesAsync(DiscretFactory app, IEnumerable<JournalEntry> entries)
    {
        await app.WithDbAsync(async db =>
        {
            db.JournalEntries.AddRange(entries.OrderBy(e => e.At));
            await db.SaveChangesAsync();
        });
    }

    private static async Task<int> CountAsync(DiscretFactory app, Guid account, JournalAction action, string? detail = null)
    {
        var count = 0;
        await app.WithDbAsync(async db => count = await db.JournalEntries.CountAsync(e => e.AccountId == account && e.Action == action && (detail == null || e.Detail == detail)));
        return count;
    }

    [Fact]
    public async Task Every_console_page_and_api_answers_404_to_every_role_but_the_dpo()
    {
        var someAccount = await app.CreateAccountAsync(StaffRole.Accueil);
        var urls = Pages.Concat([
            "/api/v1/tracabilite/journal", $"/api/v1/tracabilite/dossiers/{Guid.NewGuid()}",
            $"/api/v1/tracabilite/comptes/{someAccount.Id}/dossiers?from=2026-01-01&to=2026-01-31",
        ]).ToList();
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
            foreach (var url in urls)
            {
                var response = await session.Client.GetAsync(url);
                if (role == StaffRole.Dpo) Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {url}: {(int)response.StatusCode}");
                else Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{role} {url}: {(int)response.StatusCode}");
            }
            // Forms too: drawing a spot check is refused as if the page did not exist.
            if (role != StaffRole.Dpo)
            {
                var draw = await session.PostFormAsync("/tracabilite/controles", new(), pageUrl: "/");
                Assert.Equal(HttpStatusCode.NotFound, draw.StatusCode);
            }
        }
    }

    [Fact]
    public async Task The_dpo_sees_the_traceability_link_and_no_one_else_does()
    {
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        Assert.Contains("href=\"/tracabilite\"", await dpo.Client.GetStringAsync("/"));
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        Assert.DoesNotContain("href=\"/tracabilite\"", await rc.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Search_by_account_person_action_and_period_returns_the_right_entries_newest_first_page_by_page()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var other = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (p1, p2) = (Guid.NewGuid(), Guid.NewGuid());
        var start = new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc); // 10:00 in Paris
        var entries = new List<JournalEntry>();
        for (var i = 0; i < 60; i++)
            entries.Add(new JournalEntry(start.AddHours(i), worker.Id, StaffRole.TravailleurSocial, i % 2 == 0 ? p1 : p2,
                i % 3 == 0 ? JournalAction.Ecriture : JournalAction.Lecture, "Identite,Coordonnees", null, null, "10.0.0.1"));
        entries.Add(new JournalEntry(start.AddHours(5).AddMinutes(1), other.Id, StaffRole.TravailleurSocial, p1, JournalAction.Lecture, "Identite", null, null, "10.0.0.2"));
        await AddEntriesAsync(app, entries);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));

        async Task<(List<JsonElement> Entries, long? Next)> Api(string query)
        {
            var json = await dpo.Client.GetFromJsonAsync<JsonElement>("/api/v1/tracabilite/journal?" + query);
            var next = json.GetProperty("next");
            return (json.GetProperty("entries").EnumerateArray().ToList(), next.ValueKind == JsonValueKind.Null ? null : next.GetInt64());
        }

        // By account: 60 entries, 50 then 10, newest first, nothing of the other account.
        var first = await Api($"accountId={worker.Id}");
        Assert.Equal(JournalSearch.PageSize, first.Entries.Count);
        Assert.NotNull(first.Next);
        var second = await Api($"accountId={worker.Id}&before={first.Next}");
        Assert.Equal(10, second.Entries.Count);
        Assert.Null(second.Next);
        var times = first.Entries.Concat(second.Entries).Select(e => e.GetProperty("at").GetDateTime()).ToList();
        Assert.Equal(entries.Where(e => e.AccountId == worker.Id).Select(e => e.At).OrderDescending().ToList(), times);
        Assert.All(first.Entries.Concat(second.Entries), e => Assert.Equal(worker.Id, e.GetProperty("accountId").GetGuid()));

        // By person: both accounts' entries on that file only — and, newest, this very search, journaled on the file.
        var byPerson = await Api($"personId={p1}");
        Assert.Equal(32, byPerson.Entries.Count);
        Assert.Equal("ConsultationJournal", byPerson.Entries[0].GetProperty("action").GetString());
        Assert.Equal(31, byPerson.Entries.Count(e => e.GetProperty("action").GetString() is "Lecture" or "Ecriture"));
        Assert.All(byPerson.Entries, e => Assert.Equal(p1, e.GetProperty("personId").GetGuid()));

        // By action, with the account: the writes only, labelled in French.
        var writes = await Api($"accountId={worker.Id}&action=Ecriture");
        Assert.Equal(20, writes.Entries.Count);
        Assert.All(writes.Entries, e => Assert.Equal("Écriture", e.GetProperty("actionLabel").GetString()));

        // By period (Paris dates, the end included): 2 March = hours 0…13 of the series (10:00–23:59 Paris).
        var day = await Api($"accountId={worker.Id}&from=2026-03-02&to=2026-03-02");
        Assert.Equal(14, day.Entries.Count);

        // The page shows the same, with names and French labels, and a link to the older entries.
        var html = WebUtility.HtmlDecode(await dpo.Client.GetStringAsync($"/tracabilite/journal?AccountId={worker.Id}&Action=Ecriture"));
        Assert.Contains("Agent de test " + worker.Login, html);
        Assert.Contains("Travailleur social", html);
        Assert.Contains("Identité, Coordonnées", html);
        Assert.DoesNotContain("Entrées plus anciennes", html);
        var paged = WebUtility.HtmlDecode(await dpo.Client.GetStringAsync($"/tracabilite/journal?AccountId={worker.Id}"));
        Assert.Contains($"Before={first.Next}", paged);
    }

    [Fact]
    public async Task A_malformed_file_id_in_the_search_is_a_french_error_not_a_search()
    {
        var dpoAccount = await app.CreateAccountAsync(StaffRole.Dpo);
        var dpo = await StaffSession.LoginAsync(app, dpoAccount);
        var before = await CountAsync(app, dpoAccount.Id, JournalAction.ConsultationJournal);
        var html = await dpo.Client.GetStringAsync("/tracabilite/journal?PersonId=pas-un-identifiant");
        Assert.Contains("data-error-summary", html);
        Assert.Equal(before, await CountAsync(app, dpoAccount.Id, JournalAction.ConsultationJournal));
    }

    [Fact]
    public async Task Each_console_view_is_journaled_exactly_once_as_a_consultation_of_the_journal()
    {
        var dpoAccount = await app.CreateAccountAsync(StaffRole.Dpo);
        var dpo = await StaffSession.LoginAsync(app, dpoAccount);
        var worker = await app.CreateAccountAsync(StaffRole.Accueil);
        var person = Guid.NewGuid();
        await AddEntriesAsync(app, [new JournalEntry(DateTime.UtcNow.AddHours(-1), worker.Id, StaffRole.Accueil, person, JournalAction.Lecture, "Identite", null, null, null)]);
        var check = new SpotCheck(dpoAccount.Id, DateTime.UtcNow);
        check.Items.Add(new SpotCheckItem(check.Id, 1));
        await app.WithDbAsync(async db => { db.SpotChecks.Add(check); await db.SaveChangesAsync(); });
        var today = ParisTime.Today(TimeProvider.System);

        var views = new (string View, Func<Task<HttpResponseMessage>> Open)[]
        {
            (DpoConsole.Views.Search, () => dpo.Client.GetAsync($"/tracabilite/journal?AccountId={worker.Id}")),
            (DpoConsole.Views.Alerts, () => dpo.Client.GetAsync("/tracabilite/alertes")),
            (DpoConsole.Views.SpotCheckList, () => dpo.Client.GetAsync("/tracabilite/controles")),
            (DpoConsole.Views.SpotCheck, () => dpo.Client.GetAsync($"/tracabilite/controles/{check.Id}")),
            (DpoConsole.Views.SpotCheckItem, () => dpo.Client.GetAsync($"/tracabilite/controles/{check.Id}/elements/{check.Items[0].Id}")),
            (DpoConsole.Views.PersonHistory, () => dpo.PostFormAsync("/tracabilite/dossier", new() { ["Input.PersonId"] = person.ToString() })),
            (DpoConsole.Views.Breach, () => dpo.PostFormAsync("/tracabilite/violation", new()
                { ["Input.AccountId"] = worker.Id.ToString(), ["Input.From"] = today.AddDays(-1).ToString("yyyy-MM-dd"), ["Input.To"] = today.AddDays(1).ToString("yyyy-MM-dd") })),
            (DpoConsole.Views.Search, () => dpo.Client.GetAsync($"/api/v1/tracabilite/journal?personId={person}")),
            (DpoConsole.Views.PersonHistory, () => dpo.Client.GetAsync($"/api/v1/tracabilite/dossiers/{person}")),
            (DpoConsole.Views.Breach, () => dpo.Client.GetAsync($"/api/v1/tracabilite/comptes/{worker.Id}/dossiers?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}")),
        };
        foreach (var (view, open) in views)
        {
            var before = await CountAsync(app, dpoAccount.Id, JournalAction.ConsultationJournal);
            var beforeView = await CountAsync(app, dpoAccount.Id, JournalAction.ConsultationJournal, view);
            var response = await open();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{view}: {(int)response.StatusCode}");
            Assert.True(before + 1 == await CountAsync(app, dpoAccount.Id, JournalAction.ConsultationJournal), $"{view}: not exactly one consultation entry");
            Assert.Equal(beforeView + 1, await CountAsync(app, dpoAccount.Id, JournalAction.ConsultationJournal, view));
        }
        // The file's history is journaled on the file, so that it appears in the file's own history.
        await app.WithDbAsync(async db => Assert.Equal(2, await db.JournalEntries.CountAsync(e => e.AccountId == dpoAccount.Id && e.PersonId == person
            && e.Action == JournalAction.ConsultationJournal && e.Detail == DpoConsole.Views.PersonHistory)));
    }

    [Fact]
    public async Task The_history_of_a_file_lists_professions_actions_and_purposes_and_never_the_persons_name()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        await AddEntriesAsync(app,
        [
            new JournalEntry(DateTime.UtcNow.AddHours(-3), worker.Id, StaffRole.TravailleurSocial, file.PersonId, JournalAction.Lecture, "Identite,Entretiens", null, null, "10.1.1.1"),
            new JournalEntry(DateTime.UtcNow.AddHours(-2), worker.Id, StaffRole.TravailleurSocial, file.PersonId, JournalAction.Ecriture, "Entretiens", "AccesExceptionnel", Guid.NewGuid(), "10.1.1.1"),
        ]);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));

        var response = await dpo.PostFormAsync("/tracabilite/dossier", new() { ["Input.PersonId"] = file.PersonId.ToString() });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Travailleur social", html);
        Assert.Contains("Identité, Entretiens", html);
        Assert.Contains("Accès exceptionnel", html);
        Assert.DoesNotContain(file.BirthName, html);
        Assert.DoesNotContain("Alex", html);
        Assert.DoesNotContain("Agent de test " + worker.Login, html);
        Assert.DoesNotContain("10.1.1.1", html);

        var json = await dpo.Client.GetStringAsync($"/api/v1/tracabilite/dossiers/{file.PersonId}");
        Assert.Contains("Lecture", json);
        Assert.DoesNotContain(file.BirthName, json);
        Assert.DoesNotContain(worker.Id.ToString(), json);
    }

    [Fact]
    public async Task The_breach_list_gives_the_files_an_account_touched_in_the_period_and_its_csv_is_journaled_as_an_export()
    {
        var suspect = await app.CreateAccountAsync(StaffRole.Secretariat);
        var bystander = await app.CreateAccountAsync(StaffRole.Secretariat);
        var (read, written, outside, searchedOnly, othersFile) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var t = new DateTime(2026, 4, 14, 10, 0, 0, DateTimeKind.Utc);
        await AddEntriesAsync(app,
        [
            new JournalEntry(t, suspect.Id, StaffRole.Secretariat, read, JournalAction.Lecture, "Identite", null, null, null),
            new JournalEntry(t.AddHours(1), suspect.Id, StaffRole.Secretariat, read, JournalAction.Lecture, "Identite", null, null, null),
            new JournalEntry(t.AddDays(1), suspect.Id, StaffRole.Secretariat, written, JournalAction.Ecriture, "RendezVous", null, null, null),
            new JournalEntry(t.AddDays(10), suspect.Id, StaffRole.Secretariat, outside, JournalAction.Lecture, "Identite", null, null, null),
            new JournalEntry(t.AddHours(2), suspect.Id, StaffRole.Secretariat, searchedOnly, JournalAction.AccesRefuse, null, null, null, null),
            new JournalEntry(t.AddHours(2), bystander.Id, StaffRole.Secretariat, othersFile, JournalAction.Lecture, "Identite", null, null, null),
        ]);
        var dpoAccount = await app.CreateAccountAsync(StaffRole.Dpo);
        var dpo = await StaffSession.LoginAsync(app, dpoAccount);
        var fields = new Dictionary<string, string> { ["Input.AccountId"] = suspect.Id.ToString(), ["Input.From"] = "2026-04-14", ["Input.To"] = "2026-04-20" };
        var expected = new[] { read, written }.Order().ToList();

        var html = WebUtility.HtmlDecode(await (await dpo.PostFormAsync("/tracabilite/violation", fields)).Content.ReadAsStringAsync());
        Assert.Contains("data-files-count=\"2\"", html);
        Assert.All(expected, id => Assert.Contains(id.ToString(), html));
        Assert.DoesNotContain(outside.ToString(), html);
        Assert.DoesNotContain(othersFile.ToString(), html);

        var exportsBefore = await CountAsync(app, dpoAccount.Id, JournalAction.Export);
        var csv = await dpo.PostFormAsync("/tracabilite/violation?handler=Export", fields, pageUrl: "/tracabilite/violation");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType?.ToString());
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["dossier", .. expected.Select(g => g.ToString())], lines);
        Assert.Equal(exportsBefore + 1, await CountAsync(app, dpoAccount.Id, JournalAction.Export));
        await app.WithDbAsync(async db =>
        {
            var export = await db.JournalEntries.Where(e => e.AccountId == dpoAccount.Id && e.Action == JournalAction.Export).OrderByDescending(e => e.Seq).FirstAsync();
            Assert.Equal(suspect.Id, export.Reference);
            Assert.Equal("violation:2", export.Detail);
        });

        var json = await dpo.Client.GetFromJsonAsync<JsonElement>($"/api/v1/tracabilite/comptes/{suspect.Id}/dossiers?from=2026-04-14&to=2026-04-20");
        Assert.Equal(2, json.GetProperty("count").GetInt32());
        Assert.Equal(expected, json.GetProperty("files").EnumerateArray().Select(e => e.GetGuid()).ToList());
        var missing = await dpo.Client.GetAsync($"/api/v1/tracabilite/comptes/{suspect.Id}/dossiers");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task The_integrity_page_verifies_and_seals_the_chain_on_demand()
    {
        var dpoAccount = await app.CreateAccountAsync(StaffRole.Dpo);
        var dpo = await StaffSession.LoginAsync(app, dpoAccount);
        var consultations = await CountAsync(app, dpoAccount.Id, JournalAction.ConsultationJournal, DpoConsole.Views.Integrity);
        Assert.Contains("Intégrité du journal", WebUtility.HtmlDecode(await dpo.Client.GetStringAsync("/tracabilite/integrite")));
        Assert.Equal(consultations + 1, await CountAsync(app, dpoAccount.Id, JournalAction.ConsultationJournal, DpoConsole.Views.Integrity));

        var verified = await dpo.PostFormAsync("/tracabilite/integrite?handler=Verify", new(), pageUrl: "/tracabilite/integrite");
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        var afterVerify = WebUtility.HtmlDecode(await dpo.Client.GetStringAsync("/tracabilite/integrite"));
        Assert.Contains("Chaîne intacte", afterVerify);
        Assert.Contains("la chaîne est intacte", afterVerify);

        var sealedResponse = await dpo.PostFormAsync("/tracabilite/integrite?handler=Seal", new(), pageUrl: "/tracabilite/integrite");
        Assert.Equal(HttpStatusCode.Redirect, sealedResponse.StatusCode);
        long head = 0;
        await app.WithDbAsync(async db => head = await db.JournalHeads.Select(h => h.Seq).SingleAsync());
        var afterSeal = WebUtility.HtmlDecode(await dpo.Client.GetStringAsync("/tracabilite/integrite"));
        Assert.Contains("Tête de la chaîne scellée", afterSeal);
        Assert.Contains($"anchor-{head:D12}.json", afterSeal);
        Assert.Contains("Valide", afterSeal);
    }

    [Fact]
    public void French_public_holidays_and_labels_are_right()
    {
        Assert.Equal(new DateOnly(2026, 4, 5), FrenchCalendar.Easter(2026));
        Assert.Equal("lundi de Pâques", FrenchCalendar.HolidayName(new DateOnly(2026, 4, 6)));
        Assert.Equal("Ascension", FrenchCalendar.HolidayName(new DateOnly(2026, 5, 14)));
        Assert.True(FrenchCalendar.IsDayOff(new DateOnly(2026, 7, 14)));
        Assert.False(FrenchCalendar.IsDayOff(new DateOnly(2026, 7, 15)));
        Assert.Equal("Identité, Rendez-vous", JournalLabels.Detail("Identite,RendezVous"));
        Assert.Equal("12", JournalLabels.Detail("12"));
    }

    /// <summary>The journal's details read in French on the console: a sharing's data categories, a confirmed guard
    /// warning (field and categories), a write and its groups; a detail that is none of these stays as written.</summary>
    [Fact]
    public void The_details_of_sharings_warnings_and_writes_read_in_french()
    {
        Assert.Equal("Identité, Logement", JournalLabels.Detail("Identite,Logement")); // a sharing's data categories
        var summary = Discret.Catalogue.DataCatalogue.Fields.First(f => f.FreeText && f.Property == "Summary").Label;
        Assert.Equal($"{summary} : {Discret.Web.Features.Garde.TextGuard.Label(Discret.Web.Features.Garde.FindingCategory.Health)}, {Discret.Web.Features.Garde.TextGuard.Label(Discret.Web.Features.Garde.FindingCategory.Judgement)}",
            JournalLabels.Detail("Summary:Health,Judgement"));
        Assert.Equal($"partage : Identité, Rendez-vous", JournalLabels.Detail("partage: Identite,RendezVous"));
        Assert.Equal("conservation deux-ans : 900 jours", JournalLabels.Detail("conservation deux-ans : 900 jours"));
        Assert.Equal(5, JournalAlerts.Median([9, 1, 4, 6, 2, 7]));
        Assert.Equal(4, JournalAlerts.Median([9, 1, 4]));
        Assert.Equal(0, JournalAlerts.Median([]));
    }
}
