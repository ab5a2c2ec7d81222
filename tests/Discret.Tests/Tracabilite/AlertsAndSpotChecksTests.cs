using System.Net;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Tracabilite;

/// <summary>The anomaly alerts, on an application of their own (the medians compare the accounts of a role on a day).</summary>
public sealed class AlertsTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The most recent working day of the window, before today (Paris).</summary>
    private DateOnly WorkingDay()
    {
        var today = ParisTime.Today(_app.Clock!);
        return Enumerable.Range(1, 6).Select(i => today.AddDays(-i)).First(d => !FrenchCalendar.IsDayOff(d));
    }

    private static IEnumerable<JournalEntry> Reads(TestAccount a, DateOnly day, int files, int hour = 10) =>
        Enumerable.Range(0, files).Select(i => new JournalEntry(ParisTime.ToUtc(day, new TimeOnly(hour, 0)).AddSeconds(30 * i), a.Id, a.Role, Guid.NewGuid(),
            JournalAction.Lecture, "Identite", null, null, null));

    [Fact]
    public async Task An_over_reader_a_night_read_a_refused_burst_and_repeated_break_glass_each_raise_their_alert_and_a_normal_account_none()
    {
        var day = WorkingDay();
        var peers = new List<TestAccount>();
        for (var i = 0; i < 3; i++) peers.Add(await _app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var overReader = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var nightOwl = await _app.CreateAccountAsync(StaffRole.Secretariat);
        var refused = await _app.CreateAccountAsync(StaffRole.Accueil);
        var breakGlass = await _app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1);
        var entries = new List<JournalEntry>();
        entries.AddRange(Reads(peers[0], day, 5));
        entries.AddRange(Reads(peers[1], day, 8));
        entries.AddRange(Reads(peers[2], day, 12));
        entries.AddRange(Reads(overReader, day, 45));
        // Reading the same file again and again is not reading more files.
        var sameFile = Guid.NewGuid();
        entries.AddRange(Enumerable.Range(0, 60).Select(i => new JournalEntry(ParisTime.ToUtc(day, new TimeOnly(11, 0)).AddSeconds(i), peers[0].Id, peers[0].Role,
            sameFile, JournalAction.Lecture, "Identite", null, null, null)));
        entries.AddRange(Reads(nightOwl, day, 2, hour: 22));
        entries.AddRange(Reads(nightOwl, day, 3, hour: 14));
        entries.AddRange(Enumerable.Range(0, 8).Select(i => new JournalEntry(ParisTime.ToUtc(day, new TimeOnly(15, i)), refused.Id, refused.Role, Guid.NewGuid(),
            JournalAction.AccesRefuse, null, null, null, null)));
        // Three break-glass accesses (the weekly limit), then a fourth request, refused.
        entries.AddRange(Enumerable.Range(0, 3).Select(i => new JournalEntry(ParisTime.ToUtc(day, new TimeOnly(9 + i, 0)), breakGlass.Id, breakGlass.Role, Guid.NewGuid(),
            JournalAction.AccesExceptionnel, null, nameof(BreakGlassReason.Remplacement), Guid.NewGuid(), null)));
        entries.Add(new JournalEntry(ParisTime.ToUtc(day, new TimeOnly(13, 0)), breakGlass.Id, breakGlass.Role, Guid.NewGuid(),
            JournalAction.AccesExceptionnelRefuse, "seuil hebdomadaire", nameof(BreakGlassReason.Remplacement), null, null));
        await DpoConsoleTests.AddEntriesAsync(_app, entries);

        var alerts = await _app.WithAsync(sp => sp.GetRequiredService<JournalAlerts>().ComputeAsync());

        var over = Assert.Single(alerts, a => a.AccountId == overReader.Id);
        Assert.Equal(AlertKind.LecturesExcessives, over.Kind);
        Assert.Equal(45, over.Count);
        Assert.Equal(day, over.From);
        Assert.Equal($"/tracabilite/journal?AccountId={overReader.Id}&From={day:yyyy-MM-dd}&To={day:yyyy-MM-dd}&Action=Lecture", over.SearchHref);
        var night = Assert.Single(alerts, a => a.AccountId == nightOwl.Id);
        Assert.Equal(AlertKind.ActiviteDeNuit, night.Kind);
        Assert.Equal(2, night.Count);
        var burst = Assert.Single(alerts, a => a.AccountId == refused.Id);
        Assert.Equal(AlertKind.AccesRefuses, burst.Kind);
        Assert.Equal(8, burst.Count);
        var glass = Assert.Single(alerts, a => a.AccountId == breakGlass.Id);
        Assert.Equal(AlertKind.AccesExceptionnels, glass.Kind);
        Assert.Equal(4, glass.Count);
        Assert.All(peers, p => Assert.DoesNotContain(alerts, a => a.AccountId == p.Id));

        // The page lists them, each linked to its entries; the link opens the pre-filtered search.
        var dpo = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.Dpo));
        var html = WebUtility.HtmlDecode(await dpo.Client.GetStringAsync("/tracabilite/alertes"));
        Assert.Contains(over.SearchHref, html);
        Assert.Contains("Activité de nuit", html);
        var search = WebUtility.HtmlDecode(await dpo.Client.GetStringAsync(over.SearchHref));
        Assert.Equal(45, System.Text.RegularExpressions.Regex.Matches(search, "<td>Lecture</td>").Count);
    }

    [Fact]
    public async Task Activity_on_a_weekend_day_raises_an_alert()
    {
        var today = ParisTime.Today(_app.Clock!);
        var saturday = Enumerable.Range(1, 6).Select(i => today.AddDays(-i)).First(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        var worker = await _app.CreateAccountAsync(StaffRole.Secretariat);
        await DpoConsoleTests.AddEntriesAsync(_app, Reads(worker, saturday, 2, hour: 11));
        var alerts = await _app.WithAsync(sp => sp.GetRequiredService<JournalAlerts>().ComputeAsync());
        var alert = Assert.Single(alerts, a => a.AccountId == worker.Id);
        Assert.Equal(AlertKind.ActiviteJourNonOuvre, alert.Kind);
    }
}

