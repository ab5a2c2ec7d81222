using System.Net;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.Administration.Comptes;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Discret.Tests.Conservation.RetentionScenario;

namespace Discret.Tests.Accounts;

/// <summary>
/// The staff processing's retention (issue 17 §2): a deactivated account keeps its name, login and role — the journal and
/// the files go on naming who acted — but loses its e-mail, phone, password hash and second factor once deactivated
/// longer than <see cref="SecuritySettings.DeactivatedAccountData"/>; a recent deactivation and an active account keep theirs.
/// </summary>
[Collection(InstallationCollection.Name)]
public class DeactivatedAccountsTests(DiscretFactory app)
{
    private async Task DeactivateAsync(StaffSession admin, TestAccount account) =>
        Assert.Equal(HttpStatusCode.NoContent, (await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{account.Id}/desactivation")).StatusCode);

    [Fact]
    public async Task Contact_and_authentication_data_are_cleared_after_the_delay_and_the_name_stays()
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var (old, recent, active) = (await app.CreateAccountAsync(StaffRole.TravailleurSocial), await app.CreateAccountAsync(StaffRole.Accueil),
            await app.CreateAccountAsync(StaffRole.Secretariat));
        foreach (var a in new[] { old, recent, active })
            await app.WithDbAsync(db => db.Users.Where(u => u.Id == a.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, a.Login + "@exemple.invalid").SetProperty(u => u.PhoneNumber, "0102030405")));
        await DeactivateAsync(admin, old);
        await DeactivateAsync(admin, recent);
        var delay = app.Services.GetRequiredService<IOptions<SecuritySettings>>().Value.DeactivatedAccountData;
        // The old one was deactivated longer ago than the delay (its date moved back, as the clock would have moved on).
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == old.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DeactivatedAt, DateTime.UtcNow - delay - TimeSpan.FromDays(1))));
        Assert.NotNull(await app.DbAsync(db => db.Users.Where(u => u.Id == recent.Id).Select(u => u.DeactivatedAt).SingleAsync()));

        var cleared = await app.WithAsync(sp => sp.GetRequiredService<DeactivatedAccounts>().ClearAsync());

        Assert.True(cleared >= 1);
        var (gone, kept, working) = await app.DbAsync(async db => (await db.Users.AsNoTracking().SingleAsync(u => u.Id == old.Id),
            await db.Users.AsNoTracking().SingleAsync(u => u.Id == recent.Id), await db.Users.AsNoTracking().SingleAsync(u => u.Id == active.Id)));
        Assert.Null(gone.PasswordHash);
        Assert.Null(gone.Email);
        Assert.Null(gone.PhoneNumber);
        Assert.False(gone.TwoFactorEnabled);
        Assert.Equal(old.Login, gone.UserName);                     // the journal and the files still name who acted
        Assert.Equal("Agent de test " + old.Login, gone.DisplayName);
        Assert.Empty(await app.DbAsync(db => db.UserTokens.Where(t => t.UserId == old.Id).ToListAsync()));
        foreach (var untouched in new[] { kept, working })
        {
            Assert.NotNull(untouched.PasswordHash);
            Assert.NotNull(untouched.Email);
            Assert.NotEmpty(await app.DbAsync(db => db.UserTokens.Where(t => t.UserId == untouched.Id).ToListAsync()));
        }
        Assert.Contains(await app.DbAsync(db => db.JournalEntries.Where(e => e.Action == JournalAction.GestionCompte).Select(e => e.Detail).ToListAsync()),
            d => d != null && d.StartsWith("coordonnées et authentification effacées"));
        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<DeactivatedAccounts>().ClearAsync()));   // nothing twice
    }

    [Fact]
    public async Task A_reactivated_account_starts_afresh()
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        await DeactivateAsync(admin, account);
        Assert.NotNull(await app.DbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.DeactivatedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{account.Id}/reactivation")).StatusCode);
        Assert.Null(await app.DbAsync(db => db.Users.Where(u => u.Id == account.Id).Select(u => u.DeactivatedAt).SingleAsync()));
    }
}
