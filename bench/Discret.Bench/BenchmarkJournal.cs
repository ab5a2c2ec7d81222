using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.Personnes;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Discret.Bench;

/// <summary>d) the cost of the journal entry written when a file is opened; e) the DPO's journal search at scale.</summary>
public sealed partial class Benchmark
{
    // ---- d): opening a file with its journal entry -----------------------------------------------------------

    private const string Journaled = "app, with its journal entry";
    private const string SqlJournaled = "plain SQL + chained journal insert";
    private const string Unjournaled = "app, no journal entry";

    private async Task JournalingCostAsync(List<(Account Account, Guid Person)> files, List<Row> rows, List<string> checks)
    {
        checks.Add(await CheckJournaling(files));
        var i = 0;
        rows.AddRange(await Measure("d) open a file with its journal entry", () => files[i++ % files.Count],
            (Journaled, async x => (await EfOpenJournaled(x.Account, x.Person, journal: true)).Length),
            (SqlJournaled, async x => (await SqlOpenJournaled(x.Account, x.Person)).Length),
            (Unjournaled, async x => (await EfOpenJournaled(x.Account, x.Person, journal: false)).Length)));
    }

    /// <summary>
    /// The app's code path for opening a file: PersonAccess.ForAsync then PersonFile.LoadAsync, which writes the journal
    /// entry (AccessJournal.ReadAsync: its own transaction, chained under the journal_head lock) before returning the file.
    /// Without the entry: the very same calls on a context that drops journal entries as they are added, so that the
    /// SaveChanges that would write them finds nothing to do (no transaction, no round trip) — only the entry differs.
    /// </summary>
    private async Task<string> EfOpenJournaled(Account who, Guid person, bool journal)
    {
        await using var db = Context(journal);
        var j = Journal(db, who);
        var access = await new PersonAccess(db, j, TimeProvider.System, new RunningBreakGlass(), new ReachedFileState()).ForAsync(who.Principal, person) ?? throw new InvalidOperationException("no access");
        return FileDigest.Of(await new PersonFile(db, j, TimeProvider.System).LoadAsync(access));
    }

    /// <summary>
    /// A request's context; without the journal, entries are detached as soon as they are added, and the one-round-trip
    /// record (discret_journal_record, used when nothing else is pending) is not sent, so nothing is written.
    /// </summary>
    private PostgresDiscretDbContext Context(bool journal)
    {
        if (journal) return new PostgresDiscretDbContext(_options);
        _withoutJournal ??= new DbContextOptionsBuilder<PostgresDiscretDbContext>(_options).AddInterceptors(new SkipJournalAppend()).Options;
        var db = new PostgresDiscretDbContext(_withoutJournal);
        db.ChangeTracker.Tracked += (_, e) => { if (e.Entry.Entity is JournalEntry) e.Entry.State = EntityState.Detached; };
        return db;
    }

    private DbContextOptions<PostgresDiscretDbContext>? _withoutJournal;

