using System.Diagnostics;
using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Time;
using Npgsql;
using NpgsqlTypes;

namespace Discret.Bench;

/// <summary>
/// Fills <c>journal_entries</c> with a year of realistic access-journal rows chained exactly as the app chains them
/// (each row built as a <see cref="JournalEntry"/> and sealed by the app's own <c>JournalEntry.Link</c>, i.e.
/// <c>JournalChain.ComputeHash</c>, see <see cref="Chain"/>), so that the app's verifier accepts the result; then rebuilds the journal's key
/// and indexes as the migrations define them and moves <c>journal_head</c> to the end of the chain.
/// Replaces whatever the journal held. Uses the bench data set's accounts and persons when there are any.
/// </summary>
public sealed class JournalGenerator(string connectionString, long entries, int seed, int days = 365)
{
    /// <summary>The bench data set's "now" (see <see cref="Generator"/>): the journal covers the <c>days</c> before it.</summary>
    private static readonly DateTime End = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);



    private sealed record Account(Guid Id, StaffRole Role, int Circonscription, string Address);

    private Account[] _accounts = [];
    private double[] _weights = []; // cumulative activity weights
    private Guid[] _persons = [];
    private int[][] _personsByCirc = [];
    private int[][] _assigned = []; // per account: indexes into _persons of the files it follows

    public async Task RunAsync()
    {
        var total = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await LoadActorsAsync(conn);

        // Indexes (and, before the journal was partitioned, its key) dropped for the load and rebuilt afterwards, from
        // their own definitions; on the partitioned journal the parent's definitions rebuild every month's.
        var defs = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT 'ALTER TABLE journal_entries ADD CONSTRAINT "' || conname || '" ' || pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = 'journal_entries'::regclass AND contype = 'p'
            UNION ALL
            SELECT indexdef FROM pg_indexes WHERE tablename = 'journal_entries' AND indexname NOT LIKE 'PK\_%'
            """, conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            // A partitioned table's index is defined "ON ONLY" the parent (made invalid, for each month's to be attached):
            // built on the parent, it is built on every month.
            while (await r.ReadAsync()) defs.Add(r.GetString(0).Replace(" ON ONLY ", " ON "));
        var partitioned = await Generator.Scalar<bool>(conn, "SELECT relkind = 'p' FROM pg_class WHERE oid = 'journal_entries'::regclass");

        var load = Stopwatch.StartNew();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            // TRUNCATE in the loading transaction: with wal_level=minimal the COPY then writes no WAL, and FREEZE marks the
            // rows frozen and all-visible (no 35 GB vacuum afterwards). The no-truncate trigger is lifted for this transaction only.
            // Partitioned: every month of the year made first (migration JournalMonthlyPartitions), then the TRUNCATE of
            // the parent gives each month a new file in this transaction, so each month's COPY can FREEZE.
            if (partitioned)
                for (var month = new DateTime(End.AddDays(-days - 1).Year, End.AddDays(-days - 1).Month, 1, 0, 0, 0, DateTimeKind.Utc); month <= End; month = month.AddMonths(1))
                    await Generator.Exec(conn, $"SELECT discret_journal_partition('{month:yyyy-MM-dd}T00:00:00Z')");
            await Generator.Exec(conn, "SET LOCAL session_replication_role = replica"); // the no-truncate triggers, for this transaction only
            await Generator.Exec(conn, "TRUNCATE journal_entries");
            await Generator.Exec(conn, "SET LOCAL session_replication_role = origin");
            await Generator.Exec(conn, """ALTER TABLE journal_entries DROP CONSTRAINT IF EXISTS "PK_journal_entries" """);
            await using (var cmd = new NpgsqlCommand("SELECT indexname FROM pg_indexes WHERE tablename = 'journal_entries' AND indexname NOT LIKE 'PK\\_%'", conn))
            {
                var names = new List<string>();
                await using (var r = await cmd.ExecuteReaderAsync()) while (await r.ReadAsync()) names.Add(r.GetString(0));
                foreach (var n in names) await Generator.Exec(conn, $"DROP INDEX \"{n}\"");
            }
            var (seq, hash) = Copy(conn, partitioned);
            await using (var head = new NpgsqlCommand("""UPDATE journal_head SET "Seq" = $1, "Hash" = $2 WHERE "Id" = 1""", conn))
            {
                head.Parameters.AddWithValue(seq);
                head.Parameters.AddWithValue(hash);
                await head.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
            Console.WriteLine($"COPY: {seq:N0} chained entries in {load.Elapsed.TotalSeconds:F1} s = {seq / load.Elapsed.TotalSeconds:N0} rows/s; head = {seq}, {Convert.ToHexString(hash)[..16]}…");
        }

        var post = Stopwatch.StartNew();
        foreach (var sql in defs)
        {
            var sw = Stopwatch.StartNew();
            await Generator.Exec(conn, sql, timeout: 0);
            Console.WriteLine($"  {sql[..Math.Min(sql.Length, 90)]} — {sw.Elapsed.TotalSeconds:F1} s");
        }
        Console.WriteLine($"key and indexes rebuilt in {post.Elapsed.TotalSeconds:F1} s");
        var vac = Stopwatch.StartNew();
        await Generator.Exec(conn, "VACUUM (ANALYZE) journal_entries", timeout: 0);
        await Generator.Exec(conn, "VACUUM (ANALYZE) journal_head", timeout: 0);
        Console.WriteLine($"vacuum analyze in {vac.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"total {total.Elapsed.TotalSeconds:F1} s, overall {entries / total.Elapsed.TotalSeconds:N0} rows/s including indexes");
        Console.WriteLine($"journal size {await Generator.Scalar<string>(conn, "SELECT pg_size_pretty(sum(pg_table_size(relid))) FROM pg_partition_tree('journal_entries')")} table + "
                          + $"{await Generator.Scalar<string>(conn, "SELECT pg_size_pretty(sum(pg_indexes_size(relid))) FROM pg_partition_tree('journal_entries')")} indexes; "
                          + $"database {await Generator.Scalar<string>(conn, "SELECT pg_size_pretty(pg_database_size(current_database()))")}");
    }

    /// <summary>The bench data set's accounts, persons and follow-up teams; random ones when the database has none.</summary>
    private async Task LoadActorsAsync(NpgsqlConnection conn)
    {
        var r = new Random(seed);
        string Ip() => $"10.{r.Next(1, 40)}.{r.Next(256)}.{r.Next(1, 255)}";
        var circIndex = new Dictionary<Guid, int>();
        int Circ(Guid c) => circIndex.TryGetValue(c, out var i) ? i : circIndex[c] = circIndex.Count;

        var accounts = new List<Account>();
        await using (var cmd = new NpgsqlCommand("""SELECT "Id", "Role", "CirconscriptionId" FROM staff_accounts ORDER BY "Id" """, conn))
        await using (var rd = await cmd.ExecuteReaderAsync())
            while (await rd.ReadAsync())
                accounts.Add(new Account(rd.GetGuid(0), Enum.Parse<StaffRole>(rd.GetString(1)), rd.IsDBNull(2) ? 0 : Circ(rd.GetGuid(2)), Ip()));
        var circs = Math.Max(1, circIndex.Count);
        if (accounts.Count == 0)
        {
            circs = 40;
            for (var i = 0; i < 1700; i++) accounts.Add(new Account(Guid.CreateVersion7(), StaffRole.TravailleurSocial, i % circs, Ip()));
            for (var i = 0; i < 120; i++) accounts.Add(new Account(Guid.CreateVersion7(), StaffRole.Accueil, i % circs, Ip()));
        }
        // The roles the bench data set does not create: secretariats, managers, direction, DPO, technical administrators.
        for (var i = 0; i < circs * 2; i++) accounts.Add(new Account(Guid.CreateVersion7(), StaffRole.Secretariat, i % circs, Ip()));
        for (var i = 0; i < circs; i++) accounts.Add(new Account(Guid.CreateVersion7(), StaffRole.ResponsableCirconscription, i, Ip()));
        for (var i = 0; i < 6; i++) accounts.Add(new Account(Guid.CreateVersion7(), StaffRole.Direction, 0, Ip()));
        for (var i = 0; i < 2; i++) accounts.Add(new Account(Guid.CreateVersion7(), StaffRole.Dpo, 0, Ip()));
        for (var i = 0; i < 3; i++) accounts.Add(new Account(Guid.CreateVersion7(), StaffRole.AdminTechnique, 0, Ip()));
        _accounts = accounts.ToArray();
        // Activity: some people work more than others (×0.3–1.7); reception and social workers the most.
        var acc = 0.0;
        _weights = _accounts.Select(a => acc += (0.3 + 1.4 * r.NextDouble()) * a.Role switch
        {
            StaffRole.TravailleurSocial => 1.0, StaffRole.Accueil => 1.5, StaffRole.Secretariat => 0.8,
            StaffRole.ResponsableCirconscription => 0.5, StaffRole.Direction => 0.1, StaffRole.Dpo => 0.3, _ => 0.1,
        }).ToArray();

        var persons = new List<Guid>();
        var byCirc = Enumerable.Range(0, circs).Select(_ => new List<int>()).ToArray();
        var personIndex = new Dictionary<Guid, int>();
        await using (var cmd = new NpgsqlCommand("""SELECT "Id", "CirconscriptionId" FROM persons""", conn))
        await using (var rd = await cmd.ExecuteReaderAsync())
            while (await rd.ReadAsync())
            {
                personIndex[rd.GetGuid(0)] = persons.Count;
                byCirc[Circ(rd.GetGuid(1)) % circs].Add(persons.Count);
                persons.Add(rd.GetGuid(0));
            }
        if (persons.Count == 0)
            for (var i = 0; i < 3_000_000; i++) { byCirc[i % circs].Add(i); persons.Add(Guid.NewGuid()); }
        _persons = persons.ToArray();
        _personsByCirc = byCirc.Select(l => l.Count > 0 ? l.ToArray() : [0]).ToArray();

        var accountIndex = _accounts.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var assigned = _accounts.Select(_ => new List<int>()).ToArray();
        await using (var cmd = new NpgsqlCommand("""
            SELECT f."ReferentId", f."PersonId" FROM follow_ups f WHERE f."Status" = 'Ouvert'
            UNION ALL
            SELECT m."StaffAccountId", f."PersonId" FROM follow_up_members m JOIN follow_ups f ON f."Id" = m."FollowUpId" WHERE f."Status" = 'Ouvert'
            """, conn))
        await using (var rd = await cmd.ExecuteReaderAsync())
            while (await rd.ReadAsync())
                if (accountIndex.TryGetValue(rd.GetGuid(0), out var a) && personIndex.TryGetValue(rd.GetGuid(1), out var p)) assigned[a].Add(p);
        _assigned = assigned.Select(l => l.ToArray()).ToArray();
        Console.WriteLine($"journal actors: {_accounts.Length:N0} accounts ({string.Join(", ", _accounts.GroupBy(a => a.Role).Select(g => $"{g.Count()} {g.Key}"))}), "
                          + $"{_persons.Length:N0} persons ({(personIndex.Count > 0 ? "the data set's" : "random ids")}), "
                          + $"{_assigned.Sum(a => a.Length):N0} account–file assignments");
    }

    private static readonly string ReadWorker = AccessJournal(FieldGroup.Identite, FieldGroup.Coordonnees, FieldGroup.Menage, FieldGroup.Equipe,
        FieldGroup.RendezVous, FieldGroup.Accompagnement, FieldGroup.Entretiens);
    private static readonly string ReadReception = AccessJournal(FieldGroup.Identite, FieldGroup.Coordonnees, FieldGroup.Menage, FieldGroup.Equipe, FieldGroup.RendezVous);
    private static readonly string ReadManager = AccessJournal(FieldGroup.Identite, FieldGroup.Equipe, FieldGroup.Accompagnement);
    private static string AccessJournal(params FieldGroup[] g) => Discret.Web.Features.Journal.AccessJournal.Groups(g);
    // As AccessJournal.RecordWrite and PersonSearch word them: "<what>: <groups>", "<n> résultat(s)".
    private static readonly string[] Writes = ["création: Entretiens", "création: Entretiens", "création: Entretiens", "modification: Coordonnees",
        "modification: RendezVous", "modification: Accompagnement", "création: Accompagnement,Equipe", "clôture: Accompagnement", "modification: Menage",
        "modification: Coordonnees,Identite"];
    private static readonly string[] Counts = Enumerable.Range(0, 21).Select(i => $"{i} résultat(s)").ToArray();

    /// <summary>Streams the year day by day (timestamps increasing with the sequence), chaining every row. Returns the head.</summary>
    private (long Seq, byte[] Hash) Copy(NpgsqlConnection conn, bool partitioned)
    {
        var r = new Random(seed + 3);
        var start = End.AddDays(-days);
        // Working days carry the load; Saturdays a little (on-call), Sundays almost nothing.
        var dayWeights = Enumerable.Range(0, days).Select(d => start.AddDays(d).DayOfWeek switch
        {
            DayOfWeek.Saturday => 0.03, DayOfWeek.Sunday => 0.01, _ => 1.0,
        }).ToArray();
        var weightSum = dayWeights.Sum();
        _last = new int[_accounts.Length];
        Array.Fill(_last, -1);
        var sw = Stopwatch.StartNew();
        long seq = 0;
        var previous = new byte[32]; // JournalChain.Genesis
        double carried = 0;
        var times = new List<long>();
        long lastTicks = 0;
        // One COPY per month on the partitioned journal (FREEZE is refused on a partitioned table, not on its months).
        NpgsqlBinaryImporter Import(DateTime month)
        {
            var importer = conn.BeginBinaryImport($"""
                COPY {(partitioned ? $"journal_entries_{month:yyyy_MM}" : "journal_entries")} ("Seq", "At", "AccountId", "Role", "PersonId", "Action", "Detail", "Purpose", "Reference", "Address", "PreviousHash", "Hash")
                FROM STDIN (FORMAT BINARY, FREEZE)
                """);
            importer.Timeout = TimeSpan.Zero;
            return importer;
        }
        var copying = DateTime.MinValue;
        NpgsqlBinaryImporter? w = partitioned ? null : Import(copying);
        for (var d = 0; d < days; d++)
        {
            carried += entries * dayWeights[d] / weightSum;
            var n = d == days - 1 ? entries - seq : (long)carried - seq;
            times.Clear();
            for (long i = 0; i < n; i++) times.Add(TimeOfDay(r));
            times.Sort();
            // Office hours are Paris hours: the day starts at local midnight (UTC+1 in winter, UTC+2 in summer).
            var day = start.AddDays(d).Ticks - ParisTime.Zone.GetUtcOffset(start.AddDays(d).AddHours(12)).Ticks;
            foreach (var t in times)
            {
                // Never before the previous entry (the night summer time starts, local days overlap by an hour).
                lastTicks = Math.Max(lastTicks, day + t);
                var e = Entry(r, new DateTime(lastTicks, DateTimeKind.Utc));
                if (partitioned && (w is null || e.At >= copying.AddMonths(1)))
                {
                    w?.Complete();
                    w?.Dispose();
                    copying = new DateTime(e.At.Year, e.At.Month, 1, 0, 0, 0, DateTimeKind.Utc);
                    w = Import(copying);
                }
                Chain.Link(e, ++seq, previous);
                previous = e.Hash;
                w.StartRow();
                w.Write(e.Seq, NpgsqlDbType.Bigint);
                w.Write(e.At, NpgsqlDbType.TimestampTz);
                if (e.AccountId is { } a) w.Write(a, NpgsqlDbType.Uuid); else w.WriteNull();
                if (e.Role is { } role) w.Write(role.ToString(), NpgsqlDbType.Varchar); else w.WriteNull();
                if (e.PersonId is { } p) w.Write(p, NpgsqlDbType.Uuid); else w.WriteNull();
                w.Write(e.Action.ToString(), NpgsqlDbType.Varchar);
                if (e.Detail is null) w.WriteNull(); else w.Write(e.Detail, NpgsqlDbType.Varchar);
                if (e.Purpose is null) w.WriteNull(); else w.Write(e.Purpose, NpgsqlDbType.Varchar);
                if (e.Reference is { } rf) w.Write(rf, NpgsqlDbType.Uuid); else w.WriteNull();
                if (e.Address is null) w.WriteNull(); else w.Write(e.Address, NpgsqlDbType.Varchar);
                w.Write(e.PreviousHash, NpgsqlDbType.Bytea);
                w.Write(e.Hash, NpgsqlDbType.Bytea);
                if (seq % 5_000_000 == 0)
                    Console.WriteLine($"  {seq:N0} entries ({start.AddDays(d):yyyy-MM-dd}), {seq / sw.Elapsed.TotalSeconds:N0} rows/s");
            }
        }
        w!.Complete();
        w.Dispose();
        return (seq, previous);
    }

    /// <summary>Ticks into the day: office hours with a lunch dip; a few entries in the evening and at night.</summary>
    private static long TimeOfDay(Random r)
    {
        var x = r.NextDouble();
        double hours = x < 0.46 ? 8 + 4.5 * r.NextDouble()      // 08:00–12:30
            : x < 0.50 ? 12.5 + r.NextDouble()                   // 12:30–13:30
            : x < 0.95 ? 13.5 + 4.5 * r.NextDouble()             // 13:30–18:00
            : x < 0.985 ? 18 + 3 * r.NextDouble()                // evening
            : 24 * r.NextDouble();                               // any time (on-call, night shifts, jobs)
        return (long)(hours * TimeSpan.TicksPerHour);
    }

    private JournalEntry Entry(Random r, DateTime at)
    {
        var ai = Array.BinarySearch(_weights, r.NextDouble() * _weights[^1]);
        if (ai < 0) ai = ~ai;
        if (ai >= _accounts.Length) ai = _accounts.Length - 1;
        var a = _accounts[ai];
        var x = r.NextDouble();
        // Actions by role: mostly reads, searches and writes; sign-ins; rare refusals, exports, break-glass, warnings.
        var (action, readDetail) = a.Role switch
        {
            StaffRole.TravailleurSocial => (x < 0.55 ? JournalAction.Lecture : x < 0.73 ? JournalAction.Recherche : x < 0.95 ? JournalAction.Ecriture : Rare(r), ReadWorker),
            StaffRole.Accueil => (x < 0.40 ? JournalAction.Lecture : x < 0.88 ? JournalAction.Recherche : x < 0.96 ? JournalAction.Ecriture : Rare(r), ReadReception),
            StaffRole.Secretariat => (x < 0.45 ? JournalAction.Lecture : x < 0.80 ? JournalAction.Recherche : x < 0.95 ? JournalAction.Ecriture : Rare(r), ReadReception),
            StaffRole.Dpo => (x < 0.7 ? JournalAction.ConsultationJournal : x < 0.8 ? JournalAction.ControleInopine : Rare(r), ReadManager),
            StaffRole.AdminTechnique => (x < 0.6 ? JournalAction.GestionCompte : x < 0.7 ? JournalAction.ChangementRole : Rare(r), ReadManager),
            _ => (x < 0.6 ? JournalAction.Lecture : x < 0.9 ? JournalAction.Recherche : Rare(r), ReadManager),
        };
        Guid? person = null, reference = null;
        string? detail = null, purpose = null;
        switch (action)
        {
            case JournalAction.Lecture or JournalAction.Ecriture or JournalAction.Export or JournalAction.AccesRefuse
                or JournalAction.AccesExceptionnel or JournalAction.AvertissementConfirme:
                person = _persons[PickPerson(r, ai, a, action)];
                detail = action switch
                {
                    JournalAction.Lecture => readDetail,
                    JournalAction.Ecriture => Writes[r.Next(Writes.Length)],
                    JournalAction.AvertissementConfirme => r.Next(2) == 0 ? "Entretien.Summary:Sante" : "Entretien.Summary:Sante,Religion",
                    JournalAction.Export => "Identite,Coordonnees,Menage,Accompagnement,Entretiens",
                    _ => null,
                };
                if (action == JournalAction.AccesExceptionnel) { purpose = r.Next(3) == 0 ? "RemplacementReferent" : "UrgenceProtection"; reference = Guid.NewGuid(); }
                break;
            case JournalAction.Recherche:
                detail = Counts[Math.Min(20, (int)(r.NextDouble() * r.NextDouble() * 30))];
                break;
            case JournalAction.ChangementRole or JournalAction.GestionCompte:
                reference = _accounts[r.Next(_accounts.Length)].Id;
                break;
            case JournalAction.ControleInopine:
                reference = Guid.NewGuid();
                break;
            case JournalAction.ConsultationJournal:
                detail = r.Next(3) switch { 0 => "recherche", 1 => "dossier", _ => "compte" };
                break;
        }
        return new JournalEntry(at, a.Id, a.Role, person, action, detail, purpose, reference, a.Address);
    }

    private static JournalAction Rare(Random r)
    {
        var x = r.NextDouble();
        return x < 0.40 ? JournalAction.Connexion : x < 0.70 ? JournalAction.Deconnexion : x < 0.78 ? JournalAction.EchecConnexion
            : x < 0.80 ? JournalAction.EchecSecondFacteur : x < 0.88 ? JournalAction.AvertissementConfirme : x < 0.93 ? JournalAction.AccesRefuse
            : x < 0.97 ? JournalAction.Export : JournalAction.AccesExceptionnel;
    }

    /// <summary>Sessions: the same file again 40 % of the time; otherwise a file the account follows, else one of its circonscription.</summary>
    private int PickPerson(Random r, int ai, Account a, JournalAction action)
    {
        var last = _last[ai];
        if (last >= 0 && action != JournalAction.AccesRefuse && r.Next(10) < 4) return last;
        var mine = _assigned[ai];
        int p;
        if (action != JournalAction.AccesRefuse && action != JournalAction.AccesExceptionnel && mine.Length > 0 && r.Next(10) < 9) p = mine[r.Next(mine.Length)];
        else
        {
            var circ = _personsByCirc[a.Circonscription % _personsByCirc.Length];
            p = circ[r.Next(circ.Length)];
        }
        _last[ai] = p;
        return p;
    }

    private int[] _last = []; // per account: the last file it touched
}
