using System.Security.Claims;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Notifications;

/// <summary>
/// The signed-in account's own in-app notifications (never anyone else's): list, unread count for the menu, marking
/// as read. No e-mail is sent.
/// </summary>
[AcrossFiles("a member of staff's own notifications: break-glass accesses to the files they follow, requests on staff accounts, never a file's content")]
public sealed class NotificationInbox(DiscretDbContext db, TimeProvider clock)
{
    public const int MaxShown = 100;

    public sealed record Item(Guid Id, NotificationKind Kind, DateTime CreatedAt, DateTime? ReadAt, Guid? PersonId, string? Actor,
        BreakGlassReason? Reason, DateTime? ExpiresAt, string? Justification, AccountNotice? Account = null);

    /// <summary>A request on a staff account: which, on whose account, asked by whom (<see cref="Item.Actor"/>, with <see cref="ActorRole"/>).</summary>
    public sealed record AccountNotice(Guid RequestId)
    {
        public AccountRequestKind Kind { get; init; }
        public string Holder { get; init; } = "";
        public StaffRole Role { get; init; }
        public StaffRole? PreviousRole { get; init; }
        public StaffRole? ActorRole { get; init; }
        public DateTime? DecidedAt { get; init; }

        /// <summary>« à la demande de … »: the administrator's name and role, or the server's operator.</summary>
        public static string RequestedBy(string? actor, StaffRole? actorRole) =>
            actor is null ? "l'exploitant du serveur" : actorRole is { } role ? $"{actor} ({role.Label().ToLowerInvariant()})" : actor;
    }

    public async Task<IReadOnlyList<Item>> MineAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var me = user.AccountId();
        // The justification is for the DPO, who reviews break-glass accesses; the referent sees the reason and the time.
        var dpo = user.Role() == StaffRole.Dpo;
        var rows = await db.Notifications.AsNoTracking().Where(n => n.RecipientId == me)
            .OrderByDescending(n => n.CreatedAt).Take(MaxShown)
            .Select(n => new Item(n.Id, n.Kind, n.CreatedAt, n.ReadAt, n.PersonId,
                db.Users.Where(u => u.Id == n.ActorId).Select(u => u.DisplayName).FirstOrDefault(),
                db.BreakGlassAccesses.Where(b => b.Id == n.BreakGlassAccessId).Select(b => (BreakGlassReason?)b.Reason).FirstOrDefault(),
                db.BreakGlassAccesses.Where(b => b.Id == n.BreakGlassAccessId).Select(b => (DateTime?)b.ExpiresAt).FirstOrDefault(),
                dpo ? db.BreakGlassAccesses.Where(b => b.Id == n.BreakGlassAccessId).Select(b => b.Justification).FirstOrDefault() : null,
                n.AccountRequestId.HasValue ? new AccountNotice(n.AccountRequestId.Value) : null))
            .ToListAsync(ct);
        var requestIds = rows.Where(r => r.Account is not null).Select(r => r.Account!.RequestId).Distinct().ToList();
        if (requestIds.Count == 0) return rows;
        var requests = await db.AccountRequests.AsNoTracking().Where(r => requestIds.Contains(r.Id))
            .Select(r => new { r.Id, r.Kind, Holder = db.Users.Where(u => u.Id == r.AccountId).Select(u => u.DisplayName).FirstOrDefault(), r.Role, r.PreviousRole,
                RequesterRole = db.Users.Where(u => u.Id == r.RequestedById).Select(u => (StaffRole?)u.Role).FirstOrDefault(), r.DecidedAt })
            .ToDictionaryAsync(r => r.Id, ct);
        rows = rows.Select(n => n.Account is { } a && requests.TryGetValue(a.RequestId, out var r)
            ? n with { Account = a with { Kind = r.Kind, Holder = r.Holder ?? "", Role = r.Role, PreviousRole = r.PreviousRole, ActorRole = r.RequesterRole, DecidedAt = r.DecidedAt } }
            : n).ToList();
        return rows;
    }

    /// <summary>The account's own resets not read yet: the home page says them at the next login.</summary>
    public async Task<IReadOnlyList<Item>> UnreadResetsAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        (await MineAsync(user, ct)).Where(n => n.Kind == NotificationKind.CompteReinitialise && n.ReadAt is null).ToList();

    public Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var me = user.AccountId();
        return db.Notifications.CountAsync(n => n.RecipientId == me && n.ReadAt == null, ct);
    }

    /// <summary>Marks one of the account's own notifications as read; anyone else's answers false (404).</summary>
    public async Task<bool> MarkReadAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        var me = user.AccountId();
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.RecipientId == me, ct);
        if (notification is null) return false;
        notification.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task MarkAllReadAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var me = user.AccountId();
        var now = clock.GetUtcNow().UtcDateTime;
        var unread = await db.Notifications.Where(n => n.RecipientId == me && n.ReadAt == null).ToListAsync(ct);
        foreach (var n in unread) n.MarkRead(now);
        await db.SaveChangesAsync(ct);
    }
}
