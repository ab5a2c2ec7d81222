using Discret.Data;
using Discret.Domain.Journal;
using Discret.Tests.Support;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Journal;

/// <summary>
/// PostgreSQL keeps the journal in one partition per month (migration JournalMonthlyPartitions, issue 20 §2): retention
/// drops a month wholly past it, a search over a period reads its months alone, an entry of a month not made yet waits
/// in the default partition. The entries are dated in 2040, months no other test makes.
/// </summary>
public sealed class JournalPartitionTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2041, 2, 15, 10, 0, 0, DateTimeKind.Utc);
    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(Now) };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Entries as the chain receives them (committed pending, then chained), at the given instants; the head's number after.</summary>
    private async Task<long> ChainAsync(params DateTime[] instants)
    {
        await _app.WithDbAsync(async db =>
        {
            foreach (var at in instants)
                await db.Database.ExecuteSqlAsync($"INSERT INTO journal_pending (\"At\", \"Action\", \"Detail\") VALUES ({at}, 'Recherche', '1 résultat(s)')");
            await JournalChain.DrainAsync(db);
        });
        return await HeadAsync();
    }

    private Task<long> HeadAsync() => _app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalHeads.Select(h => h.Seq).SingleAsync());

    private Task<long> CountAsync(string table) => _app.WithAsync(sp =>
        sp.GetRequiredService<DiscretDbContext>().Database.SqlQueryRaw<long>($"SELECT count(*) AS \"Value\" FROM {table}").SingleAsync());

    private Task<bool> ExistsAsync(string table) => _app.WithAsync(sp =>
        sp.GetRequiredService<DiscretDbContext>().Database.SqlQuery<bool>($"SELECT to_regclass({table}) IS NOT NULL AS \"Value\"").SingleAsync());

    private Task MakeMonthAsync(DateTime at) => _app.WithDbAsync(db => JournalPartitions.EnsureAsync(db, at));

    private Task<JournalVerification> VerifyAsync() => _app.WithAsync(sp => sp.GetRequiredService<JournalVerifier>().VerifyAsync());

    private static DateTime On(int month, int day) => new(2040, month, day, 9, 30, 0, DateTimeKind.Utc);

    [PostgresFact]
    public async Task An_entry_of_a_month_not_made_yet_waits_in_the_default_partition_and_moves_into_its_month_when_it_is_made()
    {
        Assert.False(await ExistsAsync("journal_entries_2040_06"));
        await ChainAsync(On(6, 3), On(6, 4), On(6, 20));
        Assert.Equal(3, await CountAsync("journal_entries_default WHERE \"At\" >= '2040-06-01' AND \"At\" < '2040-07-01'"));

        await MakeMonthAsync(On(6, 25));

        Assert.Equal(0, await CountAsync("journal_entries_default WHERE \"At\" >= '2040-06-01' AND \"At\" < '2040-07-01'"));
        Assert.Equal(3, await CountAsync("journal_entries_2040_06"));
        Assert.True(await ExistsAsync("journal_entries_2040_07"));
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Problem);
    }

    [PostgresFact]
    public async Task The_purge_drops_a_month_wholly_past_retention_deletes_the_rest_row_by_row_and_the_chain_stays_verifiable()
    {
        await MakeMonthAsync(On(1, 1));
        await MakeMonthAsync(On(3, 1));
        var before = await HeadAsync();
        await ChainAsync(On(1, 5), On(1, 6), On(1, 30));
        var upTo = await ChainAsync(On(2, 3), On(2, 10)); // the cut-off is 2040-02-16: February is past retention in part
        await ChainAsync(On(3, 2), On(3, 5));

        var deleted = await _app.WithAsync(sp => sp.GetRequiredService<JournalPurge>().RunAsync());

        Assert.Equal(upTo, deleted); // every entry up to the last one past retention, the application's own earlier ones too
        Assert.Equal(before + 5, upTo);
        Assert.False(await ExistsAsync("journal_entries_2040_01"));
        Assert.True(await ExistsAsync("journal_entries_2040_02"));
        Assert.Equal(0, await CountAsync("journal_entries_2040_02"));
        Assert.Equal(2, await CountAsync("journal_entries_2040_03"));
        Assert.Equal(upTo + 1, await _app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.MinAsync(e => e.Seq)));
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Problem);
    }

    [PostgresFact]
    public async Task A_search_over_one_month_reads_that_months_partition_alone()
    {
        await MakeMonthAsync(On(1, 1));
        await MakeMonthAsync(On(3, 1));
        await ChainAsync(On(1, 5), On(2, 5), On(2, 6), On(3, 5));
        string[] months = ["journal_entries_2040_01", "journal_entries_2040_02", "journal_entries_2040_03", "journal_entries_default"];

        // On one connection, whose statistics are flushed before they are read (PostgreSQL keeps a backend's own counts
        // until then).
        var (scans, found) = await _app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            await db.Database.OpenConnectionAsync();
            async Task<Dictionary<string, long>> ScansAsync()
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_stat_force_next_flush()");
                await db.Database.ExecuteSqlRawAsync("SELECT 1");
                return (await db.Database.SqlQueryRaw<TableScans>(
                        "SELECT relname::text AS \"Table\", coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS \"Scans\" FROM pg_stat_user_tables WHERE relname LIKE 'journal_entries_%'")
                    .ToListAsync()).ToDictionary(t => t.Table, t => t.Scans);
            }
            var before = await ScansAsync();
            var page = await new JournalSearch(db).SearchAsync(new JournalSearch.Query(From: On(2, 1).Date, To: On(3, 1).Date));
            var after = await ScansAsync();
            return (months.ToDictionary(m => m, m => after.GetValueOrDefault(m) - before.GetValueOrDefault(m)), page.Entries.Count);
        });

        Assert.Equal(2, found);
        Assert.True(scans["journal_entries_2040_02"] > 0, "the month searched is read");
        Assert.Equal(0, scans["journal_entries_2040_01"]);
        Assert.Equal(0, scans["journal_entries_2040_03"]);
        Assert.Equal(0, scans["journal_entries_default"]);
    }

    private sealed record TableScans(string Table, long Scans);
}
