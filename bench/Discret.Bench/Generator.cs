using System.Diagnostics;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Persons;
using Discret.Time;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Discret.Bench;

/// <summary>
/// Builds a département-scale data set: schema from the app's own migrations, then circonscriptions, staff accounts,
/// households, persons, follow-ups (with teams) and interviews loaded by binary COPY, secondary indexes and foreign
/// keys rebuilt afterwards.
/// </summary>
public sealed partial class Generator(string connectionString, int persons, int seed, string? icuLocale)
{
    /// <summary>The data set's "now": dates are generated relative to it, and the retention scenario runs the job at it.</summary>
    internal static readonly DateTime Now = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
    internal static readonly DateOnly Today = ParisTime.DayOf(Now);

    /// <summary>Retention of a file after the last contact (catalogue rule "deux-ans-dernier-contact") and of a closed follow-up.</summary>
    internal const int RetentionDays = 730;

    // Each person's follow-ups, planned with the person so that LastContactOn is known when the person row is written:
    // person p owns follow-ups _fuFirst[p] .. _fuFirst[p + 1] - 1, each with its opening day, closing day (-1: open) and
    // the day of its last interview (day numbers).
    private int[] _fuFirst = [];
    private readonly List<int> _fuOpened = [];
    private readonly List<int> _fuClosed = [];
    private readonly List<int> _fuEnd = [];
    private static readonly string[] Tables = ["households", "persons", "person_name_words", "follow_ups", "follow_up_members", "interviews", "rooms", "appointments", "appointment_workers", "tasks"];

    // Scale: 3M persons ↔ 40 circonscriptions (~75k persons each), 3,000 social workers (~1,000 visible persons each).
    private int Circonscriptions => Math.Clamp((int)Math.Round(persons / 75_000.0), 2, 40);
    private int Workers => Math.Max(4, persons / 1000);

    private Guid[] _circ = [];
    private Guid[] _ts = [];
    private Guid[][] _tsByCirc = [];

    public async Task RunAsync()
    {
        var total = Stopwatch.StartNew();
        await CreateDatabaseAsync();
        var options = new DbContextOptionsBuilder<PostgresDiscretDbContext>().UseApplicationServiceProvider(DatabaseSetup.DesignTimeServices()).UseNpgsql(connectionString, x => x.MigrationsAssembly(DatabaseSetup.PostgresMigrations)).Options;
        await using (var db = new PostgresDiscretDbContext(options))
            await db.Database.MigrateAsync();
        Console.WriteLine($"schema migrated ({total.Elapsed.TotalSeconds:F1} s)");

        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var (indexes, foreignKeys) = await DropSecondaryStructuresAsync(conn);

        SeedOrganisation(conn);
        var load = Stopwatch.StartNew();
        long rows = 0;
        rows += LoadPeople(conn, out var personIds, out var personCirc);
        rows += LoadFollowUps(conn, personIds, personCirc);
        rows += LoadAgendaAndTasks(conn, personIds, personCirc);
        _fuOpened.Clear(); _fuClosed.Clear(); _fuEnd.Clear();
        var loadSeconds = load.Elapsed.TotalSeconds;
        Console.WriteLine($"COPY: {rows:N0} rows in {loadSeconds:F1} s = {rows / loadSeconds:N0} rows/s");

        var post = Stopwatch.StartNew();
        foreach (var sql in indexes.Concat(foreignKeys)) await Exec(conn, sql, timeout: 0);
        Console.WriteLine($"indexes and foreign keys rebuilt in {post.Elapsed.TotalSeconds:F1} s");
        var vac = Stopwatch.StartNew();
        await AddLegalHoldsAsync(conn);
        foreach (var t in Tables.Append("staff_accounts").Append("circonscriptions").Append("legal_holds")) await Exec(conn, $"VACUUM (ANALYZE) {t}", timeout: 0);
        Console.WriteLine($"vacuum analyze in {vac.Elapsed.TotalSeconds:F1} s");
        await PrintRetentionShapeAsync(conn);
        await PrintWorkersDayShapeAsync(conn);
        Console.WriteLine($"total {total.Elapsed.TotalSeconds:F1} s, overall {rows / total.Elapsed.TotalSeconds:N0} rows/s including indexes");
        var size = await Scalar<string>(conn, "SELECT pg_size_pretty(pg_database_size(current_database()))");
        Console.WriteLine($"database size {size}");
    }

