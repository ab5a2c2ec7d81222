using Discret.Web.Shared;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Retention;
using Discret.Domain.Rights;
using Discret.Web.Features.Conservation;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Conservation;

/// <summary>
/// The retention job on a clock the test moves by years: a file past its active period is listed for elimination,
/// deleted only once the archives service's visa is recorded, and leaves no trace; what the rules keep stays (a recent
/// contact, an open follow-up, a legal hold, a new contact after listing); an intermediate archive comes between;
/// the dry run changes nothing; one instance at a time. Each test runs its own application.
/// </summary>
public sealed class RetentionEngineTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private FakeTimeProvider Clock => _app.Clock!;
    private DateOnly Today => ParisTime.Today(Clock);
    private static readonly TimeSpan TwoYearsAndADay = TimeSpan.FromDays(731);

    /// <summary>A person with a closed follow-up and an interview, last seen today.</summary>
    private async Task<TestCase> ClosedCaseAsync(int circonscription = 0)
    {
        var referent = await _app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: circonscription);
        return await _app.CreateCaseAsync(circonscription, referent, closed: true);
    }

    [Fact]
    public async Task A_file_past_its_active_period_is_listed_and_deleted_only_once_the_archives_service_approved()
    {
        var file = await ClosedCaseAsync();
        Clock.Advance(TwoYearsAndADay);

        var first = (await _app.RunRetentionAsync())!;
        Assert.Contains(first.Planned, l => l.Rule == RetentionRule.DeuxAnsApresDernierContact.Code && l.Action == RunAction.AjoutAuBordereau);
        var batchId = await _app.BatchOfAsync(file.PersonId);
        Assert.NotNull(batchId);
        Assert.True(await _app.PersonExistsAsync(file.PersonId));

        await _app.RunRetentionAsync(); // not approved: nothing is destroyed
        Assert.True(await _app.PersonExistsAsync(file.PersonId));

        var batch = await _app.ApproveBatchAsync();
        Assert.Equal(batchId, batch.Id);
        var run = (await _app.RunRetentionAsync())!;
        Assert.Equal(RunOutcome.Terminee, run.Outcome);
        Assert.Contains(run.Done, l => l.Action == RunAction.Suppression && l.Rule == RetentionRule.DeuxAnsApresDernierContact.Code);
        Assert.False(await _app.PersonExistsAsync(file.PersonId));
        Assert.Equal(0, await _app.DbAsync(db => db.FollowUps.CountAsync(f => f.PersonId == file.PersonId)));
        Assert.Equal(0, await _app.DbAsync(db => db.Interviews.CountAsync(i => i.FollowUpId == file.FollowUpId)));
        Assert.Equal(BatchStatus.Execute, (await _app.DbAsync(db => db.EliminationBatches.SingleAsync(b => b.Id == batch.Id))).Status);
        var entries = await _app.DbAsync(db => db.JournalEntries.Where(e => e.Reference == batch.Id && e.Action == JournalAction.Suppression).ToListAsync());
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.DoesNotContain(file.BirthName, e.Detail ?? ""));
    }

    [Fact]
    public async Task The_files_of_an_approved_batch_are_written_to_the_erasure_ledger_when_the_job_deletes_them()
    {
        var file = await ClosedCaseAsync();
        Clock.Advance(TwoYearsAndADay);
        await _app.RunRetentionAsync();
        var batch = await _app.ApproveBatchAsync();
        Assert.True(await _app.PersonExistsAsync(file.PersonId));
        var before = await _app.WithAsync(async sp => (await sp.GetRequiredService<ErasureLedger>().ReadAsync()).Lines);
        Assert.DoesNotContain(before, l => (l.Persons ?? []).Contains(file.PersonId));

        await _app.RunRetentionAsync();

        Assert.False(await _app.PersonExistsAsync(file.PersonId));
        var lines = await _app.WithAsync(async sp => (await sp.GetRequiredService<ErasureLedger>().ReadAsync()).Lines);
        var line = Assert.Single(lines, l => (l.Persons ?? []).Contains(file.PersonId));
        Assert.Equal(LedgerKind.Elimination, line.Kind);
        Assert.Equal(batch.Id, line.Batch);
    }

    [Fact]
    public async Task A_file_seen_within_the_active_period_or_with_an_open_follow_up_stays()
    {
        var recent = await ClosedCaseAsync();
        var referent = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var open = await _app.CreateCaseAsync(0, referent);
        Clock.Advance(TimeSpan.FromDays(729));
        await _app.RunRetentionAsync();
        Assert.Null(await _app.BatchOfAsync(recent.PersonId));

        Clock.Advance(TimeSpan.FromDays(2));
        var run = (await _app.RunRetentionAsync())!;
        Assert.NotNull(await _app.BatchOfAsync(recent.PersonId));
        Assert.Null(await _app.BatchOfAsync(open.PersonId));
        Assert.Contains(run.Planned, l => l.Action == RunAction.AExaminer); // open follow-up, no contact for two years
    }

    [Fact]
    public async Task A_new_contact_after_the_listing_takes_the_file_out_of_the_approved_batch()
    {
        var file = await ClosedCaseAsync();
        var other = await ClosedCaseAsync();
        Clock.Advance(TwoYearsAndADay);
        await _app.RunRetentionAsync();
        await _app.ApproveBatchAsync();
        await _app.SetLastContactAsync(file.PersonId, Today); // the person came back before the deletion ran

        await _app.RunRetentionAsync();
        Assert.True(await _app.PersonExistsAsync(file.PersonId));
        Assert.Null(await _app.BatchOfAsync(file.PersonId));
        Assert.False(await _app.PersonExistsAsync(other.PersonId));
    }

    [Fact]
    public async Task A_follow_up_opened_after_the_listing_takes_the_file_out_of_the_approved_batch()
    {
        var file = await ClosedCaseAsync();
        Clock.Advance(TwoYearsAndADay);
        await _app.RunRetentionAsync();
        await _app.ApproveBatchAsync();
        // Opened without a contact being recorded: the open follow-up alone must keep the file.
        await _app.WithDbAsync(async db =>
        {
            var person = await db.Persons.SingleAsync(p => p.Id == file.PersonId);
            var referent = await db.FollowUps.Where(f => f.PersonId == file.PersonId).Select(f => f.ReferentId).FirstAsync();
            db.FollowUps.Add(new FollowUp(person.Id, person.CirconscriptionId, referent, [FollowUpMotive.Logement], Today, Provenance.AProfessional));
            await db.SaveChangesAsync();
        });

        await _app.RunRetentionAsync();
        Assert.True(await _app.PersonExistsAsync(file.PersonId));
        Assert.Null(await _app.BatchOfAsync(file.PersonId));
    }

    [Fact]
    public async Task A_file_whose_processing_is_limited_is_kept_and_leaves_an_approved_batch()
    {
        var listed = await ClosedCaseAsync();
        var limitedFirst = await ClosedCaseAsync();
        Clock.Advance(TwoYearsAndADay);
        await _app.RunRetentionAsync();
        Assert.NotNull(await _app.BatchOfAsync(listed.PersonId));
        Assert.NotNull(await _app.BatchOfAsync(limitedFirst.PersonId));
        await _app.ApproveBatchAsync();
        await RestrictAsync(listed.PersonId); // limited after its listing, before the deletion
        await RestrictAsync(limitedFirst.PersonId);

        await _app.RunRetentionAsync();
        Assert.True(await _app.PersonExistsAsync(listed.PersonId));
        Assert.Null(await _app.BatchOfAsync(listed.PersonId));

        // Still limited a year later: reported as kept, never listed again.
        Clock.Advance(TimeSpan.FromDays(365));
        var run = (await _app.RunRetentionAsync())!;
        Assert.Null(await _app.BatchOfAsync(limitedFirst.PersonId));
        Assert.True(await _app.PersonExistsAsync(limitedFirst.PersonId));
        Assert.Contains(run.Planned, l => l.Action == RunAction.Gel && l.Count >= 2);
    }

    private Task RestrictAsync(Guid personId) => _app.WithDbAsync(async db =>
    {
        var person = await db.Persons.SingleAsync(p => p.Id == personId);
        person.Restrict(Guid.NewGuid(), Today);
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_legal_hold_keeps_the_file_until_it_expires()
    {
        var file = await ClosedCaseAsync();
        Clock.Advance(TwoYearsAndADay);
        await _app.WithDbAsync(async db =>
        {
            db.LegalHolds.Add(new LegalHold(file.PersonId, HoldReason.Contentieux, null, Today, Today.AddDays(30), Guid.NewGuid(), Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        });
        var held = (await _app.RunRetentionAsync())!;
        Assert.Null(await _app.BatchOfAsync(file.PersonId));
        Assert.Contains(held.Planned, l => l.Action == RunAction.Gel && l.Count >= 1);

        Clock.Advance(TimeSpan.FromDays(31));
        await _app.RunRetentionAsync();
        Assert.NotNull(await _app.BatchOfAsync(file.PersonId));
    }

    [Fact]
    public async Task With_an_intermediate_archive_the_file_leaves_the_active_base_first_then_is_listed()
    {
        var file = await ClosedCaseAsync();
        var dpo = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.Dpo));
        var refused = await dpo.PostFormAsync($"/conservation/{RetentionRule.DeuxAnsApresDernierContact.Code}", new Dictionary<string, string>
            { ["Input.ActiveDays"] = "730", ["Input.Reason"] = "", ["Input.ArchiveDays"] = "365", ["Input.ArchiveJustification"] = "" });
        Assert.Contains("justification écrite", System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.False(await _app.DbAsync(db => db.RetentionSettings.AnyAsync()));
        var saved = await dpo.PostFormAsync($"/conservation/{RetentionRule.DeuxAnsApresDernierContact.Code}", new Dictionary<string, string>
        {
            ["Input.ActiveDays"] = "730", ["Input.Reason"] = "", ["Input.ArchiveDays"] = "365",
            ["Input.ArchiveJustification"] = "Preuve pendant le délai de recours contentieux contre les décisions d'aide.",
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("puis 1 an en archive intermédiaire", await dpo.PageTextAsync("/registre"));

        Clock.Advance(TwoYearsAndADay);
        await _app.RunRetentionAsync();
        var archived = await _app.DbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == file.PersonId));
        Assert.Equal(Today, archived.ArchivedOn);
        Assert.Null(archived.EliminationBatchId);
        Assert.True(await _app.DbAsync(db => db.JournalEntries.AnyAsync(e => e.Action == JournalAction.Archivage)));

        Clock.Advance(TimeSpan.FromDays(366));
        await _app.RunRetentionAsync();
        Assert.NotNull(await _app.BatchOfAsync(file.PersonId));
    }

    [Fact]
    public async Task The_dry_run_reports_counts_and_changes_nothing()
    {
        var file = await ClosedCaseAsync();
        Clock.Advance(TwoYearsAndADay);
        var run = (await _app.RunRetentionAsync(simulation: true))!;
        Assert.True(run.Simulation);
        var line = Assert.Single(run.Planned, l => l.Action == RunAction.AjoutAuBordereau && l.Rule == RetentionRule.DeuxAnsApresDernierContact.Code
            && l.CirconscriptionId == _app.DbAsync(db => db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.CirconscriptionId).SingleAsync()).Result);
        Assert.True(line.Count >= 1);
        Assert.Empty(run.Done);
        Assert.Null(await _app.BatchOfAsync(file.PersonId));
        Assert.False(await _app.DbAsync(db => db.EliminationBatches.AnyAsync()));
        var stored = await _app.DbAsync(db => db.RetentionRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        Assert.Equal(RunOutcome.Terminee, stored.Outcome);
        Assert.DoesNotContain(file.BirthName, stored.PlannedJson);
    }

    [Fact]
    public async Task Closed_follow_ups_rights_requests_and_appointments_past_their_time_go_while_the_file_stays()
    {
        var referent = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await _app.CreateCaseAsync(0, referent, closed: true);
        var appointment = await _app.CreateCaseAsync(0, referent, nextAppointment: Clock.GetUtcNow().UtcDateTime.AddDays(1));
        var requestId = await _app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            var circonscription = await db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.CirconscriptionId).SingleAsync();
            var request = new RightsRequest(file.PersonId, circonscription, RightKind.Acces, RequestChannel.Guichet, IdentityCheck.PersonneConnueDuService,
                Today, null, referent.Id, Clock.GetUtcNow().UtcDateTime);
            request.Close(RequestStatus.Traitee, "Copie remise.", Today, referent.Id);
            db.RightsRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

        Clock.Advance(TimeSpan.FromDays(100));
        await _app.RunRetentionAsync();
        Assert.False(await _app.DbAsync(db => db.Appointments.AnyAsync(a => a.FollowUpId == appointment.FollowUpId))); // the agenda's appointment, 3 months after its date

        Clock.Advance(TimeSpan.FromDays(5 * 366));
        await _app.SetLastContactAsync(file.PersonId, Today); // the person is still in contact: the file stays
        await _app.RunRetentionAsync();
        Assert.Equal(await _app.DbAsync(db => db.FollowUps.Where(f => f.Id == file.FollowUpId).Select(f => f.EliminationBatchId).SingleAsync()),
            await _app.DbAsync(db => db.RightsRequests.Where(r => r.Id == requestId).Select(r => r.EliminationBatchId).SingleAsync()));
        await _app.ApproveBatchAsync();
        await _app.SetLastContactAsync(file.PersonId, Today);
        await _app.RunRetentionAsync();

        Assert.True(await _app.PersonExistsAsync(file.PersonId));
        Assert.False(await _app.DbAsync(db => db.FollowUps.AnyAsync(f => f.Id == file.FollowUpId)));
        Assert.False(await _app.DbAsync(db => db.Interviews.AnyAsync(i => i.FollowUpId == file.FollowUpId)));
        Assert.False(await _app.DbAsync(db => db.RightsRequests.AnyAsync(r => r.Id == requestId)));
    }

    [Fact]
    public async Task Digital_helps_of_deleted_follow_ups_stay_counted_by_level_in_the_years_figures()
    {
        var year = Today.Year;
        var helpedOn = Today;
        for (var i = 0; i < 6; i++)
        {
            var file = await ClosedCaseAsync();
            await _app.WithDbAsync(async db =>
            {
                var author = await db.FollowUps.Where(f => f.Id == file.FollowUpId).Select(f => f.ReferentId).SingleAsync();
                db.DigitalHelps.Add(Discret.Domain.Mandates.DigitalHelp.Training(file.FollowUpId!.Value, file.PersonId,
                    Discret.Domain.Mandates.DigitalTrainingTheme.ReconnaitreLesArnaques, helpedOn, author, Clock.GetUtcNow().UtcDateTime));
                await db.SaveChangesAsync();
            });
        }
        Clock.Advance(TwoYearsAndADay);
        await _app.RunRetentionAsync();
        await _app.ApproveBatchAsync();
        await _app.RunRetentionAsync();

        Assert.Equal(0, await _app.DbAsync(db => db.DigitalHelps.CountAsync()));
        var cell = Assert.Single(await _app.DbAsync(db => db.StatisticCells.AsNoTracking()
            .Where(c => c.Measure == StatisticMeasure.AidesNumeriquesParNiveau).ToListAsync()));
        Assert.Equal((year, "JeForme", 6), (cell.Year, cell.Value, cell.Count));
        Assert.NotNull(cell.CirconscriptionId);
        // The year's figures still count them, by level, though the follow-ups are gone.
        var figures = await _app.DbAsync(db => Discret.Web.Features.Statistiques.StatisticsComputation.ComputeYearAsync(db, year, Today));
        Assert.Contains(figures, f => f.Indicator == "aides-numeriques" && f.Period == year.ToString() && f.CirconscriptionId == cell.CirconscriptionId
            && f.Breakdown == "niveau" && f.Value == "JeForme" && f.Count == 6);
    }

    [Fact]
    public async Task Statistics_are_kept_before_deletion_with_no_cell_under_five()
    {
        var files = new List<TestCase>();
        for (var i = 0; i < 7; i++) files.Add(await ClosedCaseAsync(circonscription: i < 6 ? 0 : 1));
        Clock.Advance(TwoYearsAndADay);
        await _app.RunRetentionAsync();
        await _app.ApproveBatchAsync();
        await _app.RunRetentionAsync();

        foreach (var f in files) Assert.False(await _app.PersonExistsAsync(f.PersonId));
        var cells = await _app.DbAsync(db => db.StatisticCells.AsNoTracking().ToListAsync());
        Assert.NotEmpty(cells);
        Assert.All(cells, c => Assert.True(c.Count >= StatisticCell.MinimumCount, $"{c.Measure} {c.Value} {c.Count}"));
        // 6 follow-ups closed in 2026 in the first circonscription stand on their own; the 7th (another circonscription) is merged or dropped.
        var closedIn2026 = cells.Where(c => c.Measure == StatisticMeasure.AccompagnementsClos && c.Year == 2026).ToList();
        Assert.Contains(closedIn2026, c => c.CirconscriptionId is not null && c.Count >= 6);
        Assert.DoesNotContain(closedIn2026, c => c.Count == 1);
    }

    [Fact]
    public void The_small_cell_rule_merges_into_the_departement_then_into_others_then_drops()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        AnonymousStatistics.Cell Raw(Guid circ, string value, int count) => new(2024, circ, StatisticMeasure.MotifsAccompagnement, value, count);
        var cells = AnonymousStatistics.Suppress([Raw(a, "Logement", 7), Raw(b, "Logement", 3), Raw(c, "Logement", 2), Raw(a, "Budget", 3), Raw(b, "Emploi", 2), Raw(a, "Sante", 1)]);
        Assert.Contains(cells, x => x.CirconscriptionId == a && x.Value == "Logement" && x.Count == 7);
        Assert.Contains(cells, x => x.CirconscriptionId == null && x.Value == "Logement" && x.Count == 5);
        Assert.Contains(cells, x => x.CirconscriptionId == null && x.Value == StatisticCell.Other && x.Count == 6);
        Assert.Equal(3, cells.Count);
        Assert.Empty(AnonymousStatistics.Suppress([Raw(a, "Logement", 2), Raw(b, "Budget", 2)]));
    }

    /// <summary>The erasure ledger and its replay of an engine built by hand on a database context of its own.</summary>
    private ErasureLedger Ledger(IServiceProvider sp, DiscretDbContext db, Discret.Web.Features.Journal.AccessJournal journal, out ErasureReplay replay)
    {
        var anchors = new Discret.Web.Features.Journal.JournalAnchors(db, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Discret.Web.Features.Journal.JournalSettings>>(),
            sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>(), Clock);
        var ledger = new ErasureLedger(anchors, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<BackupSettings>>(),
            sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>(), Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<ErasureLedger>.Instance);
        replay = new ErasureReplay(db, ledger, journal, anchors, Microsoft.Extensions.Logging.Abstractions.NullLogger<ErasureReplay>.Instance);
        return ledger;
    }

    /// <summary>Fails the second statement that deletes persons, as a power cut would in the middle of a run.</summary>
    private sealed class PowerCut : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int _deletes;

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken ct = default)
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(command.CommandText, "DELETE FROM \"?persons\"?") && Interlocked.Increment(ref _deletes) == 2)
                throw new IOException("Coupure de courant simulée");
            return base.NonQueryExecutingAsync(command, eventData, result, ct);
        }
    }

    /// <summary>Three closed files past their time, listed by a run and approved by the archives service.</summary>
    private async Task<(List<TestCase> Files, EliminationBatch Batch, int Listed)> ApprovedBatchOfThreeClosedFilesAsync()
    {
        var files = new List<TestCase>();
        for (var i = 0; i < 3; i++) files.Add(await ClosedCaseAsync());
        Clock.Advance(TwoYearsAndADay);
        await _app.RunRetentionAsync();
        var batch = await _app.ApproveBatchAsync();
        var listed = await _app.DbAsync(db => db.Persons.CountAsync(p => p.EliminationBatchId == batch.Id));
        Assert.True(listed >= 3);
        return (files, batch, listed);
    }

    [Fact]
    public async Task A_run_cut_short_leaves_no_file_half_deleted_and_the_next_run_finishes_the_work()
    {
        var (files, batch, listed) = await ApprovedBatchOfThreeClosedFilesAsync();

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var connection = sp.GetRequiredService<DiscretDbContext>().Database.GetConnectionString()!;
            await using DiscretDbContext db = DiscretFactory.OnPostgres
                ? new PostgresDiscretDbContext(new DbContextOptionsBuilder<PostgresDiscretDbContext>().UseNpgsql(connection).AddInterceptors(new PowerCut()).Options)
                : new SqliteDiscretDbContext(new DbContextOptionsBuilder<SqliteDiscretDbContext>().UseSqlite(connection).AddInterceptors(new PowerCut()).Options);
            var journal = new Discret.Web.Features.Journal.AccessJournal(db, new Microsoft.AspNetCore.Http.HttpContextAccessor(), Clock);
            var settings = new RetentionSettings(db, Clock, journal, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Discret.Web.Features.Journal.JournalSettings>>(),
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Discret.Web.Features.Accompagnements.WorkingNotesSettings>>());
            var engine = new RetentionEngine(db, settings, journal, new JobLock(db, Clock), Clock,
                Microsoft.Extensions.Options.Options.Create(new RetentionJobSettings { ChunkSize = 1 }), Ledger(sp, db, journal, out var replay), replay,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<RetentionEngine>.Instance);
            await Assert.ThrowsAsync<IOException>(() => engine.RunAsync(RunTrigger.Nuit, simulation: false));
        }

        Assert.Equal(listed - 1, await _app.DbAsync(db => db.Persons.CountAsync(p => p.EliminationBatchId == batch.Id)));
        foreach (var file in files)
            if (await _app.PersonExistsAsync(file.PersonId)) // whole: its follow-up and interview are all there
                Assert.Equal(1, await _app.DbAsync(db => db.Interviews.CountAsync(i => i.FollowUpId == file.FollowUpId)));
            else
                Assert.Equal(0, await _app.DbAsync(db => db.FollowUps.CountAsync(f => f.PersonId == file.PersonId)));
        var cut = await _app.DbAsync(db => db.RetentionRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).FirstAsync());
        Assert.Equal(RunOutcome.Interrompue, cut.Outcome);
        Assert.Equal(BatchStatus.Vise, (await _app.DbAsync(db => db.EliminationBatches.AsNoTracking().SingleAsync(b => b.Id == batch.Id))).Status);

        var next = await _app.RunRetentionAsync(); // the lock was released; the next run finishes the batch
        Assert.NotNull(next);
        foreach (var file in files) Assert.False(await _app.PersonExistsAsync(file.PersonId));
        Assert.Equal(BatchStatus.Execute, (await _app.DbAsync(db => db.EliminationBatches.AsNoTracking().SingleAsync(b => b.Id == batch.Id))).Status);
    }

    /// <summary>
    /// Takes the lock away right after the first chunk of deletions commits, as another instance does once a run has
    /// outlasted its lease (the lease ran out, the other took the lock).
    /// </summary>
    private sealed class LeaseTakenAway(Func<Task> takeAway) : Microsoft.EntityFrameworkCore.Diagnostics.IDbCommandInterceptor,
        Microsoft.EntityFrameworkCore.Diagnostics.IDbTransactionInterceptor
    {
        private bool _deleting, _done;

        public ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken ct = default)
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(command.CommandText, "DELETE FROM \"?persons\"?")) _deleting = true;
            return ValueTask.FromResult(result);
        }

        public async Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction,
            Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, CancellationToken ct = default)
        {
            if (!_deleting || _done) return;
            _done = true;
            await takeAway();
        }
    }

    [Fact]
    public async Task A_run_that_loses_its_lease_stops_at_once_says_it_was_interrupted_and_deletes_nothing_more()
    {
        var (files, batch, listed) = await ApprovedBatchOfThreeClosedFilesAsync();

        const string other = "une-autre-instance";
        RetentionRun? run;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var connection = sp.GetRequiredService<DiscretDbContext>().Database.GetConnectionString()!;
            var takeAway = new LeaseTakenAway(() => _app.WithDbAsync(db => db.JobLeases.Where(l => l.Name == JobLease.Retention)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, other).SetProperty(l => l.Until, Clock.GetUtcNow().UtcDateTime.AddMinutes(30)))));
            await using DiscretDbContext db = DiscretFactory.OnPostgres
                ? new PostgresDiscretDbContext(new DbContextOptionsBuilder<PostgresDiscretDbContext>().UseNpgsql(connection).AddInterceptors(takeAway).Options)
                : new SqliteDiscretDbContext(new DbContextOptionsBuilder<SqliteDiscretDbContext>().UseSqlite(connection).AddInterceptors(takeAway).Options);
            var journal = new Discret.Web.Features.Journal.AccessJournal(db, new Microsoft.AspNetCore.Http.HttpContextAccessor(), Clock);
            var settings = new RetentionSettings(db, Clock, journal, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Discret.Web.Features.Journal.JournalSettings>>(),
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Discret.Web.Features.Accompagnements.WorkingNotesSettings>>());
            var engine = new RetentionEngine(db, settings, journal, new JobLock(db, Clock), Clock,
                Microsoft.Extensions.Options.Options.Create(new RetentionJobSettings { ChunkSize = 1 }), Ledger(sp, db, journal, out var replay), replay,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<RetentionEngine>.Instance);
            run = await engine.RunAsync(RunTrigger.Nuit, simulation: false);
        }

        Assert.NotNull(run);
        Assert.Equal(RunOutcome.Interrompue, run.Outcome);
        var stored = await _app.DbAsync(db => db.RetentionRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
        Assert.Equal(RunOutcome.Interrompue, stored.Outcome);
        Assert.Equal(RunStep.Suppression, stored.Step);
        // One chunk went before the loss, and nothing after it: its report says so, the rest of the batch waits.
        Assert.Equal(1, stored.Done.Where(l => l.Action == RunAction.Suppression).Sum(l => l.Count));
        Assert.Equal(listed - 1, await _app.DbAsync(db => db.Persons.CountAsync(p => p.EliminationBatchId == batch.Id)));
        Assert.Equal(1, await _app.DbAsync(db => db.JournalEntries.CountAsync(e => e.Reference == batch.Id && e.Detail!.Contains("dossiers supprimés"))));
        Assert.Equal(BatchStatus.Vise, (await _app.DbAsync(db => db.EliminationBatches.AsNoTracking().SingleAsync(b => b.Id == batch.Id))).Status);
        Assert.Equal(other, await _app.DbAsync(db => db.JobLeases.Where(l => l.Name == JobLease.Retention).Select(l => l.Holder).SingleAsync())); // not released: it is not ours

        Assert.Null(await _app.RunRetentionAsync()); // the other instance holds the lock
        Clock.Advance(TimeSpan.FromMinutes(31)); // … until its lease runs out; then the next run finishes the batch
        Assert.NotNull(await _app.RunRetentionAsync());
        foreach (var file in files) Assert.False(await _app.PersonExistsAsync(file.PersonId));
        Assert.Equal(BatchStatus.Execute, (await _app.DbAsync(db => db.EliminationBatches.AsNoTracking().SingleAsync(b => b.Id == batch.Id))).Status);
    }

    [Fact]
    public async Task One_instance_at_a_time_the_lock_taken_elsewhere_means_no_run()
    {
        _ = _app.Services; // the application is up before four instances race for the lock
        var takers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            _app.WithAsync(sp => sp.GetRequiredService<JobLock>().TryTakeAsync(JobLease.Retention, TimeSpan.FromMinutes(5))))));
        var holder = Assert.Single(takers, t => t is not null);

        Assert.Null(await _app.RunRetentionAsync());
        Assert.False(await _app.DbAsync(db => db.RetentionRuns.AnyAsync()));

        await _app.WithAsync(async sp => { await sp.GetRequiredService<JobLock>().ReleaseAsync(JobLease.Retention, holder!); return 0; });
        Assert.NotNull(await _app.RunRetentionAsync());
    }

    [Fact]
    public async Task A_lease_and_a_run_left_by_a_dead_instance_expire()
    {
        Assert.NotNull(await _app.WithAsync(sp => sp.GetRequiredService<JobLock>().TryTakeAsync(JobLease.Retention, TimeSpan.FromMinutes(30))));
        var dead = new RetentionRun(RunTrigger.Nuit, simulation: false, null, Clock.GetUtcNow().UtcDateTime);
        await _app.WithDbAsync(async db => { db.RetentionRuns.Add(dead); await db.SaveChangesAsync(); });
        Assert.Null(await _app.RunRetentionAsync());
        Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.NotNull(await _app.RunRetentionAsync());
        Assert.Equal(RunOutcome.Interrompue, (await _app.DbAsync(db => db.RetentionRuns.AsNoTracking().SingleAsync(r => r.Id == dead.Id))).Outcome);
    }
}
