using Discret.Web.Shared;
using System.Diagnostics;
using Discret.Data;
using Discret.Web.Features.Conservation;
using Discret.Web.Features.Statistiques;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Discret.Bench;

/// <summary>
/// m) statistics (issue 18), on the data set's day: first the computation of the figures — every year on the first night
/// (backfill), then one night's run (the current year only, the others frozen) — timed; then the dashboard's figures for
/// a year and a circonscription as the page reads them (<see cref="StatisticsTables"/>, masks computed once after the
/// night and kept), against plain SQL aggregating the same figures over the raw tables, with the same numbers checked.
/// </summary>
public sealed partial class Benchmark
{
    private static readonly string[] DashboardIndicators = ["personnes-recues", "accompagnements-ouverts", "accompagnements-clos", "accompagnements-en-cours", "entretiens"];

    private async Task StatisticsAsync(NpgsqlConnection conn, List<Row> rows, List<string> checks)
    {
        if (!Runs("m")) return;
        var settings = Microsoft.Extensions.Options.Options.Create(new StatisticsSettings { Lease = TimeSpan.FromHours(2) });
        var timings = new List<string>();
        await using (var db = new PostgresDiscretDbContext(_options))
        {
            // A run stopped half-way leaves the lock taken: the bench is alone on its database.
            await db.JobLeases.Where(l => l.Name == Discret.Domain.Retention.JobLease.Statistics)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.Until, (DateTime?)null));
            var watch = Stopwatch.StartNew();
            if (Environment.GetEnvironmentVariable("DISCRET_BENCH_KEEP_STATISTICS") != "1")
            {
                await db.StatFigures.ExecuteDeleteAsync();
                await db.StatYears.ExecuteDeleteAsync();
                var first = await new StatisticsRollup(db, new JobLock(db, Clock), Clock, settings).RunAsync() ?? throw new InvalidOperationException("lock held");
                timings.Add($"m) first night (every year with data: {string.Join(", ", first.Years)}): {watch.Elapsed.TotalSeconds:F1} s, {first.Figures:N0} figures");
            }
            watch.Restart();
            var night = await new StatisticsRollup(db, new JobLock(db, Clock), Clock, settings).RunAsync() ?? throw new InvalidOperationException("lock held");
            timings.Add($"m) one night (years not frozen: {string.Join(", ", night.Years)}): {watch.Elapsed.TotalSeconds:F1} s, {night.Figures:N0} figures");
        }
        var cache = new StatisticsMaskCache();
        await using (var db = new PostgresDiscretDbContext(_options))
        {
            var watch = Stopwatch.StartNew();
            await cache.GetAsync(db, Generator.Today, default);
            timings.Add($"m) masks of every year, computed once after the night: {watch.Elapsed.TotalSeconds:F1} s");
        }
        foreach (var t in timings) Console.WriteLine(t);
        checks.AddRange(timings);

        var circonscriptions = new List<Guid>();
        await using (var cmd = new NpgsqlCommand("SELECT \"Id\" FROM circonscriptions ORDER BY \"Name\"", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) circonscriptions.Add(r.GetGuid(0));
        var year = Generator.Today.Year;
        var reader = new Account(Guid.NewGuid(), circonscriptions[0], "Direction");
        var n = 0;
        (Guid Circonscription, int Year) Next() => (circonscriptions[n++ % circonscriptions.Count], year - n % 2);
        checks.Add(await CheckSame("m) the dashboard's figures of a circonscription for a year", i => (circonscriptions[i % circonscriptions.Count], year - i % 2),
            x => AppDashboard(cache, reader, x.Item1, x.Item2), x => SqlDashboard(x.Item1, x.Item2)));
        rows.AddRange(await Measure("m) statistics dashboard, a circonscription and a year", Next,
            (App, x => Count(AppDashboard(cache, reader, x.Circonscription, x.Year))), (Sql, x => Count(SqlDashboard(x.Circonscription, x.Year)))));
    }

    private async Task<List<string>> AppDashboard(StatisticsMaskCache cache, Account reader, Guid circonscription, int year)
    {
        await using var db = new PostgresDiscretDbContext(_options);
        var tables = new StatisticsTables(db, Clock, cache);
        var lines = new List<string>();
        foreach (var indicator in DashboardIndicators)
        {
            var table = await tables.TableAsync(reader.Principal, indicator, year.ToString(System.Globalization.CultureInfo.InvariantCulture), circonscription.ToString(), null);
            var cell = table.Value.Rows[0].Cells[0];
            lines.Add($"{indicator} {cell.Count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "masqué"}");
        }
        return lines;
    }

    /// <summary>The same figures aggregated over the raw tables, as a report writer would.</summary>
    private async Task<List<string>> SqlDashboard(Guid circonscription, int year)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31) < Generator.Today ? new DateOnly(year, 12, 31) : Generator.Today;
        await using var conn = await _ds.OpenConnectionAsync(); // parallel plans allowed: the fastest a report writer gets
        async Task<long> Scalar(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue(first);
            cmd.Parameters.AddWithValue(last);
            cmd.Parameters.AddWithValue(circonscription);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        return
        [
            "personnes-recues " + await Scalar("""
                SELECT count(DISTINCT f."PersonId") FROM interviews i JOIN follow_ups f ON f."Id" = i."FollowUpId" JOIN persons p ON p."Id" = f."PersonId"
                WHERE i."OccurredOn" BETWEEN $1 AND $2 AND p."CirconscriptionId" = $3
                """),
            "accompagnements-ouverts " + await Scalar("""SELECT count(*) FROM follow_ups WHERE "OpenedOn" BETWEEN $1 AND $2 AND "CirconscriptionId" = $3"""),
            "accompagnements-clos " + await Scalar("""SELECT count(*) FROM follow_ups WHERE "ClosedOn" BETWEEN $1 AND $2 AND "CirconscriptionId" = $3"""),
            "accompagnements-en-cours " + await Scalar("""
                SELECT count(*) FROM follow_ups WHERE "OpenedOn" <= $2 AND ("ClosedOn" IS NULL OR "ClosedOn" > $2) AND "CirconscriptionId" = $3 AND $1 <= $2
                """),
            "entretiens " + await Scalar("""
                SELECT count(*) FROM interviews i JOIN follow_ups f ON f."Id" = i."FollowUpId" WHERE i."OccurredOn" BETWEEN $1 AND $2 AND f."CirconscriptionId" = $3
                """),
        ];
    }
}
