using System.Security.Claims;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Agenda;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Agenda;

/// <summary>
/// The agenda's lists: a worker's own day or week, a circonscription's day (reception, secretariat, head of
/// circonscription), a room's day. Each line holds identity, time, place, room and workers — never a motive, which the
/// agenda does not hold. Each list is journaled like a search: how many appointments, never whose.
/// </summary>
[AcrossFiles("lists the appointments of a worker, a circonscription or a room: the scope is the account's own agenda or its circonscription (AgendaScope)")]
public sealed class AgendaLists(DiscretDbContext db, AccessJournal journal)
{
    public sealed record Line(Guid Id, Guid PersonId, string PersonName, string FileNumber, DateTime StartsAt, DateTime EndsAt, AppointmentPlace Place,
        Guid? RoomId, string? Room, IReadOnlyList<string> Workers, AppointmentStatus Status, CancellationReason? CancellationReason, int Version,
        Guid? FollowUpId, int OtherMembers);

    /// <summary>A short number for a file, for places where the name must not appear (calendar feed): the last 8 hex
    /// digits of its opaque id (the random part, which tells nothing of the person or of the file's date).</summary>
    public static string FileNumber(Guid personId) => personId.ToString("N")[^8..].ToUpperInvariant();

    /// <summary>The days [from, to) of the account's own appointments (those where it is one of the workers).</summary>
    public async Task<IReadOnlyList<Line>> MineAsync(Guid accountId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var lines = await LinesAsync(db.Appointments.Where(a => a.Workers.Any(w => w.StaffAccountId == accountId)), from, to, ct);
        await journal.WriteAsync(JournalAction.Recherche, detail: $"agenda personnel : {lines.Count} rendez-vous", ct: ct);
        return lines;
    }

    /// <summary>A circonscription's appointments of a day — the account's own circonscription only (AgendaScope).</summary>
    public async Task<IReadOnlyList<Line>> CirconscriptionAsync(Guid circonscriptionId, DateOnly day, CancellationToken ct = default)
    {
        var lines = await LinesAsync(db.Appointments.Where(a => a.CirconscriptionId == circonscriptionId), day, day.AddDays(1), ct);
        await journal.WriteAsync(JournalAction.Recherche, detail: $"agenda de la circonscription : {lines.Count} rendez-vous", ct: ct);
        return lines;
    }

    /// <summary>A room's appointments of a day; null when the room is not one of the circonscription's (404).</summary>
    public async Task<(Room Room, IReadOnlyList<Line> Lines)?> RoomAsync(Guid circonscriptionId, Guid roomId, DateOnly day, CancellationToken ct = default)
    {
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roomId && r.CirconscriptionId == circonscriptionId, ct);
        if (room is null) return null;
        var lines = await LinesAsync(db.Appointments.Where(a => a.RoomId == roomId), day, day.AddDays(1), ct);
        await journal.WriteAsync(JournalAction.Recherche, detail: $"agenda d'une salle : {lines.Count} rendez-vous", reference: roomId, ct: ct);
        return (room, lines);
    }

    public async Task<IReadOnlyList<Room>> RoomsAsync(Guid circonscriptionId, bool activeOnly, CancellationToken ct = default) =>
        await db.Rooms.AsNoTracking().Where(r => r.CirconscriptionId == circonscriptionId && (!activeOnly || r.IsActive)).OrderBy(r => r.Name).ToListAsync(ct);

    /// <summary>Who may receive persons in the circonscription (active, confirmed social workers and head).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> WorkersAsync(Guid circonscriptionId, CancellationToken ct = default) =>
        (await db.Users.AsNoTracking()
            .Where(a => a.IsActive && a.AccessConfirmedAt != null && a.CirconscriptionId == circonscriptionId
                        && (a.Role == StaffRole.TravailleurSocial || a.Role == StaffRole.ResponsableCirconscription))
            .OrderBy(a => a.DisplayName).Select(a => new { a.Id, a.DisplayName }).ToListAsync(ct))
        .Select(a => (a.Id, a.DisplayName)).ToList();

    private async Task<IReadOnlyList<Line>> LinesAsync(IQueryable<Appointment> scope, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = ParisTime.StartOfDayUtc(from);
        var end = ParisTime.StartOfDayUtc(to);
        var rows = await (from a in scope.AsNoTracking()
                          where a.StartsAt >= start && a.StartsAt < end
                          join p in db.Persons on a.PersonId equals p.Id
                          orderby a.StartsAt, a.Id
                          select new
                          {
                              a.Id, a.PersonId, Name = Person.NameOf(p.UsageName, p.BirthName, p.FirstNames), a.StartsAt, a.EndsAt, a.PlaceKind, a.RoomId,
                              Room = db.Rooms.Where(r => r.Id == a.RoomId).Select(r => r.Name).FirstOrDefault(),
                              Workers = a.Workers.Select(w => w.StaffAccountId).ToList(),
                              a.Status, a.CancellationReason, a.Version, a.FollowUpId, a.OtherMemberIds,
                          }).Take(500).ToListAsync(ct);
        var ids = rows.SelectMany(r => r.Workers).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return rows.Select(r => new Line(r.Id, r.PersonId, r.Name, FileNumber(r.PersonId), r.StartsAt, r.EndsAt, r.PlaceKind, r.RoomId, r.Room,
            r.Workers.Select(w => names.GetValueOrDefault(w, "—")).Order().ToList(), r.Status, r.CancellationReason, r.Version, r.FollowUpId,
            r.OtherMemberIds.Count)).ToList();
    }
}

/// <summary>Which agenda lists a role reads: its own (the workers who receive persons), its circonscription's.</summary>
public static class AgendaScope
{
    /// <summary>Reception, secretariat and the head of circonscription read the circonscription's day (never a motive).</summary>
    public static bool ReadsCirconscription(StaffRole? role) =>
        role is StaffRole.Accueil or StaffRole.Secretariat or StaffRole.ResponsableCirconscription;

    /// <summary>Reception and secretariat mark arrivals on the circonscription's day.</summary>
    public static bool MarksArrivals(StaffRole? role) => role is StaffRole.Accueil or StaffRole.Secretariat;

    public static bool HasOwnAgenda(StaffRole? role) => role is { } r && AppointmentBooking.Receives(r);

    public static bool ReadsCirconscription(ClaimsPrincipal user) => ReadsCirconscription(user.Role());
}
