using System.Net;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.AccesExceptionnel;

/// <summary>Runs Discret on a clock the test moves, so the end of a break-glass access is proven without waiting four hours.</summary>
public sealed class BreakGlassExpiryTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Moves the clock in steps shorter than the idle timeout, with a request at each, so the session stays open.</summary>
    private async Task AdvanceAsync(StaffSession session, TimeSpan by)
    {
        var step = TimeSpan.FromMinutes(10);
        while (by > TimeSpan.Zero)
        {
            var next = by < step ? by : step;
            _app.Clock!.Advance(next);
            by -= next;
            Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/")).StatusCode);
        }
    }

    [Fact]
    public async Task After_four_hours_the_file_is_404_again_and_the_banner_is_gone()
    {
        var worker = await _app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        var file = await _app.CreateCaseAsync(0, await _app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var ts = await StaffSession.LoginAsync(_app, worker);
        var opened = await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/acces-exceptionnel",
            new { personId = file.PersonId, reason = "Remplacement", justification = "Remplacement de la référente pendant son congé." });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var url = $"/personnes/{file.PersonId}";
        Assert.Equal(HttpStatusCode.OK, (await ts.Client.GetAsync(url)).StatusCode);

        await AdvanceAsync(ts, TimeSpan.FromMinutes(239));
        var stillOpen = await ts.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
        Assert.Contains("Accès exceptionnel en cours", System.Net.WebUtility.HtmlDecode(await stillOpen.Content.ReadAsStringAsync()));

        await AdvanceAsync(ts, TimeSpan.FromMinutes(2)); // 4 h 01
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/api/v1/personnes/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/accompagnements/{file.FollowUpId}")).StatusCode);
        // The form is offered again (a new access needs a new reason and justification).
        var form = System.Net.WebUtility.HtmlDecode(await ts.Client.GetStringAsync($"/acces-exceptionnel/{file.PersonId}"));
        Assert.Contains("Ouvrir l'accès exceptionnel", form);
    }
}
