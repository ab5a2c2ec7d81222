using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Domain.Accounts;
using Discret.Tests.Accompagnements;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Discret.Tests.Mandats.MandateScenario;

namespace Discret.Tests.Mandats;

/// <summary>Runs Discret on a clock the test moves: a mandate recalled to its named workers 30 days before its end, settled
/// by a signed renewal; the day after its last day it is expired, on its page and on « Vérifier un mandat ».</summary>
public sealed class MandateExpiryTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<JsonElement>> RemindersAsync(TestAccount account)
    {
        var session = await StaffSession.LoginAsync(_app, account);
        var reminders = await session.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/rappels");
        return reminders!.Where(r => r.GetProperty("kind").GetString() == "MandateExpiring").ToList();
    }

    [Fact]
    public async Task A_mandate_is_recalled_to_its_named_workers_30_days_before_its_end_and_is_expired_the_day_after()
    {
        var unnamed = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var w = await _app.WorkerAsync([unnamed]);
        var today = _app.ParisToday();
        var end = today.AddDays(40);
        var id = await w.CreateMandateAsync(_app, Body(w.File.FollowUpId!.Value, [w.Account.Id], today, endsOn: end));
        await w.SignAsync(_app, id);
        Assert.Empty(await RemindersAsync(w.Account));

        // 31 days before its end: not yet; 30 days before: « Mandat à renouveler », to the named worker only.
        _app.Clock!.Advance(TimeSpan.FromDays(9));
        Assert.Empty(await RemindersAsync(w.Account));
        _app.Clock.Advance(TimeSpan.FromDays(1));
        var reminder = Assert.Single(await RemindersAsync(w.Account));
        Assert.Equal("Mandat à renouveler", reminder.GetProperty("what").GetString());
        Assert.Equal(Day(end), reminder.GetProperty("deadline").GetString());
        Assert.Equal($"/personnes/{w.File.PersonId}/mandats/{id}", reminder.GetProperty("href").GetString());
        Assert.Empty(await RemindersAsync(unnamed));
        var session = await StaffSession.LoginAsync(_app, w.Account);
        Assert.Contains("Mandat à renouveler", await session.PageTextAsync("/taches"));

        // A renewal, pre-filled from the mandate it renews, settles it once signed.
        var form = await session.PageTextAsync($"/personnes/{w.File.PersonId}/mandats/nouveau?renouvelle={id}");
        Assert.Contains("Renouveler un mandat", form);
        Assert.Contains($"value=\"{Day(end.AddDays(1))}\"", form);
        var renewal = await new Worker(w.Account, session, w.File).CreateMandateAsync(_app,
            Body(w.File.FollowUpId!.Value, [w.Account.Id], _app.ParisToday(), startsOn: end.AddDays(1), endsOn: end.AddMonths(12), renewsId: id));
        Assert.Single(await RemindersAsync(w.Account)); // prepared, not signed yet
        await new Worker(w.Account, session, w.File).SignAsync(_app, renewal);
        Assert.Empty(await RemindersAsync(w.Account));
        Assert.Equal(id, (await _app.DbAsync(db => db.Mandates.AsNoTracking().SingleAsync(m => m.Id == renewal))).RenewsId);

        // Its last day it is still in force; the day after, expired.
        var code = (await _app.DbAsync(db => db.Mandates.AsNoTracking().SingleAsync(m => m.Id == id))).Code;
        _app.Clock.Advance(ParisTime.StartOfDayUtc(end) - _app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromHours(12));
        session = await StaffSession.LoginAsync(_app, w.Account);
        Assert.Equal("Valide", (await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/mandats/verification?code={code}")).GetProperty("verdict").GetString());
        _app.Clock.Advance(TimeSpan.FromDays(1));
        session = await StaffSession.LoginAsync(_app, w.Account);
        Assert.Equal("Expire", (await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/mandats/verification?code={code}")).GetProperty("verdict").GetString());
        Assert.Contains("Expiré", await session.PageTextAsync($"/personnes/{w.File.PersonId}/mandats/{id}"));
        Assert.Contains("Mandat valide", await session.PageTextAsync($"/mandats/verifier?code={(await _app.DbAsync(db => db.Mandates.AsNoTracking().SingleAsync(m => m.Id == renewal))).Code}"));
        Assert.Empty(await RemindersAsync(w.Account));
    }
}
