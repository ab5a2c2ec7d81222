using Discret.Data;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Administration.Comptes;

/// <summary>
/// The staff processing's retention (StaffRetention.JusquADesactivation): an account deactivated longer than
/// <see cref="SecuritySettings.DeactivatedAccountData"/> loses its e-mail, phone, password hash, second factor (key and
/// recovery codes, passkeys), lockout data, ProConnect link and calendar feed. Its name, login, role and circonscription stay, so that the journal
/// and the files go on naming who acted. Idempotent: an account already cleared is not touched again.
/// </summary>
public sealed class DeactivatedAccounts(DiscretDbContext db, AccessJournal journal, TimeProvider clock, IOptions<SecuritySettings> settings)
{
    /// <returns>How many accounts were cleared.</returns>
    public async Task<int> ClearAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - settings.Value.DeactivatedAccountData;
        var ids = await db.Users
            .Where(a => !a.IsActive && a.DeactivatedAt != null && a.DeactivatedAt < cutoff
                        && (a.PasswordHash != null || a.Email != null || a.PhoneNumber != null || a.TwoFactorEnabled
                            || a.ProConnectEmail != null || db.UserLogins.Any(l => l.UserId == a.Id) || db.UserPasskeys.Any(p => p.UserId == a.Id)
                            || db.UserTokens.Any(t => t.UserId == a.Id) || db.CalendarFeeds.Any(f => f.AccountId == a.Id)))
            .Select(a => a.Id).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        var stamp = Guid.NewGuid().ToString("N");
        await using var transaction = await db.BeginJournaledTransactionAsync(ct);
        await db.Users.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.PasswordHash, (string?)null)
            .SetProperty(a => a.Email, (string?)null)
            .SetProperty(a => a.NormalizedEmail, (string?)null)
            .SetProperty(a => a.EmailConfirmed, false)
            .SetProperty(a => a.PhoneNumber, (string?)null)
            .SetProperty(a => a.PhoneNumberConfirmed, false)
            .SetProperty(a => a.TwoFactorEnabled, false)
            .SetProperty(a => a.LockoutEnd, (DateTimeOffset?)null)
            .SetProperty(a => a.AccessFailedCount, 0)
            .SetProperty(a => a.ActivationTokenHash, (string?)null)
            .SetProperty(a => a.ActivationExpiresAt, (DateTime?)null)
            .SetProperty(a => a.ProConnectEmail, (string?)null)
            .SetProperty(a => a.SecurityStamp, stamp), ct);
        await db.UserTokens.Where(t => ids.Contains(t.UserId)).ExecuteDeleteAsync(ct);
        await db.UserLogins.Where(l => ids.Contains(l.UserId)).ExecuteDeleteAsync(ct);
        await db.UserPasskeys.Where(p => ids.Contains(p.UserId)).ExecuteDeleteAsync(ct);
        await db.CalendarFeeds.Where(f => ids.Contains(f.AccountId)).ExecuteDeleteAsync(ct);
        journal.Record(JournalAction.GestionCompte,
            detail: $"coordonnées et authentification effacées : {ids.Count} compte(s) désactivé(s) depuis plus de {Catalogue.RetentionLabels.Duration(settings.Value.DeactivatedAccountData)}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ids.Count;
    }
}

/// <summary>Clears the deactivated accounts' data every night at 03:15 (Paris). Safe on every instance: the update is idempotent.</summary>
public sealed class DeactivatedAccountsNightlyService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SecuritySettings> settings,
    ILogger<DeactivatedAccountsNightlyService> logger) : Shared.NightlyJob(scopes, clock, logger)
{
    protected override bool Enabled => settings.Value.ClearDeactivatedNightly;
    protected override TimeOnly At => new(3, 15);
    protected override string? LeaseName => Discret.Domain.Retention.JobLease.DeactivatedAccounts;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<DeactivatedAccounts>().ClearAsync(ct);
}
