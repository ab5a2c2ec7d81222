using System.Diagnostics;
using Discret.Domain.Agenda;
using Discret.Domain.Tasks;
using Discret.Time;
using Npgsql;
using NpgsqlTypes;

namespace Discret.Bench;

/// <summary>
/// What the worker's day reads (issue 16): rooms, appointments around the data set's day (past weeks marked honoured,
/// missed, excused or cancelled; coming weeks planned), tasks, staff absences and departures, and the recent files
/// « à orienter ». Loaded by binary COPY like the rest; the tables' indexes are dropped and rebuilt with the others.
/// </summary>
public sealed partial class Generator
{
    /// <summary>Appointments from 6 weeks before the data set's day to 4 weeks after it, on weekdays.</summary>
    internal const int AgendaDaysBefore = 42, AgendaDaysAfter = 28;
    internal const int RoomsPerCirconscription = 8;
    /// <summary>Share of the persons without any follow-up created in the last ten days (≈ 0.05 % of persons: ≈ 40 per circonscription).</summary>
    private const double NewFileShare = 0.001;
    /// <summary>The hours a worker receives (Paris): at most one appointment per hour.</summary>
    private static readonly int[] Slots = [9, 10, 11, 14, 15, 16, 17];

    private sealed record OpenFollowUp(Guid Id, int Person, Guid Referent, Guid[] Team);

    private readonly List<OpenFollowUp> _open = [];
    private readonly Random _newFileRandom = new(1606);
    private readonly List<int> _newFiles = [];
    private int _planned;
    private Guid[] _heads = [];
    private Guid[][] _accueilByCirc = [];
    private DateOnly?[] _tsAbsentFrom = [], _tsAbsentUntil = [], _tsGoneOn = [];

    /// <summary>≈ 3 % of social workers absent on the data set's day (since 1–20 days, back in 1–30 days or unknown),
    /// ≈ 1 % with an absence declared to come, ≈ 0.7 % deactivated 1–30 days ago (their follow-ups still name them).</summary>
    private void PlanStaffPresence()
    {
        var r = new Random(seed + 16);
        _tsAbsentFrom = new DateOnly?[_ts.Length];
        _tsAbsentUntil = new DateOnly?[_ts.Length];
        _tsGoneOn = new DateOnly?[_ts.Length];
        for (var i = 0; i < _ts.Length; i++)
        {
            var roll = r.NextDouble();
            if (roll < 0.03)
            {
                _tsAbsentFrom[i] = Today.AddDays(-r.Next(1, 21));
                _tsAbsentUntil[i] = r.Next(4) == 0 ? null : Today.AddDays(r.Next(1, 31));
            }
            else if (roll < 0.04)
            {
                _tsAbsentFrom[i] = Today.AddDays(r.Next(3, 20));
                _tsAbsentUntil[i] = _tsAbsentFrom[i]!.Value.AddDays(r.Next(5, 15));
            }
            else if (roll < 0.047) _tsGoneOn[i] = Today.AddDays(-r.Next(1, 31));
        }
    }

    private bool Receives(int worker, DateOnly day) =>
        !(_tsGoneOn[worker] is { } gone && day >= gone)
        && !(_tsAbsentFrom[worker] is { } from && from <= day && (_tsAbsentUntil[worker] is not { } until || until >= day));

    private long LoadAgendaAndTasks(NpgsqlConnection conn, Guid[] personIds, byte[] personCirc)
    {
        var r = new Random(seed + 5);
        var sw = Stopwatch.StartNew();
        var index = _ts.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);

        // Rooms: 8 per circonscription.
        var rooms = new Guid[_circ.Length][];
        using (var w = conn.BeginBinaryImport("COPY rooms (\"Id\", \"CirconscriptionId\", \"Name\", \"IsActive\") FROM STDIN (FORMAT BINARY)"))
        {
            for (var c = 0; c < _circ.Length; c++)
            {
                rooms[c] = new Guid[RoomsPerCirconscription];
                for (var k = 0; k < RoomsPerCirconscription; k++)
                {
                    rooms[c][k] = Guid.CreateVersion7();
                    w.StartRow();
                    w.Write(rooms[c][k], NpgsqlDbType.Uuid);
                    w.Write(_circ[c], NpgsqlDbType.Uuid);
                    w.Write(k < 2 ? $"Salle d'accueil {k + 1}" : $"Bureau d'entretien {k - 1}", NpgsqlDbType.Varchar);
                    w.Write(true);
                }
            }
            w.Complete();
        }

        // Each worker's open follow-ups (referent or co-worker).
        var mine = _ts.Select(_ => new List<int>()).ToArray();
        for (var k = 0; k < _open.Count; k++)
        {
            mine[index[_open[k].Referent]].Add(k);
            foreach (var m in _open[k].Team) mine[index[m]].Add(k);
        }