/// <summary>The spot checks, on an application of their own (a draw samples the whole recent journal).</summary>
public sealed class SpotCheckTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A fictional NIR whose key is valid.</summary>
    private static string Nir()
    {
        const long n = 2870691123045;
        return $"{n}{97 - n % 97:00}";
    }

    [Fact]
    public async Task A_draw_takes_break_glass_accesses_first_and_a_verdict_with_its_observation_is_saved_but_a_nir_is_refused()
    {
        var worker = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var files = new List<TestCase>();
        for (var i = 0; i < 2; i++) files.Add(await _app.CreateCaseAsync(0));
        var now = DateTime.UtcNow;
        var accesses = files.Select((f, i) => new BreakGlassAccess(worker.Id, f.PersonId, BreakGlassReason.ReferentAbsentUrgence,
            $"Référente absente ; facture d'énergie urgente n°{i}.", now.AddDays(-2), TimeSpan.FromHours(4))).ToList();
        await _app.WithDbAsync(async db => { db.BreakGlassAccesses.AddRange(accesses); await db.SaveChangesAsync(); });
        var entries = accesses.Select(a => new JournalEntry(a.StartedAt, worker.Id, worker.Role, a.PersonId, JournalAction.AccesExceptionnel, null,
            a.Reason.ToString(), a.Id, null)).ToList();
        entries.AddRange(Enumerable.Range(0, 60).Select(i => new JournalEntry(now.AddDays(-3).AddMinutes(i), worker.Id, worker.Role, Guid.NewGuid(),
            i % 4 == 0 ? JournalAction.Ecriture : JournalAction.Lecture, "Identite", null, null, null)));
        // An old break-glass access, outside the 30 days: never drawn.
        entries.Add(new JournalEntry(now.AddDays(-45), worker.Id, worker.Role, Guid.NewGuid(), JournalAction.AccesExceptionnel, null, "Remplacement", Guid.NewGuid(), null));
        await DpoConsoleTests.AddEntriesAsync(_app, entries);
        var seqs = new Dictionary<long, JournalAction>();
        var oldSeq = 0L;
        await _app.WithDbAsync(async db =>
        {
            seqs = await db.JournalEntries.Where(e => e.AccountId == worker.Id).ToDictionaryAsync(e => e.Seq, e => e.Action);
            oldSeq = await db.JournalEntries.Where(e => e.AccountId == worker.Id && e.At < now.AddDays(-40)).Select(e => e.Seq).SingleAsync();
        });

        var dpoAccount = await _app.CreateAccountAsync(StaffRole.Dpo);
        var dpo = await StaffSession.LoginAsync(_app, dpoAccount);
        var drawn = await dpo.PostFormAsync("/tracabilite/controles", new());
        Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);
        var checkUrl = drawn.Headers.Location!.OriginalString;
        var checkId = Guid.Parse(checkUrl.Split('/').Last());

        SpotCheck check = null!;
        await _app.WithDbAsync(async db => check = await db.SpotChecks.Include(c => c.Items).SingleAsync(c => c.Id == checkId));
        Assert.Equal(20, check.Items.Count);
        Assert.Equal(20, check.Items.Select(i => i.JournalSeq).Distinct().Count());
        var drawnActions = check.Items.Select(i => seqs.TryGetValue(i.JournalSeq, out var a) ? a : (JournalAction?)null).ToList();
        Assert.Equal(2, drawnActions.Count(a => a == JournalAction.AccesExceptionnel));
        Assert.All(drawnActions, a => Assert.True(a is JournalAction.AccesExceptionnel or JournalAction.Lecture or JournalAction.Ecriture, $"drawn: {a}"));
        Assert.DoesNotContain(check.Items, i => i.JournalSeq == oldSeq);
        await _app.WithDbAsync(async db => Assert.True(await db.JournalEntries.AnyAsync(e => e.AccountId == dpoAccount.Id
            && e.Action == JournalAction.ControleInopine && e.Reference == checkId && e.Detail == "tirage:20")));

        // The check's page lists the break-glass accesses first.
        var page = WebUtility.HtmlDecode(await dpo.Client.GetStringAsync(checkUrl));
        var rows = System.Text.RegularExpressions.Regex.Matches(page, "data-item=\"([0-9a-f-]{36})\"").Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(20, rows.Count);
        var breakGlassItems = check.Items.Where(i => seqs.GetValueOrDefault(i.JournalSeq) == JournalAction.AccesExceptionnel).Select(i => i.Id).ToHashSet();
        Assert.True(rows.Take(2).All(breakGlassItems.Contains));

        // A break-glass item shows the reason and the written justification.
        var item = breakGlassItems.First();
        var itemUrl = $"{checkUrl}/elements/{item}";
        var itemPage = WebUtility.HtmlDecode(await dpo.Client.GetStringAsync(itemUrl));
        Assert.Contains("Référent absent et situation urgente", itemPage);
        Assert.Contains("Référente absente ; facture d'énergie urgente", itemPage);

        // A NIR in the observation: refused, in French, and nothing saved.
        var decisionsBefore = 0;
        await _app.WithDbAsync(async db => decisionsBefore = await db.JournalEntries.CountAsync(e => e.Action == JournalAction.ControleInopine && e.Reference == checkId));
        var refused = await dpo.PostFormAsync(itemUrl, new() { ["Input.Verdict"] = "AExaminer", ["Input.Observation"] = $"Vérifier le dossier {Nir()} avec la référente." });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Rien n'a été enregistré", refusedPage);
        Assert.Contains("data-error-summary", refusedPage);
        await _app.WithDbAsync(async db =>
        {
            var unchanged = await db.SpotCheckItems.AsNoTracking().SingleAsync(i => i.Id == item);
            Assert.Null(unchanged.Verdict);
            Assert.Null(unchanged.Observation);
            Assert.Equal(decisionsBefore, await db.JournalEntries.CountAsync(e => e.Action == JournalAction.ControleInopine && e.Reference == checkId));
        });

        // A factual observation: saved with the verdict, and journaled.
        var saved = await dpo.PostFormAsync(itemUrl, new() { ["Input.Verdict"] = "AExaminer", ["Input.Observation"] = "Quatrième accès exceptionnel du mois : en parler avec la responsable." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await _app.WithDbAsync(async db =>
        {
            var decided = await db.SpotCheckItems.AsNoTracking().SingleAsync(i => i.Id == item);
            Assert.Equal(SpotCheckVerdict.AExaminer, decided.Verdict);
            Assert.Equal("Quatrième accès exceptionnel du mois : en parler avec la responsable.", decided.Observation);
            Assert.NotNull(decided.DecidedAt);
            Assert.True(await db.JournalEntries.AnyAsync(e => e.AccountId == dpoAccount.Id && e.Action == JournalAction.ControleInopine
                && e.Reference == checkId && e.Detail == "decision:AExaminer"));
        });

        // Without a verdict: a French error on the field.
        var noVerdict = await dpo.PostFormAsync(itemUrl, new() { ["Input.Verdict"] = "", ["Input.Observation"] = "" });
        Assert.Contains("Indiquez si l'accès est justifié ou à examiner.", WebUtility.HtmlDecode(await noVerdict.Content.ReadAsStringAsync()));

        // The history shows the progress.
        var list = WebUtility.HtmlDecode(await dpo.Client.GetStringAsync("/tracabilite/controles"));
        Assert.Contains("1 sur 20", list);
    }
}

/// <summary>Demo mode's generated journal gives the DPO console something to show: every kind of alert.</summary>
public sealed class DemoJournalTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new() { DemoJournal = true };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_demo_journal_is_chained_and_raises_each_kind_of_alert()
    {
        var alerts = await _app.WithAsync(sp => sp.GetRequiredService<JournalAlerts>().ComputeAsync());
        Assert.All(Enum.GetValues<AlertKind>(), kind => Assert.Contains(alerts, a => a.Kind == kind));
        await _app.WithDbAsync(async db =>
        {
            var count = await db.JournalEntries.CountAsync();
            Assert.True(count > 2000, $"{count} entries");
            var head = await db.JournalHeads.SingleAsync();
            Assert.Equal(count, head.Seq);
            // The chain holds: each entry's hash is recomputed from its fields and the previous hash.
            var entries = await db.JournalEntries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();
            var previous = Discret.Data.JournalChain.Genesis;
            foreach (var e in entries)
            {
                Assert.Equal(previous, e.PreviousHash);
                Assert.Equal(Discret.Data.JournalChain.ComputeHash(e, previous), e.Hash);
                previous = e.Hash;
            }
            Assert.True(await db.BreakGlassAccesses.AnyAsync());
        });
    }
}
