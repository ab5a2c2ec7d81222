using Discret.Data;
using Discret.Web.Features.Accueil;
using Discret.Web.Features.Agenda;
using Discret.Web.Features.InformationDesPersonnes;
using Discret.Web.Features.Orientation;
using Discret.Web.Features.Taches;
using Discret.Web.Security;
using Discret.Time;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Discret.Bench;

/// <summary>
/// g)–l) the worker's day (issue 16): the home lists and agenda views, each the app's own query object called as its page
/// calls it (journal entry dropped as in a)–c)), against plain SQL returning the same rows. The clock is the data set's
/// "now" (2026-11-01 09:00 UTC), as the generator planned the appointments and tasks around it.
/// </summary>
public sealed partial class Benchmark
{
    /// <summary>The data set's day as the app's clock.</summary>
    private sealed class DataSetDay : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(Generator.Now);
    }

    private static readonly TimeProvider Clock = new DataSetDay();

    private static bool IsWorkersDay(string letter) => letter is "g" or "h" or "i" or "j" or "k" or "l";

    private async Task WorkersDayAsync(NpgsqlConnection conn, List<Row> rows, List<string> checks)
    {
        if (!"ghijkl".Any(c => Runs(c.ToString()))) return;
        var heads = await Accounts(conn, "ResponsableCirconscription", 100);
        // Social workers in post (signed in on the data set's day: active, not absent).
        var workers = new List<Account>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT "Id", "CirconscriptionId" FROM staff_accounts WHERE "Role" = 'TravailleurSocial' AND "IsActive"
              AND NOT ("AbsentFrom" IS NOT NULL AND "AbsentFrom" <= $1 AND ("AbsentUntil" IS NULL OR "AbsentUntil" >= $1)) ORDER BY random() LIMIT 500
            """, conn))
        {
            cmd.Parameters.AddWithValue(Generator.Today);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) workers.Add(new Account(r.GetGuid(0), r.GetGuid(1), "TravailleurSocial"));
        }
        // Weeks and days of the generated agenda: the 10 weeks around the data set's day, their weekdays.
        var firstMonday = Generator.Today.AddDays(-Generator.AgendaDaysBefore);
        firstMonday = firstMonday.AddDays(-(((int)firstMonday.DayOfWeek + 6) % 7));
        var mondays = Enumerable.Range(0, 10).Select(k => firstMonday.AddDays(7 * (k + 1))).ToArray();
        var weekdays = mondays.SelectMany(m => Enumerable.Range(0, 5).Select(d => m.AddDays(d))).ToArray();
        var today = Generator.Today;
        var now = Generator.Now;
        var n = 0;
        Account Worker() => workers[n++ % workers.Count];
        Account Head() => heads[n++ % heads.Count];

        if (Runs("g"))
        {
            checks.Add(await CheckSame("g) « Mes accompagnements », first page", i => workers[i % workers.Count], x => EfCaseload(x), x => SqlCaseload(x, today, now)));
            rows.AddRange(await Measure("g) home « Mes accompagnements », first page", Worker,
                (App, x => Count(EfCaseload(x))), (Sql, x => Count(SqlCaseload(x, today, now)))));
        }
        if (Runs("h"))
        {
            checks.Add(await CheckSame("h) « Mes tâches » due within the week", i => workers[i % workers.Count], x => EfTasksDue(x), x => SqlTasksDue(x, today)));
            rows.AddRange(await Measure("h) home « Mes tâches », due within the week", Worker,
                (App, x => Count(EfTasksDue(x))), (Sql, x => Count(SqlTasksDue(x, today)))));
        }
        if (Runs("i"))
        {
            (Account, DateOnly) Week(int i) => (workers[i % workers.Count], mondays[(i * 7) % mondays.Length]);
            checks.Add(await CheckSame("i) agenda, a worker's week", Week, x => EfWeek(x.Item1, x.Item2), x => SqlAgenda(SqlWeek, x.Item1.Id, x.Item2, 7)));
            rows.AddRange(await Measure("i) agenda, a social worker's week", () => Week(n++),
                (App, x => Count(EfWeek(x.Item1, x.Item2))), (Sql, x => Count(SqlAgenda(SqlWeek, x.Item1.Id, x.Item2, 7)))));
        }
        if (Runs("j"))
        {
            (Account, DateOnly) Day(int i) => (heads[i % heads.Count], weekdays[(i * 7) % weekdays.Length]);
            checks.Add(await CheckSame("j) « Rendez-vous du jour » of a circonscription", Day, x => EfReceptionDay(x.Item1, x.Item2),
                x => SqlAgenda(SqlCirconscriptionDay, x.Item1.Circonscription, x.Item2, 1)));
            rows.AddRange(await Measure("j) « Rendez-vous du jour », circonscription", () => Day(n++),
                (App, x => Count(EfReceptionDay(x.Item1, x.Item2))), (Sql, x => Count(SqlAgenda(SqlCirconscriptionDay, x.Item1.Circonscription, x.Item2, 1)))));
        }
        if (Runs("k"))
        {
            checks.Add(await CheckSame("k) « À orienter », first page", i => heads[i % heads.Count], x => EfNewFiles(x), x => SqlNewFiles(x)));
            rows.AddRange(await Measure("k) head « À orienter », first page", Head, (App, x => Count(EfNewFiles(x))), (Sql, x => Count(SqlNewFiles(x)))));
        }
        if (Runs("l"))
        {
            checks.Add(await CheckSame("l) « À réattribuer », first page", i => heads[i % heads.Count], x => EfToReassign(x), x => SqlToReassign(x, today)));
            rows.AddRange(await Measure("l) head « À réattribuer », first page", Head, (App, x => Count(EfToReassign(x))), (Sql, x => Count(SqlToReassign(x, today)))));
        }
    }

    private static async Task<int> Count(Task<List<string>> rows) => (await rows).Count;

    /// <summary>Same rows on 100 inputs: each variant renders its rows as strings (ids and the values the page shows).</summary>
    private async Task<string> CheckSame<T>(string label, Func<int, T> input, Func<T, Task<List<string>>> app, Func<T, Task<List<string>>> sql)
    {
        int same = 0, empty = 0, lines = 0;
        var diffs = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var x = input(i);
            var a = await app(x);
            var s = await sql(x);
            lines += a.Count;
            if (a.Count == 0) empty++;
            if (a.SequenceEqual(s)) same++;
            else if (diffs.Count < 2)
                diffs.Add($"app {a.Count} rows, SQL {s.Count}; first difference: app « {a.Except(s).FirstOrDefault()} », SQL « {s.Except(a).FirstOrDefault()} »");
        }
        return Verdict($"{label}: app and plain SQL return the same rows, in the same order, for {same}/100 inputs ({lines / 100.0:F1} rows on average, {empty} empty)"
                       + (diffs.Count > 0 ? " — differences e.g. " + string.Join("; ", diffs) : ""), same == 100);
    }

    private PersonAccess Access(DiscretDbContext db, Web.Features.Journal.AccessJournal j) => new(db, j, Clock, new RunningBreakGlass(), new ReachedFileState());

    private static string D(DateTime? t) => t is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm") : "—";

    // ---- g) « Mes accompagnements » -----------------------------------------------------------------------------

    private async Task<List<string>> EfCaseload(Account who)
    {
        await using var db = Context(journal: false);
        var j = Journal(db, who);
        var access = Access(db, j);
        // PersonInformation's notice versions are not read by the reminders (PendingFactsAsync only).
        var reminders = new Reminders(db, access, new PersonInformation(db, Clock, null!, j), j, Clock,
            Microsoft.Extensions.Options.Options.Create(new ReminderSettings()));
        var tasks = new WorkTasks(db, access, new PersonFileContext(access, db, new RequestOf(who.Principal)), j, Clock);
        var page = await new Caseload(db, access, reminders, tasks, j, Clock).ListAsync(who.Principal, new Caseload.Query(), default) ?? throw new InvalidOperationException();
        return page.Lines.Select(l => $"{l.FollowUpId} {l.Name} {(l.Referent ? "R" : "E")} {l.LastContactOn:yyyy-MM-dd} {D(l.NextAppointmentAt)} "
                                      + string.Join(",", l.Overdue.Select(o => $"{o.Deadline:yyyy-MM-dd}").Order())).ToList();
    }

    /// <summary>
    /// One statement: the worker's open follow-ups (referent; co-worker), their persons in daily work, the next planned
    /// appointment, sorted by last contact then follow-up, first 50; then for those lines the overdue items the page shows
    /// (notice never given 30 days after the file's creation, facts from a third party or a partner not told within a month,
    /// rights requests in progress past their deadline, tasks she sees about the person past their due day), as their deadlines.
    /// </summary>
    private const string SqlCaseloadText = """
        WITH mine AS (
          SELECT f."Id", f."PersonId", true AS referent FROM follow_ups f WHERE f."ReferentId" = $1 AND f."Status" = 'Ouvert'
          UNION
          SELECT f."Id", f."PersonId", f."ReferentId" = $1 FROM follow_up_members m JOIN follow_ups f ON f."Id" = m."FollowUpId"
          WHERE m."StaffAccountId" = $1 AND f."Status" = 'Ouvert'),
        page AS (
          SELECT m."Id", m."PersonId", m.referent, p."UsageName", p."BirthName", p."FirstNames", p."LastContactOn", p."CreatedAt", p.provenance_source,
                 (SELECT min(a."StartsAt") FROM appointments a WHERE a."FollowUpId" = m."Id" AND a."Status" = 'Prevu' AND a."StartsAt" >= $3) AS next
          FROM mine m JOIN persons p ON p."Id" = m."PersonId"
          WHERE p."ArchivedOn" IS NULL AND p."EliminationBatchId" IS NULL
          ORDER BY p."LastContactOn", m."Id" LIMIT 50)
        SELECT page."Id", page."UsageName", page."BirthName", page."FirstNames", page.referent, page."LastContactOn", page.next,
          ARRAY(
            SELECT d FROM (
              SELECT ((page."CreatedAt" AT TIME ZONE 'Europe/Paris')::date + 30) AS d
              WHERE NOT EXISTS (SELECT 1 FROM information_records r WHERE r."PersonId" = page."PersonId")
              UNION ALL
              SELECT (page."CreatedAt" AT TIME ZONE 'Europe/Paris')::date + 30 WHERE page.provenance_source IN ('Tiers', 'Partenaire')
                AND NOT EXISTS (SELECT 1 FROM fact_disclosures x WHERE x."PersonId" = page."PersonId" AND x."FactId" = page."PersonId")
              UNION ALL
              SELECT f."OpenedOn" + 30 FROM follow_ups f WHERE f."PersonId" = page."PersonId" AND f.provenance_source IN ('Tiers', 'Partenaire')
                AND NOT EXISTS (SELECT 1 FROM fact_disclosures x WHERE x."PersonId" = page."PersonId" AND x."FactId" = f."Id")
              UNION ALL
              SELECT i."OccurredOn" + 30 FROM follow_ups f JOIN interviews i ON i."FollowUpId" = f."Id"
              WHERE f."PersonId" = page."PersonId" AND i.provenance_source IN ('Tiers', 'Partenaire')
                AND NOT EXISTS (SELECT 1 FROM fact_disclosures x WHERE x."PersonId" = page."PersonId" AND x."FactId" = i."Id")
              UNION ALL
              SELECT r."DueOn" FROM rights_requests r WHERE r."PersonId" = page."PersonId" AND r."Status" = 'EnCours'
              UNION ALL
              SELECT t."DueOn" FROM tasks t WHERE t."PersonId" = page."PersonId" AND t."DoneOn" IS NULL
                AND (t."AuthorId" = $1 OR t."AssigneeId" = $1 OR (t."Visibility" = 'Equipe' AND t."FollowUpId" IN (SELECT "Id" FROM mine)))
            ) o WHERE d < $2 ORDER BY d)
        FROM page ORDER BY page."LastContactOn", page."Id"
        """;

    private async Task<List<string>> SqlCaseload(Account who, DateOnly today, DateTime now)
    {
        await using var cmd = _ds.CreateCommand(SqlCaseloadText);
        cmd.Parameters.AddWithValue(who.Id);
        cmd.Parameters.AddWithValue(today);
        cmd.Parameters.AddWithValue(now);
        await using var r = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await r.ReadAsync())
        {
            var name = Domain.Persons.Person.NameOf(r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3));
            var overdue = r.GetFieldValue<DateOnly[]>(7);
            lines.Add($"{r.GetGuid(0)} {name} {(r.GetBoolean(4) ? "R" : "E")} {r.GetFieldValue<DateOnly>(5):yyyy-MM-dd} {D(r.IsDBNull(6) ? null : r.GetDateTime(6))} "
                      + string.Join(",", overdue.Select(o => $"{o:yyyy-MM-dd}").Order()));
        }
        return lines;
    }

    // ---- h) « Mes tâches » on the home page ---------------------------------------------------------------------

    private async Task<List<string>> EfTasksDue(Account who)
    {
        await using var db = Context(journal: false);
        var j = Journal(db, who);
        var access = Access(db, j);
        var tasks = new WorkTasks(db, access, new PersonFileContext(access, db, new RequestOf(who.Principal)), j, Clock);
        // As the home page: the tasks to do, those due within the week (overdue included).
        var weekEnd = Clock.Today().AddDays(7);
        return (await tasks.ListAsync(who.Principal, WorkTasks.Filter.AFaire)).Where(t => t.DueOn <= weekEnd)
            .Select(t => $"{t.Id} {t.DueOn:yyyy-MM-dd} {t.Title} {t.Assignee} {t.PersonName}").ToList();
    }

    /// <summary>The tasks the worker sees (author, assignee, or « équipe » on one of her open follow-ups; on a file, only one
    /// she reaches), to do, due by the end of the week, by due day; assignee's and person's names.</summary>
    private const string SqlTasksDueText = """
        WITH myfu AS (
          SELECT f."Id" FROM follow_ups f WHERE f."ReferentId" = $1 AND f."Status" = 'Ouvert'
          UNION
          SELECT m."FollowUpId" FROM follow_up_members m JOIN follow_ups f ON f."Id" = m."FollowUpId" WHERE m."StaffAccountId" = $1 AND f."Status" = 'Ouvert'),
        mypersons AS (
          SELECT f."PersonId" FROM follow_ups f WHERE f."ReferentId" = $1 AND f."Status" = 'Ouvert'
          UNION
          SELECT f."PersonId" FROM follow_up_members m JOIN follow_ups f ON f."Id" = m."FollowUpId" WHERE m."StaffAccountId" = $1 AND f."Status" = 'Ouvert'),
        seen AS (
          SELECT t.* FROM tasks t WHERE t."DoneOn" IS NULL AND (t."AuthorId" = $1 OR t."AssigneeId" = $1
              OR (t."Visibility" = 'Equipe' AND t."FollowUpId" IN (SELECT "Id" FROM myfu)))
            AND (t."PersonId" IS NULL OR t."PersonId" IN (SELECT p."Id" FROM persons p JOIN mypersons mp ON mp."PersonId" = p."Id"
                                                          WHERE p."ArchivedOn" IS NULL AND p."EliminationBatchId" IS NULL))
          ORDER BY t."DueOn", t."Id" LIMIT 200)
        SELECT t."Id", t."DueOn", t."Title", t."AssignedToSecretariat", t."AssigneeId", a."DisplayName", p."UsageName", p."BirthName", p."FirstNames"
        FROM seen t LEFT JOIN staff_accounts a ON a."Id" = t."AssigneeId" LEFT JOIN persons p ON p."Id" = t."PersonId"
        WHERE t."DueOn" <= $2 ORDER BY t."DueOn", t."Id"
        """;

    private async Task<List<string>> SqlTasksDue(Account who, DateOnly today)
    {
        await using var cmd = _ds.CreateCommand(SqlTasksDueText);
        cmd.Parameters.AddWithValue(who.Id);
        cmd.Parameters.AddWithValue(today.AddDays(7));
        await using var r = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await r.ReadAsync())
        {
            var assignee = r.GetBoolean(3) ? "Secrétariat de la circonscription" : !r.IsDBNull(4) && r.GetGuid(4) == who.Id ? "Moi" : r.IsDBNull(5) ? "—" : r.GetString(5);
            var person = r.IsDBNull(7) ? null : Domain.Persons.Person.NameOf(r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.GetString(8));
            lines.Add($"{r.GetGuid(0)} {r.GetFieldValue<DateOnly>(1):yyyy-MM-dd} {r.GetString(2)} {assignee} {person}");
        }
        return lines;
    }

    // ---- i) and j): agenda -------------------------------------------------------------------------------------

    private async Task<List<string>> EfWeek(Account who, DateOnly monday)
    {
        await using var db = Context(journal: false);
        var lines = await new AgendaLists(db, Journal(db, who)).MineAsync(who.Id, monday, monday.AddDays(7));
        return lines.Select(AgendaLine).ToList();
    }

    private async Task<List<string>> EfReceptionDay(Account who, DateOnly day)
    {
        await using var db = Context(journal: false);
        var lines = await new AgendaLists(db, Journal(db, who)).CirconscriptionAsync(who.Circonscription, day);
        return lines.Select(AgendaLine).ToList();
    }

    private static string AgendaLine(AgendaLists.Line l) =>
        $"{l.Id} {l.PersonName} {D(l.StartsAt)}–{D(l.EndsAt)} {l.Place} {l.Room} {string.Join(",", l.Workers)} {l.Status} {l.CancellationReason} {l.FollowUpId} {l.OtherMembers}";

    private const string SqlAgendaColumns = """
        SELECT a."Id", p."UsageName", p."BirthName", p."FirstNames", a."StartsAt", a."EndsAt", a."PlaceKind", r."Name",
               ARRAY(SELECT s."DisplayName" FROM appointment_workers w JOIN staff_accounts s ON s."Id" = w."StaffAccountId" WHERE w."AppointmentId" = a."Id"),
               a."Status", a."CancellationReason", a."FollowUpId", cardinality(a."OtherMemberIds"), a."Version"
        """;

    /// <summary>A worker's appointments from her appointment_workers rows.</summary>
    private const string SqlWeek = SqlAgendaColumns + """

        FROM appointment_workers me JOIN appointments a ON a."Id" = me."AppointmentId" JOIN persons p ON p."Id" = a."PersonId"
        LEFT JOIN rooms r ON r."Id" = a."RoomId"
        WHERE me."StaffAccountId" = $1 AND a."StartsAt" >= $2 AND a."StartsAt" < $3 ORDER BY a."StartsAt", a."Id" LIMIT 500
        """;

    private const string SqlCirconscriptionDay = SqlAgendaColumns + """

        FROM appointments a JOIN persons p ON p."Id" = a."PersonId" LEFT JOIN rooms r ON r."Id" = a."RoomId"
        WHERE a."CirconscriptionId" = $1 AND a."StartsAt" >= $2 AND a."StartsAt" < $3 ORDER BY a."StartsAt", a."Id" LIMIT 500
        """;

    private async Task<List<string>> SqlAgenda(string sql, Guid scope, DateOnly from, int days)
    {
        await using var cmd = _ds.CreateCommand(sql);
        cmd.Parameters.AddWithValue(scope);
        cmd.Parameters.AddWithValue(ParisTime.StartOfDayUtc(from));
        cmd.Parameters.AddWithValue(ParisTime.StartOfDayUtc(from.AddDays(days)));
        await using var r = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await r.ReadAsync())
        {
            var name = Domain.Persons.Person.NameOf(r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3));
            var workers = r.GetFieldValue<string[]>(8).Order();
            lines.Add($"{r.GetGuid(0)} {name} {D(r.GetDateTime(4))}–{D(r.GetDateTime(5))} {r.GetString(6)} {(r.IsDBNull(7) ? "" : r.GetString(7))} "
                      + $"{string.Join(",", workers)} {r.GetString(9)} {(r.IsDBNull(10) ? "" : r.GetString(10))} {(r.IsDBNull(11) ? "" : r.GetGuid(11))} {r.GetInt32(12)}");
        }
        return lines;
    }

    // ---- k) « À orienter » -------------------------------------------------------------------------------------

    private async Task<List<string>> EfNewFiles(Account head)
    {
        await using var db = Context(journal: false);
        var j = Journal(db, head);
        var page = await new NewFiles(db, Access(db, j), j).ListAsync(head.Principal, null, NewFiles.PageSize, default);
        return page.Lines.Select(l => $"{l.PersonId} {l.Name} {l.BirthDate:yyyy-MM-dd} {D(l.CreatedAt)} {l.PaperOnly}").ToList();
    }

    /// <summary>The circonscription's files in daily work that no follow-up was ever opened for, newest first (an ordered
    /// index scan of persons(circonscription, created) with an anti-join).</summary>
    private const string SqlNewFilesText = """
        SELECT p."Id", p."UsageName", p."BirthName", p."FirstNames", p."BirthDate", p."CreatedAt", p."PaperOnlySince" IS NOT NULL
        FROM persons p
        WHERE p."CirconscriptionId" = $1 AND p."ArchivedOn" IS NULL AND p."EliminationBatchId" IS NULL
          AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f."PersonId" = p."Id")
        ORDER BY p."CreatedAt" DESC, p."Id" DESC LIMIT 51
        """;

    private async Task<List<string>> SqlNewFiles(Account head)
    {
        await using var cmd = _ds.CreateCommand(SqlNewFilesText);
        cmd.Parameters.AddWithValue(head.Circonscription);
        await using var r = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await r.ReadAsync() && lines.Count < NewFiles.PageSize)
        {
            var name = Domain.Persons.Person.NameOf(r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3));
            lines.Add($"{r.GetGuid(0)} {name} {r.GetFieldValue<DateOnly>(4):yyyy-MM-dd} {D(r.GetDateTime(5))} {r.GetBoolean(6)}");
        }
        return lines;
    }

    // ---- l) « À réattribuer » ----------------------------------------------------------------------------------

    private async Task<List<string>> EfToReassign(Account head)
    {
        await using var db = Context(journal: false);
        var j = Journal(db, head);
        var access = Access(db, j);
        var handover = new Handover(db, access, new PersonFileContext(access, db, new RequestOf(head.Principal)), new Workers(db, Clock, j), j, Clock);
        var page = await handover.ToReassignAsync(head.Principal, null, null, Handover.PageSize, default);
        return page.Lines.Select(l => $"{l.FollowUpId} {l.Name} {l.BirthDate:yyyy-MM-dd} {l.OpenedOn:yyyy-MM-dd} {l.Referent} {l.State} {l.AbsentUntil}").ToList();
    }

    /// <summary>The circonscription's open follow-ups whose referent no longer serves there (inactive, elsewhere, not
    /// confirmed) or is absent today, on files the head reaches, by former referent then person; first 50. The referents
    /// first (an array the planner sees as a handful), then their follow-ups and persons by key: joined in one go, PostgreSQL
    /// read every person of the département to apply the head's visibility (circonscription OR assigned).</summary>
    private const string SqlToReassignText = """
        WITH gone AS MATERIALIZED (
          SELECT DISTINCT f."ReferentId" AS id FROM follow_ups f JOIN staff_accounts a ON a."Id" = f."ReferentId"
          WHERE f."CirconscriptionId" = $1 AND f."Status" = 'Ouvert'
            AND (NOT a."IsActive" OR a."CirconscriptionId" <> $1 OR a."AccessConfirmedAt" IS NULL OR a."Role" NOT IN ('TravailleurSocial', 'ResponsableCirconscription')
                 OR (a."AbsentFrom" <= $2 AND (a."AbsentUntil" IS NULL OR a."AbsentUntil" >= $2))))
        SELECT f."Id", p."UsageName", p."BirthName", p."FirstNames", p."BirthDate", f."OpenedOn", a."DisplayName",
               CASE WHEN NOT a."IsActive" THEN 'Desactive'
                    WHEN a."CirconscriptionId" <> $1 OR a."AccessConfirmedAt" IS NULL OR a."Role" NOT IN ('TravailleurSocial', 'ResponsableCirconscription') THEN 'AutreAffectation'
                    ELSE 'Absent' END,
               a."AbsentUntil"
        FROM follow_ups f JOIN staff_accounts a ON a."Id" = f."ReferentId" JOIN persons p ON p."Id" = f."PersonId"
        WHERE f."ReferentId" = ANY (ARRAY(SELECT id FROM gone)) AND f."CirconscriptionId" = $1 AND f."Status" = 'Ouvert' AND p."ArchivedOn" IS NULL AND p."EliminationBatchId" IS NULL
          AND (p."CirconscriptionId" = $1
               OR EXISTS (SELECT 1 FROM follow_ups g WHERE g."PersonId" = p."Id" AND g."Status" = 'Ouvert'
                          AND (g."ReferentId" = $3 OR EXISTS (SELECT 1 FROM follow_up_members m WHERE m."FollowUpId" = g."Id" AND m."StaffAccountId" = $3))))
        ORDER BY lower(a."DisplayName"), f."ReferentId", lower(coalesce(p."UsageName", p."BirthName")), lower(p."FirstNames"), f."Id" LIMIT 50
        """;

    private async Task<List<string>> SqlToReassign(Account head, DateOnly today)
    {
        await using var cmd = _ds.CreateCommand(SqlToReassignText);
        cmd.Parameters.AddWithValue(head.Circonscription);
        cmd.Parameters.AddWithValue(today);
        cmd.Parameters.AddWithValue(head.Id);
        await using var r = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await r.ReadAsync())
        {
            var name = Domain.Persons.Person.NameOf(r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.GetString(3));
            lines.Add($"{r.GetGuid(0)} {name} {r.GetFieldValue<DateOnly>(4):yyyy-MM-dd} {r.GetFieldValue<DateOnly>(5):yyyy-MM-dd} {r.GetString(6)} {r.GetString(7)} "
                      + $"{(r.IsDBNull(8) ? "" : r.GetFieldValue<DateOnly>(8).ToString())}");
        }
        return lines;
    }
}