        using var conn2 = new NpgsqlConnection(conn.ConnectionString);
        conn2.Open();
        using var aw = conn.BeginBinaryImport("""
            COPY appointments ("Id", "PersonId", "CirconscriptionId", "FollowUpId", "OtherMemberIds", "StartsAt", "EndsAt", "PlaceKind", "RoomId",
              "Status", "CancellationReason", "BookedById", "BookedAt", "Version") FROM STDIN (FORMAT BINARY)
            """);
        using var ww = conn2.BeginBinaryImport("COPY appointment_workers (\"AppointmentId\", \"StaffAccountId\") FROM STDIN (FORMAT BINARY)");
        long appointments = 0, appointmentWorkers = 0;
        var busy = new HashSet<long>();            // (worker, day, slot): no worker is booked twice in an hour
        var roomsTaken = new Dictionary<long, int>(); // (circonscription, day, slot) → rooms taken
        long Key(int a, int day, int slot) => ((long)a * 100_000 + day) * 16 + slot;
        var places = Enum.GetValues<AppointmentPlace>();
        var reasons = Enum.GetValues<CancellationReason>();
        var noMembers = Array.Empty<Guid>();
        var firstDay = Today.AddDays(-AgendaDaysBefore);

        void Write(Guid person, int circ, Guid? followUp, DateOnly day, int slot, Guid[] workers, Guid bookedBy)
        {
            var starts = ParisTime.ToUtc(day, new TimeOnly(Slots[slot], r.Next(3) == 0 ? 30 : 0));
            var ends = starts.AddMinutes(r.Next(3) == 0 ? 30 : 45);
            var roll = r.NextDouble();
            var place = roll < 0.60 ? AppointmentPlace.BureauCirconscription : roll < 0.80 ? AppointmentPlace.VisiteADomicile
                : roll < 0.92 ? AppointmentPlace.Telephone : places[r.Next(places.Length)];
            Guid? room = null;
            if (place == AppointmentPlace.BureauCirconscription && r.Next(10) < 9)
            {
                var key = Key(circ, day.DayNumber - firstDay.DayNumber, slot);
                var taken = roomsTaken.GetValueOrDefault(key);
                if (taken < RoomsPerCirconscription) { room = rooms[circ][taken]; roomsTaken[key] = taken + 1; }
            }
            AppointmentStatus status;
            CancellationReason? reason = null;
            var s = r.NextDouble();
            if (starts < Now)
                status = s < 0.75 ? AppointmentStatus.Honore : s < 0.87 ? AppointmentStatus.NonHonore : s < 0.95 ? AppointmentStatus.Excuse : AppointmentStatus.Annule;
            else status = s < 0.95 ? AppointmentStatus.Prevu : AppointmentStatus.Annule;
            if (status == AppointmentStatus.Annule) reason = reasons[r.Next(reasons.Length)];
            var id = Guid.CreateVersion7();
            appointments++;
            aw.StartRow();
            aw.Write(id, NpgsqlDbType.Uuid);
            aw.Write(person, NpgsqlDbType.Uuid);
            aw.Write(_circ[circ], NpgsqlDbType.Uuid);
            if (followUp is { } f) aw.Write(f, NpgsqlDbType.Uuid); else aw.WriteNull();
            aw.Write(noMembers, NpgsqlDbType.Array | NpgsqlDbType.Uuid);
            aw.Write(starts, NpgsqlDbType.TimestampTz);
            aw.Write(ends, NpgsqlDbType.TimestampTz);
            aw.Write(place.ToString(), NpgsqlDbType.Varchar);
            if (room is { } rm) aw.Write(rm, NpgsqlDbType.Uuid); else aw.WriteNull();
            aw.Write(status.ToString(), NpgsqlDbType.Varchar);
            if (reason is { } why) aw.Write(why.ToString(), NpgsqlDbType.Varchar); else aw.WriteNull();
            aw.Write(bookedBy, NpgsqlDbType.Uuid);
            var booked = starts.AddDays(-r.Next(1, 30));
            aw.Write(booked < Now ? booked : Now, NpgsqlDbType.TimestampTz);
            aw.Write(status == AppointmentStatus.Prevu ? 0 : 1);
            foreach (var worker in workers)
            {
                appointmentWorkers++;
                ww.StartRow();
                ww.Write(id, NpgsqlDbType.Uuid);
                ww.Write(worker, NpgsqlDbType.Uuid);
            }
        }

