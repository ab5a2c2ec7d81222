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
[AcrossFiles("the account's notifications name the break-glass accesses to files they concern")]
public sealed class NotificationInbox(DiscretDbContext db, TimeProvider clock)
{
    public const int MaxShown = 100;

    public sealed record Item(Guid Id, NotificationKind Kind, DateTime CreatedAt, DateTime? ReadAt, Guid? PersonId, string? Actor,
        BreakGlassReason? Reason, DateTime? ExpiresAt, string? Justification);

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
                dpo ? db.BreakGlassAccesses.Where(b => b.Id == n.BreakGlassAccessId).Select(b => b.Justification).FirstOrDefault() : null))
            .ToListAsync(ct);
        return rows;
    }

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
