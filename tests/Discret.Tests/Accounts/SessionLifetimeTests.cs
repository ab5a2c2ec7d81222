using System.Net;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Accounts;

/// <summary>Runs Discret on a clock the test moves, so idle timeout and session revalidation are proven without waiting.</summary>
public sealed class SessionLifetimeTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_session_idle_for_fifteen_minutes_is_over()
    {
        var session = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.TravailleurSocial));
        _app.Clock!.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/")).StatusCode); // activity renews the session
        _app.Clock.Advance(TimeSpan.FromMinutes(16));
        var response = await session.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/connexion", response.Headers.Location!.PathAndQuery());
    }

    [Fact]
    public async Task Deactivating_an_account_ends_its_open_sessions()
    {
        var target = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var targetSession = await StaffSession.LoginAsync(_app, target);
        var admin = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.AdminTechnique));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{target.Id}/desactivation")).StatusCode);
        _app.Clock!.Advance(TimeSpan.FromMinutes(2)); // past the security-stamp revalidation interval
        var response = await targetSession.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/connexion", response.Headers.Location!.PathAndQuery());
    }
}