        // 2–5 appointments a day per social worker (mean 3.5) with persons of her open follow-ups, one in seven with a co-worker
        // of the follow-up; none while she is absent or after she left. A third booked by reception.
        for (var day = firstDay; day <= Today.AddDays(AgendaDaysAfter); day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var d = day.DayNumber - firstDay.DayNumber;
            for (var i = 0; i < _ts.Length; i++)
            {
                if (mine[i].Count == 0 || !Receives(i, day)) continue;
                var circ = i % _circ.Length;
                var n = r.Next(2, 6);
                for (var k = 0; k < n; k++)
                {
                    var slot = r.Next(Slots.Length);
                    if (!busy.Add(Key(i, d, slot))) continue;
                    var fu = _open[mine[i][r.Next(mine[i].Count)]];
                    Guid[] workers = [_ts[i]];
                    if (r.Next(7) == 0)
                    {
                        var other = fu.Referent == _ts[i] ? (fu.Team.Length > 0 ? fu.Team[r.Next(fu.Team.Length)] : Guid.Empty) : fu.Referent;
                        if (other != Guid.Empty && Receives(index[other], day) && busy.Add(Key(index[other], d, slot))) workers = [_ts[i], other];
                    }
                    Write(personIds[fu.Person], circ, fu.Id, day, slot, workers, r.Next(3) == 0 ? _accueilByCirc[circ][r.Next(_accueilByCirc[circ].Length)] : _ts[i]);
                }
            }
        }
        // First-reception appointments: half of the new files « à orienter » have one within the next two weeks, booked by reception.
        long firstReception = 0;
        foreach (var p in _newFiles)
        {
            if (r.Next(2) == 0) continue;
            var circ = personCirc[p];
            var day = Today.AddDays(r.Next(1, 15));
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(2);
            var i = Array.IndexOf(_ts, _tsByCirc[circ][r.Next(_tsByCirc[circ].Length)]);
            var slot = r.Next(Slots.Length);
            if (!Receives(i, day) || !busy.Add(Key(i, day.DayNumber - firstDay.DayNumber, slot))) continue;
            firstReception++;
            Write(personIds[p], circ, null, day, slot, [_ts[i]], _accueilByCirc[circ][r.Next(_accueilByCirc[circ].Length)]);
        }
        ww.Complete();
        aw.Complete();
        ww.Dispose();
        aw.Dispose();

