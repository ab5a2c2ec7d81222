using Discret.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Discret.Data;

/// <summary>
/// One rule, wherever the change comes from: a change of an account's security stamp — Identity changes it on
/// deactivation, reset, role change, new password, second factor enabled or reset — ends every open session of the
/// account (<see cref="ServerSession"/>), in the same SaveChanges as the change itself.
/// </summary>
internal static class SessionRevocation
{
    public static async Task EndSessionsOfChangedAccountsAsync(DiscretDbContext db, CancellationToken ct)
    {
        // Compares the stamp loaded with the stamp now, without a second DetectChanges of the whole unit of work.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        List<Guid> changed;
        try
        {
            changed = db.ChangeTracker.Entries<StaffAccount>()
                .Where(e => e.State is EntityState.Modified or EntityState.Unchanged
                            && e.Property(a => a.SecurityStamp).OriginalValue != e.Entity.SecurityStamp)
                .Select(e => e.Entity.Id).ToList();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        if (changed.Count == 0) return;
        var sessions = await db.ServerSessions.Where(s => changed.Contains(s.AccountId)).ToListAsync(ct);
        db.ServerSessions.RemoveRange(sessions);
    }
}
