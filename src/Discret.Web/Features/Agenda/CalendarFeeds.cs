using Discret.Web.Security;
using System.Security.Cryptography;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Agenda;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Agenda;

/// <summary>
/// A worker's own agenda as an iCalendar feed (RFC 5545) behind a secret address she creates and revokes herself. Only
/// the secret's SHA-256 is stored. The feed holds times, place kind and room, and « Rendez-vous — dossier n° » with the
/// file's short number (<see cref="AgendaLists.FileNumber"/>): never a person's name nor a motive, since a calendar
/// application copies it to phones and to servers outside the département (<see cref="Catalogue.DataCatalogue.CalendarFeedContent"/>).
/// </summary>
[Security.AcrossFiles("a worker's own appointments, read by the feed's secret; no person's name or motive is read")]
public sealed class CalendarFeeds(DiscretDbContext db, TimeProvider clock, AccessJournal journal)
{
    public const string Route = "/agenda/ical/{secret}";
    /// <summary>From 30 days back to 6 months ahead.</summary>
    private static readonly (int Back, int Ahead) Window = (30, 183);

    public Task<bool> ExistsAsync(Guid accountId, CancellationToken ct = default) => db.CalendarFeeds.AnyAsync(f => f.AccountId == accountId, ct);

    /// <summary>A new secret address (the previous one, if any, stops working); the secret is shown once.</summary>
    public async Task<string> CreateAsync(Guid accountId, CancellationToken ct = default)
    {
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await db.CalendarFeeds.Where(f => f.AccountId == accountId).ExecuteDeleteAsync(ct);
        db.CalendarFeeds.Add(new CalendarFeed(accountId, StaffAccount.HashToken(secret), clock.GetUtcNow().UtcDateTime));
        journal.Record(JournalAction.Ecriture, detail: "adresse d'abonnement à l'agenda créée", reference: accountId);
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public async Task RevokeAsync(Guid accountId, CancellationToken ct = default)
    {
        await db.CalendarFeeds.Where(f => f.AccountId == accountId).ExecuteDeleteAsync(ct);
        await journal.WriteAsync(JournalAction.Ecriture, detail: "adresse d'abonnement à l'agenda révoquée", reference: accountId, ct: ct);
    }

    public static string PathOf(string secret) => Route.Replace("{secret}", secret);

    /// <summary>The calendar of the secret's account, or null (404) for an unknown or revoked secret or a deactivated account.</summary>
    public async Task<string?> CalendarAsync(string secret, CancellationToken ct = default)
    {
        if (secret.Length != 64 || !secret.All(char.IsAsciiHexDigitLower)) return null;
        var hash = StaffAccount.HashToken(secret);
        var owner = await (from f in db.CalendarFeeds
                           join a in db.Users on f.AccountId equals a.Id
                           where f.SecretHash == hash && a.IsActive
                           select new { a.Id, a.Role }).SingleOrDefaultAsync(ct);
        if (owner is null) return null;
        var today = ParisTime.Today(clock);
        var from = ParisTime.StartOfDayUtc(today.AddDays(-Window.Back));
        var to = ParisTime.StartOfDayUtc(today.AddDays(Window.Ahead));
        var rows = await db.Appointments.AsNoTracking()
            .Where(a => a.Workers.Any(w => w.StaffAccountId == owner.Id) && a.StartsAt >= from && a.StartsAt < to)
            .OrderBy(a => a.StartsAt)
            .Select(a => new { a.Id, a.PersonId, a.StartsAt, a.EndsAt, a.PlaceKind, Room = db.Rooms.Where(r => r.Id == a.RoomId).Select(r => r.Name).FirstOrDefault(), a.Status })
            .Take(2000).ToListAsync(ct);
        var calendar = new Calendar { ProductId = "-//Discret//Agenda//FR" };
        var stamp = new CalDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var a in rows)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = a.Id.ToString(),
                Summary = Summary(a.PersonId),
                Location = a.Room is null ? a.PlaceKind.Label() : $"{a.PlaceKind.Label()} — {a.Room}",
                DtStart = new CalDateTime(a.StartsAt),
                DtEnd = new CalDateTime(a.EndsAt),
                DtStamp = stamp,
                Status = a.Status == AppointmentStatus.Annule ? EventStatus.Cancelled : EventStatus.Confirmed,
            });
        }
        await journal.WriteAsync(JournalAction.Export, detail: $"abonnement à l'agenda : {rows.Count} rendez-vous", actor: new JournalActor(owner.Id, owner.Role), ct: ct);
        return new CalendarSerializer().SerializeToString(calendar);
    }

    public static string Summary(Guid personId) => $"Rendez-vous — dossier n° {AgendaLists.FileNumber(personId)}";

    /// <summary>The feed's address: anonymous (a calendar application holds no session), the secret is the key.</summary>
    public static void MapFeed(WebApplication app) =>
        app.MapGet(Route, async (string secret, CalendarFeeds feeds, CancellationToken ct) =>
            await feeds.CalendarAsync(secret, ct) is { } text
                ? Results.Text(text, "text/calendar; charset=utf-8")
                : Security.ApiProblems.NotFound())
            .AllowAnonymous().ExcludeFromDescription()
            // Counted per secret and per client address: polling is free, guessing secrets is cut short.
            .RateLimited(Security.RateLimitKind.CalendarFeed, countsReads: true);
}