        // Tasks: per social worker still in post, 2–8 to do (due from 20 days ago to 30 days ahead: ≈ 40 % overdue) and
        // 3–11 done; 4 in 5 about one of her open follow-ups; assigned to herself, to a co-worker of the follow-up (1 in 10)
        // or to the secretariat (1 in 10); « équipe » for 1 in 5 tasks on a follow-up.
        long tasks = 0, tasksOpen = 0, tasksOverdue = 0;
        string[] titles = ["Rappeler pour le dossier de logement", "Préparer le dossier FSL", "Relancer la CAF", "Vérifier les pièces justificatives",
            "Envoyer le courrier de convocation", "Faire le point avec l'équipe", "Préparer la commission", "Compléter la demande d'aide",
            "Contacter le bailleur", "Transmettre l'attestation", "Organiser une visite à domicile", "Suivre la demande de RSA"];
        using (var tw = conn.BeginBinaryImport("""
            COPY tasks ("Id", "AuthorId", "CirconscriptionId", "PersonId", "FollowUpId", "Title", "AssigneeId", "AssignedToSecretariat", "DueOn",
              "Visibility", "DoneOn", "CreatedAt", "Version") FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < _ts.Length; i++)
            {
                if (_tsGoneOn[i] is not null) continue;
                var circ = i % _circ.Length;
                var toDo = r.Next(2, 9);
                var done = r.Next(3, 12);
                for (var k = 0; k < toDo + done; k++)
                {
                    var isDone = k >= toDo;
                    OpenFollowUp? fu = mine[i].Count > 0 && r.Next(5) > 0 ? _open[mine[i][r.Next(mine[i].Count)]] : null;
                    var due = isDone ? Today.AddDays(-r.Next(0, 60)) : Today.AddDays(r.Next(-20, 31));
                    Guid? assignee = _ts[i];
                    var toSecretariat = false;
                    var roll = r.Next(10);
                    if (roll == 0) { assignee = null; toSecretariat = true; }
                    else if (roll == 1 && fu is not null)
                    {
                        var others = fu.Team.Append(fu.Referent).Where(x => x != _ts[i]).ToArray();
                        if (others.Length > 0) assignee = others[r.Next(others.Length)];
                    }
                    var visibility = fu is not null && r.Next(5) == 0 ? TaskVisibility.Equipe : TaskVisibility.MoiEtAssignee;
                    tasks++;
                    if (!isDone) { tasksOpen++; if (due < Today) tasksOverdue++; }
                    tw.StartRow();
                    tw.Write(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    tw.Write(_ts[i], NpgsqlDbType.Uuid);
                    tw.Write(fu is null ? _circ[circ] : _circ[personCirc[fu.Person]], NpgsqlDbType.Uuid);
                    if (fu is null) { tw.WriteNull(); tw.WriteNull(); }
                    else { tw.Write(personIds[fu.Person], NpgsqlDbType.Uuid); tw.Write(fu.Id, NpgsqlDbType.Uuid); }
                    tw.Write(titles[r.Next(titles.Length)], NpgsqlDbType.Varchar);
                    if (assignee is { } a) tw.Write(a, NpgsqlDbType.Uuid); else tw.WriteNull();
                    tw.Write(toSecretariat);
                    tw.Write(due, NpgsqlDbType.Date);
                    tw.Write(visibility.ToString(), NpgsqlDbType.Varchar);
                    if (isDone) tw.Write(due.AddDays(-r.Next(0, 5)) is var on && on < Today ? on : Today, NpgsqlDbType.Date); else tw.WriteNull();
                    tw.Write(ParisTime.ToUtc(due.AddDays(-r.Next(3, 40)), new TimeOnly(8 + r.Next(10), r.Next(60))) is var c && c < Now ? c : Now, NpgsqlDbType.TimestampTz);
                    tw.Write(isDone ? 2 : 1);
                }
            }
            tw.Complete();
        }
        var rows = RoomsPerCirconscription * _circ.Length + appointments + appointmentWorkers + tasks;
        Console.WriteLine($"rooms {RoomsPerCirconscription * _circ.Length}, appointments {appointments:N0} ({firstReception:N0} first receptions), appointment workers {appointmentWorkers:N0}, "
            + $"tasks {tasks:N0} ({tasksOpen:N0} to do, {tasksOverdue:N0} of them overdue) in {sw.Elapsed.TotalSeconds:F1} s ({rows / sw.Elapsed.TotalSeconds:N0} rows/s)");
        _open.Clear();
        return rows;
    }

    /// <summary>Prints what the worker's day lists find (see scenarios g–k).</summary>
    private static async Task PrintWorkersDayShapeAsync(NpgsqlConnection conn)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM appointments),
                   (SELECT count(*) FROM appointments WHERE "Status" = 'Honore'), (SELECT count(*) FROM appointments WHERE "Status" = 'NonHonore'),
                   (SELECT count(*) FROM appointments WHERE "Status" = 'Excuse'), (SELECT count(*) FROM appointments WHERE "Status" = 'Annule'),
                   (SELECT count(*) FROM appointments WHERE "Status" = 'Prevu'), (SELECT count(*) FROM appointments WHERE "RoomId" IS NOT NULL),
                   (SELECT count(*) FROM tasks WHERE "DoneOn" IS NULL), (SELECT count(*) FROM tasks WHERE "DoneOn" IS NULL AND "DueOn" < @today),
                   (SELECT count(*) FROM staff_accounts WHERE "AbsentFrom" <= @today AND ("AbsentUntil" IS NULL OR "AbsentUntil" >= @today)),
                   (SELECT count(*) FROM staff_accounts WHERE NOT "IsActive"),
                   (SELECT count(*) FROM persons p WHERE p."CreatedAt" >= @since AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f."PersonId" = p."Id")),
                   (SELECT count(*) FROM follow_ups f JOIN staff_accounts a ON a."Id" = f."ReferentId" WHERE f."Status" = 'Ouvert'
                      AND (NOT a."IsActive" OR (a."AbsentFrom" <= @today AND (a."AbsentUntil" IS NULL OR a."AbsentUntil" >= @today))))
            """, conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("today", Today);
        cmd.Parameters.AddWithValue("since", Now.AddDays(-10));
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        Console.WriteLine($"agenda: {r.GetInt64(0):N0} appointments ({r.GetInt64(1):N0} honoured, {r.GetInt64(2):N0} missed, {r.GetInt64(3):N0} excused, "
            + $"{r.GetInt64(4):N0} cancelled, {r.GetInt64(5):N0} planned; {r.GetInt64(6):N0} in a room); tasks to do {r.GetInt64(7):N0} ({r.GetInt64(8):N0} overdue); "
            + $"{r.GetInt64(9):N0} accounts absent on {Today:yyyy-MM-dd}, {r.GetInt64(10):N0} deactivated; "
            + $"{r.GetInt64(11):N0} files without follow-up created in the last 10 days; {r.GetInt64(12):N0} open follow-ups « à réattribuer »");
    }
}
