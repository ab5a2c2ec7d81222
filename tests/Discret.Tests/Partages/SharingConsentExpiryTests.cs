using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Partages;

/// <summary>Runs Discret on a clock the test moves: a consent valid today shares today, and nothing the day after its end.</summary>
public sealed class SharingConsentExpiryTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new()
    {
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow),
        // One session kept open from today until tomorrow, longer than the 10 hours a session lasts at most.
        Settings = new Dictionary<string, string> { ["Discret:Security:AbsoluteLifetime"] = "2.00:00:00" },
    };

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
    public async Task The_day_after_its_validity_ends_a_consent_shares_nothing_and_the_refusal_is_journaled()
    {
        var worker = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await _app.CreateCaseAsync(0, worker);
        var ts = await StaffSession.LoginAsync(_app, worker);
        var today = ParisTime.Today(_app.Clock!);
        var recorded = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accords-de-partage",
            new { partner = "Caf", partnerName = "CAF de Valmont", purpose = "OuvertureDeDroits", categories = new[] { "Identite" }, form = "Oral",
                givenOn = today.ToString("yyyy-MM-dd"), validUntil = today.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var consentId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var url = $"/api/v1/personnes/{file.PersonId}/accords-de-partage/{consentId}/partages";
        Assert.Equal(HttpStatusCode.OK, (await ts.ApiSendAsync(HttpMethod.Post, url, new { categories = new[] { "Identite" } })).StatusCode);

        var untilTomorrow = ParisTime.StartOfDayUtc(today.AddDays(1)) - _app.Clock.GetUtcNow().UtcDateTime;
        await AdvanceAsync(ts, untilTomorrow + TimeSpan.FromMinutes(1));
        var refused = await ts.ApiSendAsync(HttpMethod.Post, url, new { categories = new[] { "Identite" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("n'est plus valable", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        await _app.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Sharings.CountAsync(s => s.ConsentId == consentId));
            Assert.True(await db.JournalEntries.AnyAsync(e => e.Action == JournalAction.PartageRefuse && e.Reference == consentId && e.Detail == "Expire"));
        });
    }
}
