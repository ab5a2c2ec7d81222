using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Mandates;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.AideNumerique;

/// <summary>Runs Discret on a clock the test moves: a one-day mandate lets its worker act today, and nothing the day after.</summary>
public sealed class MandateExpiryTests : IAsyncLifetime
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
    public async Task The_day_after_a_one_day_mandate_a_procedure_in_the_persons_place_is_refused_and_journaled_as_refused()
    {
        var worker = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await _app.CreateCaseAsync(0, worker);
        var ts = await StaffSession.LoginAsync(_app, worker);
        var today = ParisTime.Today(_app.Clock!);
        var mandate = await MandateFixture.CreateAsync(_app, file, [worker.Id], today, today);
        var url = $"/api/v1/accompagnements/{file.FollowUpId}/aides-numeriques";
        object Body(DateOnly on) => new { level = "JeFaisALaPlaceDe", occurredOn = on.ToString("yyyy-MM-dd"), mandateId = mandate.Id, domain = "Social",
            organisation = "Caf", procedure = "DemandeDePrestation", outcome = "EnCours" };
        Assert.Equal(HttpStatusCode.Created, (await ts.ApiSendAsync(HttpMethod.Post, url, Body(today))).StatusCode);

        var untilTomorrow = ParisTime.StartOfDayUtc(today.AddDays(1)) - _app.Clock!.GetUtcNow().UtcDateTime;
        await AdvanceAsync(ts, untilTomorrow + TimeSpan.FromMinutes(1));
        var refused = await ts.ApiSendAsync(HttpMethod.Post, url, Body(today.AddDays(1)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("n'est pas en vigueur", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        // The form no longer offers it.
        Assert.Contains("Aucun mandat en vigueur ne vous permet", System.Net.WebUtility.HtmlDecode(
            await ts.Client.GetStringAsync($"/accompagnements/{file.FollowUpId}/aides-numeriques/nouvelle?niveau=je-fais-a-la-place")));
        await _app.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.MandateActions.CountAsync(a => a.MandateId == mandate.Id));
            var refusal = await db.JournalEntries.SingleAsync(e => e.Action == JournalAction.DemarcheRefusee && e.PersonId == file.PersonId);
            Assert.Equal(mandate.Id, refusal.Reference);
            Assert.Equal("HorsPeriode", refusal.Detail);
        });
    }
}
