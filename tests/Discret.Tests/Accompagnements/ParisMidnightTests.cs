using System.Net;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Microsoft.Extensions.Time.Testing;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Accompagnements;

/// <summary>
/// Runs Discret at 00:30 in Paris on a winter night (23:30 UTC the day before): "today" is the Paris day, so an interview
/// held that day is not "in the future".
/// </summary>
public sealed class ParisMidnightTests : IAsyncLifetime
{
    /// <summary>Thursday 15 January 2026, 00:30 in Paris (UTC+1): still Wednesday 14 in UTC.</summary>
    private static readonly DateTimeOffset HalfPastMidnightInParis = new(2026, 1, 14, 23, 30, 0, TimeSpan.Zero);

    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(HalfPastMidnightInParis) };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task At_half_past_midnight_in_Paris_an_interview_dated_today_is_accepted_and_the_form_offers_that_day()
    {
        var worker = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await _app.CreateCaseAsync(0, worker);
        var ts = await StaffSession.LoginAsync(_app, worker);

        var recorded = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = "2026-01-15", kind = "Permanence", source = "Personne" });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal(2, await _app.InterviewCountAsync(file.FollowUpId!.Value)); // the case's own interview, and this one

        var tomorrow = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = "2026-01-16", kind = "Permanence", source = "Personne" });
        Assert.Equal(HttpStatusCode.BadRequest, tomorrow.StatusCode);

        var form = await ts.PageTextAsync($"/accompagnements/{file.FollowUpId}/entretiens/nouveau");
        Assert.Contains("value=\"2026-01-15\"", form);
    }
}