    /// <summary>Recreates the database; with an ICU locale (default fr-FR) so that text sorts as in a French production database.</summary>
    private async Task CreateDatabaseAsync()
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var name = b.Database ?? throw new ArgumentException("the connection string must name a database");
        b.Database = "postgres";
        b.Pooling = false;
        await using var admin = new NpgsqlConnection(b.ConnectionString);
        await admin.OpenAsync();
        await Exec(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        var locale = icuLocale is null ? "" : $" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '{icuLocale}' LOCALE 'C.UTF-8'";
        await Exec(admin, $"CREATE DATABASE \"{name}\"{locale}");
        Console.WriteLine($"database {name} created{(icuLocale is null ? "" : $" (default collation ICU {icuLocale})")}");
    }

    private static async Task<(List<string> Indexes, List<string> ForeignKeys)> DropSecondaryStructuresAsync(NpgsqlConnection conn)
    {
        var tables = string.Join(",", Tables.Select(t => $"'{t}'"));
        var fks = new List<(string Table, string Name, string Def)>();
        await using (var cmd = new NpgsqlCommand($"SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype IN ('f', 'p') AND (conrelid::regclass::text IN ({tables}) OR (contype = 'f' AND confrelid::regclass::text IN ({tables}))) ORDER BY contype", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) fks.Add((r.GetString(0), r.GetString(1), r.GetString(2)));
        var idx = new List<(string Name, string Def)>();
        await using (var cmd = new NpgsqlCommand($"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ({tables}) AND indexname NOT LIKE 'PK\\_%'", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) idx.Add((r.GetString(0), r.GetString(1)));
        // Foreign keys ('f') sort before primary keys ('p'): drop in that order, rebuild primary keys first and foreign keys last.
        // Foreign keys of other tables (break-glass accesses, notifications, working notes…) that reference these tables are included.
        foreach (var fk in fks) await Exec(conn, $"ALTER TABLE \"{fk.Table}\" DROP CONSTRAINT \"{fk.Name}\"");
        foreach (var i in idx) await Exec(conn, $"DROP INDEX \"{i.Name}\"");
        string Add((string Table, string Name, string Def) c) => $"ALTER TABLE \"{c.Table}\" ADD CONSTRAINT \"{c.Name}\" {c.Def}";
        var pks = fks.Where(c => c.Def.StartsWith("PRIMARY KEY")).Select(Add);
        return (pks.Concat(idx.Select(i => i.Def)).ToList(), fks.Where(c => !c.Def.StartsWith("PRIMARY KEY")).Select(Add).ToList());
    }

    private void SeedOrganisation(NpgsqlConnection conn)
    {
        var r = new Random(seed);
        _circ = Enumerable.Range(0, Circonscriptions).Select(_ => Guid.CreateVersion7()).ToArray();
        using (var w = conn.BeginBinaryImport("COPY circonscriptions (\"Id\", \"Name\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < _circ.Length; i++) { w.StartRow(); w.Write(_circ[i], NpgsqlDbType.Uuid); w.Write($"Circonscription {i + 1:D2}", NpgsqlDbType.Varchar); }
            w.Complete();
        }
        _ts = Enumerable.Range(0, Workers).Select(_ => Guid.CreateVersion7()).ToArray();
        _tsByCirc = Enumerable.Range(0, _circ.Length).Select(c => _ts.Where((_, i) => i % _circ.Length == c).ToArray()).ToArray();
        var accueil = Enumerable.Range(0, _circ.Length * 2).Select(i => (Id: Guid.CreateVersion7(), Circ: i % _circ.Length)).ToArray();
        using (var w = conn.BeginBinaryImport("""
            COPY staff_accounts ("Id", "DisplayName", "Role", "CirconscriptionId", "IsActive", "CreatedAt", "CharterAcceptedAt", "CharterVersion",
              "UserName", "NormalizedUserName", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled",
              "LockoutEnabled", "AccessFailedCount", "AccessConfirmedAt", "AbsentFrom", "AbsentUntil") FROM STDIN (FORMAT BINARY)
            """))
        {
            void Account(Guid id, string login, string role, int circ, bool active = true, DateOnly? absentFrom = null, DateOnly? absentUntil = null)
            {
                var female = r.Next(2) == 0;
                w.StartRow();
                w.Write(id, NpgsqlDbType.Uuid);
                w.Write($"{Names.FirstNames(r, female).Split(' ')[0]} {Names.Surname(r)}", NpgsqlDbType.Varchar);
                w.Write(role, NpgsqlDbType.Varchar);
                w.Write(_circ[circ], NpgsqlDbType.Uuid);
                w.Write(active);
                w.Write(Now, NpgsqlDbType.TimestampTz);
                w.Write(Now, NpgsqlDbType.TimestampTz);
                w.Write(1);
                w.Write(login, NpgsqlDbType.Varchar);
                w.Write(login.ToUpperInvariant(), NpgsqlDbType.Varchar);
                w.Write(false);
                w.Write(Guid.NewGuid().ToString("N"), NpgsqlDbType.Text);
                w.Write(Guid.NewGuid().ToString(), NpgsqlDbType.Text);
                w.Write(false);
                w.Write(true);
                w.Write(true);
                w.Write(0);
                w.Write(Now, NpgsqlDbType.TimestampTz);
                if (absentFrom is { } from) w.Write(from, NpgsqlDbType.Date); else w.WriteNull();
                if (absentUntil is { } until) w.Write(until, NpgsqlDbType.Date); else w.WriteNull();
            }
            PlanStaffPresence();
            for (var i = 0; i < _ts.Length; i++)
                Account(_ts[i], $"ts{i:D5}", "TravailleurSocial", i % _circ.Length, !_tsGoneOn[i].HasValue, _tsAbsentFrom[i], _tsAbsentUntil[i]);
            for (var i = 0; i < accueil.Length; i++) Account(accueil[i].Id, $"accueil{i:D3}", "Accueil", accueil[i].Circ);
            _accueilByCirc = Enumerable.Range(0, _circ.Length).Select(c => accueil.Where(a => a.Circ == c).Select(a => a.Id).ToArray()).ToArray();
            _heads = Enumerable.Range(0, _circ.Length).Select(_ => Guid.CreateVersion7()).ToArray();
            for (var c = 0; c < _circ.Length; c++) Account(_heads[c], $"rc{c:D3}", "ResponsableCirconscription", c);
            w.Complete();
        }
        Console.WriteLine($"{_circ.Length} circonscriptions, {_ts.Length:N0} social workers ({_tsAbsentFrom.Count(d => d is { } f && f <= Today):N0} absent on {Today:yyyy-MM-dd}, "
            + $"{_tsGoneOn.Count(d => d.HasValue):N0} deactivated), {accueil.Length} reception agents, {_heads.Length} heads of circonscription");
    }

    private long LoadPeople(NpgsqlConnection conn, out Guid[] personIds, out byte[] personCirc)
    {
        var r = new Random(seed + 1);
        var ids = new List<Guid>(persons);
        var circs = new List<byte>(persons);
        var sw = Stopwatch.StartNew();
        long households = 0;
        var fuFirst = new List<int>(persons + 1);
        var rf = new Random(seed + 3);
        using (var hw = conn.BeginBinaryImport("COPY households (\"Id\", \"AddressLine\", \"PostalCode\", \"City\", \"CreatedAt\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            // Persons are buffered per batch of households and copied on a second connection, so both tables stream at once.
            using var conn2 = new NpgsqlConnection(conn.ConnectionString);
            conn2.Open();
            using var pw = conn2.BeginBinaryImport("""
                COPY persons ("Id", "BirthName", "UsageName", "FirstNames", "BirthDate", "Phone", "Email", "BirthNameKey", "UsageNameKey",
                  "BirthNameSound", "UsageNameSound", "HouseholdId", "HouseholdLink", "CirconscriptionId", "CreatedAt", "Version",
                  provenance_partner, provenance_source, provenance_third_party, "LastContactOn", "FirstNamesKey") FROM STDIN (FORMAT BINARY)
                """);
            // The words each person is found by (the app's NameWords), on a third connection.
            using var conn3 = new NpgsqlConnection(conn.ConnectionString);
            conn3.Open();
            using var ww = conn3.BeginBinaryImport("COPY person_name_words (\"PersonId\", \"Word\", \"CirconscriptionId\", \"Sound\") FROM STDIN (FORMAT BINARY)");
            long words = 0;
            while (ids.Count < persons)
            {
                var hid = Guid.NewGuid();
                var circ = (byte)r.Next(_circ.Length);
                households++;
                hw.StartRow();
                hw.Write(hid, NpgsqlDbType.Uuid);
                hw.Write($"{r.Next(1, 120)} {Names.Streets[r.Next(Names.Streets.Length)]}", NpgsqlDbType.Varchar);
                hw.Write($"{99000 + circ * 10 + r.Next(10):D5}", NpgsqlDbType.Varchar);
                hw.Write(Names.Cities[r.Next(Names.Cities.Length)], NpgsqlDbType.Varchar);
                hw.Write(Now.AddDays(-r.Next(3650)), NpgsqlDbType.TimestampTz);
                hw.Write(0);

                // Household sizes 1–6, mean ≈ 2.3 (3M persons ↔ 1.3M households).
                var roll = r.NextDouble();
                var size = roll < 0.38 ? 1 : roll < 0.68 ? 2 : roll < 0.82 ? 3 : roll < 0.93 ? 4 : roll < 0.98 ? 5 : 6;
                size = Math.Min(size, persons - ids.Count);
                var family = Names.Surname(r);
                // About 10 % of persons are past retention: mostly whole households that stopped coming (9 % of households),
                // plus single members (1.2 % of persons); the job's first run on a year's worth of them.
                var householdExpiring = rf.NextDouble() < 0.09;
                var adultBirth = Today.AddDays(-r.Next(20 * 365, 85 * 365));
                for (var m = 0; m < size; m++)
                {
                    var link = m == 0 ? HouseholdLink.PersonneDeReference
                        : m == 1 && size > 1 && r.Next(3) > 0 ? HouseholdLink.ConjointOuPartenaire
                        : r.Next(10) < 8 ? HouseholdLink.Enfant
                        : (HouseholdLink)(3 + r.Next(3));
                    var female = r.Next(2) == 0;
                    var birthName = link is HouseholdLink.PersonneDeReference or HouseholdLink.Enfant || r.Next(3) == 0 ? family : Names.Surname(r);
                    string? usageName = link == HouseholdLink.ConjointOuPartenaire && female && birthName != family && r.Next(2) == 0 ? family
                        : link is HouseholdLink.PersonneDeReference && female && r.Next(6) == 0 ? Names.Surname(r) : null;
                    var birth = link == HouseholdLink.Enfant ? Today.AddDays(-r.Next(0, 25 * 365))
                        : link == HouseholdLink.Parent ? adultBirth.AddDays(-r.Next(20 * 365, 35 * 365))
                        : adultBirth.AddDays(r.Next(-3000, 3000));
                    if (birth > Today) birth = Today.AddDays(-1);
                    var id = Guid.NewGuid();
                    ids.Add(id);
                    circs.Add(circ);
                    fuFirst.Add(_fuOpened.Count);
                    var (created, lastContact) = PlanFollowUps(rf, householdExpiring || rf.NextDouble() < 0.012);
                    var (source, third) = r.Next(20) switch { 0 => ("Tiers", "Voisinage"), < 4 => ("Professionnel", null), _ => ("Personne", (string?)null) };
                    pw.StartRow();
                    pw.Write(id, NpgsqlDbType.Uuid);
                    pw.Write(birthName, NpgsqlDbType.Varchar);
                    if (usageName is null) pw.WriteNull(); else pw.Write(usageName, NpgsqlDbType.Varchar);
                    var firstNames = Names.FirstNames(r, female);
                    pw.Write(firstNames, NpgsqlDbType.Varchar);
                    pw.Write(birth, NpgsqlDbType.Date);
                    if (r.Next(3) == 0) pw.WriteNull(); else pw.Write($"06{r.Next(10_000_000, 99_999_999)}", NpgsqlDbType.Varchar);
                    if (r.Next(2) == 0) pw.WriteNull(); else pw.Write($"{NameKeys.Normalize(birthName)}.{r.Next(1000)}@exemple.fr", NpgsqlDbType.Varchar);
                    pw.Write(NameKeys.Normalize(birthName), NpgsqlDbType.Varchar);
                    pw.Write(NameKeys.Normalize(usageName), NpgsqlDbType.Varchar);
                    pw.Write(NameKeys.Sound(birthName), NpgsqlDbType.Varchar);
                    pw.Write(NameKeys.Sound(usageName), NpgsqlDbType.Varchar);
                    pw.Write(hid, NpgsqlDbType.Uuid);
                    pw.Write(link.ToString(), NpgsqlDbType.Varchar);
                    pw.Write(_circ[circ], NpgsqlDbType.Uuid);
                    pw.Write(created.ToDateTime(new TimeOnly(8 + rf.Next(10), rf.Next(60)), DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                    pw.Write(0);
                    pw.WriteNull();
                    pw.Write(source, NpgsqlDbType.Varchar);
                    if (third is null) pw.WriteNull(); else pw.Write(third, NpgsqlDbType.Varchar);
                    pw.Write(lastContact, NpgsqlDbType.Date);
                    pw.Write(NameKeys.Normalize(firstNames), NpgsqlDbType.Varchar);
                    foreach (var word in NameWords.Of(birthName, usageName, firstNames))
                    {
                        ww.StartRow();
                        ww.Write(id, NpgsqlDbType.Uuid);
                        ww.Write(word, NpgsqlDbType.Varchar);
                        ww.Write(_circ[circ], NpgsqlDbType.Uuid);
                        ww.Write(NameKeys.WordSound(word), NpgsqlDbType.Varchar);
                        words++;
                    }
                }
                if (households % 200_000 == 0) Console.WriteLine($"  {ids.Count:N0} persons, {ids.Count / sw.Elapsed.TotalSeconds:N0} persons/s");
            }
            pw.Complete();
            ww.Complete();
            hw.Complete();
            Console.WriteLine($"person_name_words {words:N0} ({words / (double)ids.Count:F2} per person)");
        }
        Console.WriteLine($"households {households:N0}, persons {ids.Count:N0} in {sw.Elapsed.TotalSeconds:F1} s ({(households + ids.Count) / sw.Elapsed.TotalSeconds:N0} rows/s)");
        fuFirst.Add(_fuOpened.Count);
        _fuFirst = fuFirst.ToArray();
        personIds = ids.ToArray();
        personCirc = circs.ToArray();
        return households + ids.Count;
    }

    private long LoadFollowUps(NpgsqlConnection conn, Guid[] personIds, byte[] personCirc)
    {
        var r = new Random(seed + 2);
        var sw = Stopwatch.StartNew();
        long followUps = 0, members = 0, interviews = 0;
        var motives = Enum.GetValues<FollowUpMotive>();
        var kinds = Enum.GetNames<InterviewKind>();
        using var conn2 = new NpgsqlConnection(conn.ConnectionString);
        using var conn3 = new NpgsqlConnection(conn.ConnectionString);
        conn2.Open();
        conn3.Open();
        using var fw = conn.BeginBinaryImport("""
            COPY follow_ups ("Id", "PersonId", "CirconscriptionId", "ReferentId", "OpenedOn", "ClosedOn", "Status", "Motives",
              "Version", provenance_partner, provenance_source, provenance_third_party) FROM STDIN (FORMAT BINARY)
            """);
        using var mw = conn2.BeginBinaryImport("COPY follow_up_members (\"FollowUpId\", \"StaffAccountId\") FROM STDIN (FORMAT BINARY)");
        using var iw = conn3.BeginBinaryImport("""
            COPY interviews ("Id", "FollowUpId", "AuthorId", "OccurredOn", "Kind", "ParticipantMemberIds", "Motives", "Actions", "Summary", "CreatedAt",
              provenance_partner, provenance_source, provenance_third_party) FROM STDIN (FORMAT BINARY)
            """);
        var team = new List<Guid>(4);
        for (var p = 0; p < personIds.Length; p++)
        {
            var workers = _tsByCirc[personCirc[p]];
            for (var k = _fuFirst[p]; k < _fuFirst[p + 1]; k++)
            {
                var opened = DateOnly.FromDayNumber(_fuOpened[k]);
                var isOpen = _fuClosed[k] < 0;
                var closed = isOpen ? (DateOnly?)null : DateOnly.FromDayNumber(_fuClosed[k]);
                var end = DateOnly.FromDayNumber(_fuEnd[k]);
                var fid = Guid.NewGuid();
                var referent = workers[r.Next(workers.Length)];
                team.Clear();
                var teamSize = Math.Min(r.Next(1, 4), workers.Length - 1);
                while (team.Count < teamSize)
                {
                    var w = workers[r.Next(workers.Length)];
                    if (w != referent && !team.Contains(w)) team.Add(w);
                }
                var fMotives = Enumerable.Range(0, r.Next(1, 4)).Select(_ => (int)motives[r.Next(motives.Length)]).Distinct().ToArray();
                followUps++;
                fw.StartRow();
                fw.Write(fid, NpgsqlDbType.Uuid);
                fw.Write(personIds[p], NpgsqlDbType.Uuid);
                fw.Write(_circ[personCirc[p]], NpgsqlDbType.Uuid);
                fw.Write(referent, NpgsqlDbType.Uuid);
                fw.Write(opened, NpgsqlDbType.Date);
                if (closed is null) fw.WriteNull(); else fw.Write(closed.Value, NpgsqlDbType.Date);
                fw.Write(isOpen ? "Ouvert" : "Clos", NpgsqlDbType.Varchar);
                fw.Write(fMotives, NpgsqlDbType.Array | NpgsqlDbType.Integer);
                fw.Write(0);
                fw.WriteNull();
                fw.Write("Professionnel", NpgsqlDbType.Varchar);
                fw.WriteNull();
                if (isOpen) _open.Add(new OpenFollowUp(fid, p, referent, team.ToArray()));
                foreach (var m in team)
                {
                    members++;
                    mw.StartRow();
                    mw.Write(fid, NpgsqlDbType.Uuid);
                    mw.Write(m, NpgsqlDbType.Uuid);
                }
                // 5–25 interviews per follow-up (mean 15: 2M follow-ups ↔ 30M interviews), the last one on the follow-up's
                // last day of contact (its closing day, or the person's last contact for an open one).
                var n = r.Next(5, 26);
                var span = Math.Max(1, end.DayNumber - opened.DayNumber);
                for (var i = 0; i < n; i++)
                {
                    var on = i == n - 1 ? end : opened.AddDays((int)((long)span * i / n) + r.Next(3));
                    if (on > end) on = end;
                    interviews++;
                    iw.StartRow();
                    iw.Write(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    iw.Write(fid, NpgsqlDbType.Uuid);
                    iw.Write(team.Count > 0 && r.Next(4) == 0 ? team[r.Next(team.Count)] : referent, NpgsqlDbType.Uuid);
                    iw.Write(on, NpgsqlDbType.Date);
                    iw.Write(kinds[r.Next(kinds.Length)], NpgsqlDbType.Varchar);
                    iw.Write(new[] { personIds[p] }, NpgsqlDbType.Array | NpgsqlDbType.Uuid);
                    iw.Write(new[] { fMotives[r.Next(fMotives.Length)] }, NpgsqlDbType.Array | NpgsqlDbType.Integer);
                    iw.Write(r.Next(3) == 0 ? Array.Empty<int>() : [r.Next(6)], NpgsqlDbType.Array | NpgsqlDbType.Integer);
                    if (r.Next(5) == 0) iw.WriteNull();
                    else iw.Write(Names.Phrases[r.Next(Names.Phrases.Length)] + " " + Names.Phrases[r.Next(Names.Phrases.Length)], NpgsqlDbType.Varchar);
                    iw.Write(on.ToDateTime(new TimeOnly(9 + r.Next(8), r.Next(60)), DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
                    iw.WriteNull();
                    iw.Write(r.Next(10) == 0 ? "Personne" : "Professionnel", NpgsqlDbType.Varchar);
                    iw.WriteNull();
                }
            }
            if (p > 0 && p % 500_000 == 0)
                Console.WriteLine($"  {p:N0} persons' follow-ups, {interviews:N0} interviews, {(followUps + members + interviews) / sw.Elapsed.TotalSeconds:N0} rows/s");
        }
        iw.Complete();
        mw.Complete();
        fw.Complete();
        var rows = followUps + members + interviews;
        Console.WriteLine($"follow-ups {followUps:N0}, team members {members:N0}, interviews {interviews:N0} in {sw.Elapsed.TotalSeconds:F1} s ({rows / sw.Elapsed.TotalSeconds:N0} rows/s)");
        return rows;
    }

    /// <summary>
    /// Plans one person's follow-ups (0–3, mean ≈ 0.67) backwards from the last contact, and returns the file's creation
    /// day and last contact (= the last interview of the last follow-up, or the creation day without follow-up).
    /// Expiring persons (past retention): last contact 2–3 years ago, every follow-up closed by then. The others: an open
    /// follow-up (2 times out of 3 when there are follow-ups, last contact within 60 days), or a contact within the last
    /// 2 years — the steady state of a job that ran every night, which deleted older files without an open follow-up.
    /// Earlier follow-ups of a person are closed, some of them more than 2 years ago (the job deletes those too), none
    /// more than 3 years ago.
    /// </summary>
    private (DateOnly Created, DateOnly LastContact) PlanFollowUps(Random r, bool expiring)
    {
        _planned++;
        var roll = r.NextDouble();
        var count = roll < 0.50 ? 0 : roll < 0.85 ? 1 : roll < 0.98 ? 2 : 3;
        var t = Today.DayNumber;
        var lastOpen = !expiring && count > 0 && r.Next(3) > 0;
        var last = expiring ? t - r.Next(RetentionDays + 1, RetentionDays + 366)
            : lastOpen ? t - r.Next(0, 60)
            : t - r.Next(0, RetentionDays);
        if (count == 0)
        {
            // « À orienter » (issue 16): a handful of files created by reception in the last ten days, no follow-up yet.
            if (!expiring && _newFileRandom.NextDouble() < NewFileShare)
            {
                last = t - _newFileRandom.Next(0, 10);
                _newFiles.Add(_planned - 1);
            }
            return (DateOnly.FromDayNumber(last), DateOnly.FromDayNumber(last));
        }
        Span<int> opened = stackalloc int[3], closed = stackalloc int[3], end = stackalloc int[3];
        var endK = last;
        for (var k = count - 1; k >= 0; k--)
        {
            var open = k == count - 1 && lastOpen;
            end[k] = endK;
            closed[k] = open ? -1 : endK;
            opened[k] = endK - (open ? r.Next(30, 900) : r.Next(60, 400));
            endK = opened[k] - r.Next(30, 300);
        }
        // Earlier follow-ups closed more than 3 years ago are not generated: the closed-follow-up rule (2 years after the
        // closure) deleted them before the year of backlog this data set represents.
        for (var k = 0; k < count; k++)
            if (k == count - 1 || closed[k] >= t - RetentionDays - 365) { _fuOpened.Add(opened[k]); _fuClosed.Add(closed[k]); _fuEnd.Add(end[k]); }
        return (DateOnly.FromDayNumber(opened[0] - r.Next(0, 90)), DateOnly.FromDayNumber(last));
    }

    /// <summary>Legal holds on one expiring person in a thousand (litigation, in force: the job must keep them), and as many
    /// expired holds on others (no longer protecting).</summary>
    private async Task AddLegalHoldsAsync(NpgsqlConnection conn)
    {
        var cutoff = Today.AddDays(-RetentionDays);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM persons WHERE \"LastContactOn\" < @c", conn) { CommandTimeout = 0 };
        count.Parameters.AddWithValue("c", cutoff);
        var n = (long)(await count.ExecuteScalarAsync())! / 1000;
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO legal_holds ("Id", "PersonId", "Reason", "Details", "From", "Until", "SetById", "SetAt")
            SELECT gen_random_uuid(), "Id", 'Contentieux', NULL,
                   CASE WHEN rn % 2 = 0 THEN @today - 120 ELSE @today - 500 END,
                   CASE WHEN rn % 2 = 0 THEN @today + 245 ELSE @today - 135 END, @by, @now
            FROM (SELECT "Id", row_number() OVER (ORDER BY "Id") AS rn FROM persons WHERE "LastContactOn" < @c ORDER BY "Id" LIMIT @n) e
            """, conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("c", cutoff);
        cmd.Parameters.AddWithValue("today", Today);
        cmd.Parameters.AddWithValue("by", _ts[0]);
        cmd.Parameters.AddWithValue("now", Now);
        cmd.Parameters.AddWithValue("n", n * 2);
        var rows = await cmd.ExecuteNonQueryAsync();
        Console.WriteLine($"legal holds: {rows:N0} on expiring persons (half in force, half expired)");
    }

    /// <summary>Prints what the retention job should find (see scenario f).</summary>
    private static async Task PrintRetentionShapeAsync(NpgsqlConnection conn)
    {
        await using var cmd = new NpgsqlCommand(RetentionShapeSql, conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("c", Today.AddDays(-RetentionDays));
        cmd.Parameters.AddWithValue("today", Today);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Console.WriteLine($"past retention at {Today:yyyy-MM-dd}: {r.GetInt64(0):N0} of {r.GetInt64(1):N0} persons, with {r.GetInt64(2):N0} follow-ups; "
            + $"{r.GetInt64(3):N0} closed follow-ups older than {RetentionDays} days on persons kept; {r.GetInt64(4):N0} persons kept by a legal hold");
    }

    internal const string RetentionShapeSql = """
        WITH expiring AS (
            SELECT p."Id" FROM persons p
            WHERE p."ArchivedOn" IS NULL AND p."LastContactOn" < @c
              AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f."PersonId" = p."Id" AND f."Status" = 'Ouvert')
              AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h."PersonId" = p."Id" AND h."LiftedOn" IS NULL AND h."From" <= @today AND h."Until" >= @today))
        SELECT (SELECT count(*) FROM expiring),
               (SELECT count(*) FROM persons),
               (SELECT count(*) FROM follow_ups f JOIN expiring e ON e."Id" = f."PersonId"),
               (SELECT count(*) FROM follow_ups f WHERE f."Status" = 'Clos' AND f."ClosedOn" < @c AND f."PersonId" NOT IN (SELECT "Id" FROM expiring)),
               (SELECT count(*) FROM persons p WHERE p."LastContactOn" < @c AND EXISTS (SELECT 1 FROM legal_holds h WHERE h."PersonId" = p."Id" AND h."LiftedOn" IS NULL AND h."From" <= @today AND h."Until" >= @today))
        """;

    internal static async Task Exec(NpgsqlConnection conn, string sql, int timeout = 30)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = timeout };
        await cmd.ExecuteNonQueryAsync();
    }

    internal static async Task<T> Scalar<T>(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