    /// <summary>Answers the record procedure's call without sending it.</summary>
    private sealed class SkipJournalAppend : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData, Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result,
            CancellationToken cancellationToken = default) =>
            command.CommandText.Contains("discret_journal_record", StringComparison.Ordinal)
                ? ValueTask.FromResult(Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>.SuppressWithResult(-1))
                : ValueTask.FromResult(result);
    }


    private static readonly string ReadGroups = Discret.Web.Features.Journal.AccessJournal.Groups(
        PersonAccess.Groups(StaffRole.TravailleurSocial, sameCirconscription: true, assigned: true, write: false));

    /// <summary>
    /// The same data as c)'s plain SQL plus a chained journal entry, in one transaction and two round trips: the file's
    /// four queries with the head row locked (SELECT … FOR UPDATE) in the first; the INSERT, the head's move and COMMIT in the second.
    /// </summary>
    private async Task<string> SqlOpenJournaled(Account who, Guid person)
    {
        await using var conn = await _ds.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        string digest;
        long seq;
        byte[] previous;
        await using (var batch = new NpgsqlBatch(conn, tx))
        {
            foreach (var c in FileBatch(who, person)) batch.BatchCommands.Add(c);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""SELECT "Seq", "Hash" FROM journal_head WHERE "Id" = 1 FOR UPDATE"""));
            await using var r = await batch.ExecuteReaderAsync();
            digest = await FileDigest.ReadAsync(r);
            await r.NextResultAsync();
            await r.ReadAsync();
            seq = r.GetInt64(0) + 1;
            previous = r.GetFieldValue<byte[]>(1);
        }
        var e = new JournalEntry(DateTime.UtcNow, who.Id, StaffRole.TravailleurSocial, person, JournalAction.Lecture, ReadGroups, null, null, "127.0.0.1");
        Chain.Link(e, seq, previous);
        await using (var batch = new NpgsqlBatch(conn, tx))
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO journal_entries ("Seq", "At", "AccountId", "Role", "PersonId", "Action", "Detail", "Purpose", "Reference", "Address", "PreviousHash", "Hash")
                VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, $8, $9, $10)
                """);
            insert.Parameters.AddWithValue(e.Seq);
            insert.Parameters.AddWithValue(e.At);
            insert.Parameters.AddWithValue(e.AccountId!.Value);
            insert.Parameters.AddWithValue(e.Role!.Value.ToString());
            insert.Parameters.AddWithValue(e.PersonId!.Value);
            insert.Parameters.AddWithValue(e.Action.ToString());
            insert.Parameters.AddWithValue(e.Detail!);
            insert.Parameters.AddWithValue(e.Address!);
            insert.Parameters.AddWithValue(e.PreviousHash);
            insert.Parameters.AddWithValue(e.Hash);
            batch.BatchCommands.Add(insert);
            var head = new NpgsqlBatchCommand("""UPDATE journal_head SET "Seq" = $1, "Hash" = $2 WHERE "Id" = 1""");
            head.Parameters.AddWithValue(e.Seq);
            head.Parameters.AddWithValue(e.Hash);
            batch.BatchCommands.Add(head);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await batch.ExecuteNonQueryAsync();
        }
        return digest;
    }

    private async Task<string> CheckJournaling(List<(Account Account, Guid Person)> files)
    {
        async Task<long> Head()
        {
            await using var cmd = _ds.CreateCommand("""SELECT "Seq" FROM journal_head""");
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        int n = Math.Min(100, files.Count), same = 0;
        var before = await Head();
        for (var i = 0; i < n; i++)
        {
            var (a, p) = files[i];
            var with = await EfOpenJournaled(a, p, journal: true);
            var sql = await SqlOpenJournaled(a, p);
            var without = await EfOpenJournaled(a, p, journal: false);
            if (with == without && with == sql) same++;
        }
        var added = await Head() - before;
        return Verdict($"d) open a file with its journal entry: the three variants load the same identity, contact, members, follow-ups and interviews for {same}/{n} files; "
                + $"the journal grew by {added} entries for {n} opens of each variant (expected {2 * n}: one per journaled open, none without)", same == n && added == 2 * n);
    }

    // ---- e): the DPO's journal search ------------------------------------------------------------------------

    private async Task<long> JournalSearchAsync(NpgsqlConnection conn, List<Row> rows, List<string> checks)
    {
        var entries = await Generator.Scalar<long>(conn, """SELECT "Seq" FROM journal_head""");
        if (entries < 1000)
        {
            Console.WriteLine("e) skipped: the journal is (nearly) empty — run generate-journal first");
            return 0;
        }
        var first = await Generator.Scalar<DateTime>(conn, """SELECT min("At") FROM journal_entries""");
        var last = await Generator.Scalar<DateTime>(conn, """SELECT max("At") FROM journal_entries""");
        // Accounts and files as they appear in the journal (a sample of its pages: active accounts come up more often).
        var accounts = new List<Guid>();
        var persons = new List<Guid>();
        var pct = Math.Clamp(200_000.0 / entries, 0.0001, 100);
        await using (var cmd = new NpgsqlCommand($"""
            SELECT "AccountId", "PersonId" FROM journal_entries TABLESAMPLE SYSTEM ({pct.ToString(System.Globalization.CultureInfo.InvariantCulture)}) REPEATABLE ({seed})
            WHERE "AccountId" IS NOT NULL AND "Role" IN ('TravailleurSocial', 'Accueil', 'Secretariat')
            """, conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                accounts.Add(r.GetGuid(0));
                if (!r.IsDBNull(1)) persons.Add(r.GetGuid(1));
            }
        accounts = accounts.Distinct().OrderBy(_ => _r.Next()).Take(1000).ToList();
        persons = persons.Distinct().OrderBy(_ => _r.Next()).Take(2000).ToList();
        Console.WriteLine($"journal: {entries:N0} entries from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}; {accounts.Count} accounts and {persons.Count} files sampled");

        DateTime Day(int maxBack) => last.Date.AddDays(-_r.Next(0, maxBack));
        var span = Math.Max(1, (int)(last - first).TotalDays);
        JournalSearch.Query AccountMonth() { var to = Day(Math.Max(1, span - 30)).AddDays(1); return new(AccountId: accounts[_r.Next(accounts.Count)], From: to.AddDays(-30), To: to); }
        JournalSearch.Query PersonYear() => new(PersonId: persons[_r.Next(persons.Count)], From: last.Date.AddDays(1 - 365), To: last.Date.AddDays(1));
        JournalAction[] actions = [JournalAction.Lecture, JournalAction.Lecture, JournalAction.Ecriture, JournalAction.Export, JournalAction.AccesExceptionnel];
        JournalSearch.Query AccountAction() => new(AccountId: accounts[_r.Next(accounts.Count)], Action: actions[_r.Next(actions.Length)]);

        var inputs = new Dictionary<string, List<(JournalSearch.Query Q, long? Before)>>
        {
            ["e1) journal: one account over a month"] = Enumerable.Range(0, 500).Select(_ => (AccountMonth(), (long?)null)).ToList(),
            ["e2) journal: one file over a year"] = Enumerable.Range(0, 500).Select(_ => (PersonYear(), (long?)null)).ToList(),
            ["e3) journal: one account, one action (no period)"] = Enumerable.Range(0, 500).Select(_ => (AccountAction(), (long?)null)).ToList(),
        };
        // Paging: the cursor of page 2–6 of an account-month search, found beforehand by the app's own search.
        var paging = new List<(JournalSearch.Query, long?)>();
        while (paging.Count < 300)
        {
            var q = AccountMonth();
            var pages = _r.Next(1, 6);
            long? next = null;
            await using var db = new PostgresDiscretDbContext(_options);
            for (var p = 0; p < pages; p++)
            {
                next = (await new JournalSearch(db).SearchAsync(q, next)).Next;
                if (next is null) break;
            }
            if (next is not null) paging.Add((q, next));
        }
        inputs["e4) journal: account-month, next page (before cursor, pages 2–6)"] = paging;

        foreach (var (scenario, list) in inputs)
        {
            checks.Add(await CheckJournalSearch(scenario, list));
            var k = 0;
            rows.AddRange(await Measure(scenario, () => list[k++ % list.Count],
                (App, x => EfJournalSearch(x.Q, x.Before)), (Sql, x => SqlJournalSearch(x.Q, x.Before))));
        }

        // Breach list: the files one account touched during 8 hours of a working day.
        var breach = Enumerable.Range(0, 500).Select(_ =>
        {
            var day = Day(span);
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(-1);
            var from = day.AddHours(7 + _r.Next(0, 3));
            return (Account: accounts[_r.Next(accounts.Count)], From: from, To: from.AddHours(8));
        }).ToList();
        checks.Add(await CheckBreach(breach));
        var b = 0;
        rows.AddRange(await Measure("e5) breach list: files one account touched in 8 hours", () => breach[b++ % breach.Count],
            (App, x => EfBreach(x.Account, x.From, x.To)), (Sql, x => SqlBreach(x.Account, x.From, x.To))));
        return entries;
    }

    private async Task<int> EfJournalSearch(JournalSearch.Query q, long? before) => (await EfJournalSeqs(q, before)).Count;

    private async Task<List<long>> EfJournalSeqs(JournalSearch.Query q, long? before)
    {
        await using var db = new PostgresDiscretDbContext(_options);
        var page = await new JournalSearch(db).SearchAsync(q, before);
        return page.Entries.Select(e => e.Seq).ToList();
    }

    private const string JournalColumns = """e."Seq", e."At", e."AccountId", e."Role", e."PersonId", e."Action", e."Detail", e."Purpose", e."Reference", e."Address", e."PreviousHash", e."Hash" """;

    private async Task<int> SqlJournalSearch(JournalSearch.Query q, long? before) => (await SqlJournalSeqs(q, before)).Count;

    /// <summary>The same page in one statement: the filters, the cursor's instant read in a subquery, newest first, 51 rows.</summary>
    private async Task<List<long>> SqlJournalSeqs(JournalSearch.Query q, long? before)
    {
        await using var cmd = _ds.CreateCommand();
        var where = new List<string>();
        void Add(string column, string op, object value)
        {
            cmd.Parameters.AddWithValue(value);
            where.Add($"e.\"{column}\" {op} ${cmd.Parameters.Count}");
        }
        if (q.PersonId is { } p) Add("PersonId", "=", p);
        if (q.AccountId is { } a) Add("AccountId", "=", a);
        if (q.Action is { } act) Add("Action", "=", act.ToString());
        if (q.From is { } f) Add("At", ">=", f);
        if (q.To is { } t) Add("At", "<", t);
        var from = "journal_entries e";
        if (before is { } seq)
        {
            cmd.Parameters.AddWithValue(seq);
            var s = $"${cmd.Parameters.Count}";
            from += $", (SELECT \"At\" FROM journal_entries WHERE \"Seq\" = {s}) c";
            where.Add($"e.\"At\" <= c.\"At\" AND (e.\"At\" < c.\"At\" OR e.\"Seq\" < {s})");
        }
        cmd.CommandText = $"SELECT {JournalColumns} FROM {from} {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY e.\"At\" DESC, e.\"Seq\" DESC LIMIT {JournalSearch.PageSize + 1}";
        await using var r = await cmd.ExecuteReaderAsync();
        var seqs = new List<long>(JournalSearch.PageSize + 1);
        while (await r.ReadAsync())
        {
            seqs.Add(r.GetInt64(0));
            for (var i = 1; i < 12; i++) _ = r.GetValue(i);
        }
        return seqs.Count > JournalSearch.PageSize ? seqs.Take(JournalSearch.PageSize).ToList() : seqs;
    }

    private async Task<string> CheckJournalSearch(string scenario, List<(JournalSearch.Query Q, long? Before)> list)
    {
        int same = 0, full = 0, n = Math.Min(100, list.Count);
        long hits = 0;
        for (var i = 0; i < n; i++)
        {
            var ef = await EfJournalSeqs(list[i].Q, list[i].Before);
            var sql = await SqlJournalSeqs(list[i].Q, list[i].Before);
            if (ef.SequenceEqual(sql)) same++;
            if (ef.Count == JournalSearch.PageSize) full++;
            hits += ef.Count;
        }
        return Verdict($"{scenario[..2]}: app and plain SQL return the same page for {same}/{n} searches ({full} full pages of {JournalSearch.PageSize}, {hits / (double)n:F1} entries on average)", same == n);
    }

    private async Task<int> EfBreach(Guid account, DateTime from, DateTime to)
    {
        await using var db = new PostgresDiscretDbContext(_options);
        return (await new JournalSearch(db).FilesTouchedAsync(account, from, to)).Count;
    }

    private async Task<List<Guid>> SqlBreachIds(Guid account, DateTime from, DateTime to)
    {
        await using var cmd = _ds.CreateCommand("""
            SELECT DISTINCT "PersonId" FROM journal_entries
            WHERE "AccountId" = $1 AND "At" >= $2 AND "At" < $3 AND "PersonId" IS NOT NULL
              AND "Action" IN ('Lecture', 'Ecriture', 'Export', 'AccesExceptionnel')
            """);
        cmd.Parameters.AddWithValue(account);
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
        await using var r = await cmd.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await r.ReadAsync()) ids.Add(r.GetGuid(0));
        return ids;
    }

    private async Task<int> SqlBreach(Guid account, DateTime from, DateTime to) => (await SqlBreachIds(account, from, to)).Count;

    private async Task<string> CheckBreach(List<(Guid Account, DateTime From, DateTime To)> list)
    {
        int same = 0, n = Math.Min(100, list.Count);
        long files = 0;
        for (var i = 0; i < n; i++)
        {
            var (a, f, t) = list[i];
            await using var db = new PostgresDiscretDbContext(_options);
            var ef = (await new JournalSearch(db).FilesTouchedAsync(a, f, t)).Order().ToList();
            var sql = (await SqlBreachIds(a, f, t)).Order().ToList();
            if (ef.SequenceEqual(sql)) same++;
            files += ef.Count;
        }
        return Verdict($"e5: app and plain SQL return the same files for {same}/{n} breach lists ({files / (double)n:F1} files on average)", same == n);
    }
}
