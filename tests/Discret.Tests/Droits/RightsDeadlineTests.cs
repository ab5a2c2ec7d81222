using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Discret.Domain.Rights;
using Discret.Web.Features.Droits;
using Discret.Web.Features.Journal;
using Microsoft.Extensions.Time.Testing;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Droits;

/// <summary>
/// Deadlines on a clock the test moves: one month from receipt; extended once, by one or two months, before it has
/// passed, with a reason and the date the person was told; near-due (ten days or fewer) and overdue requests
/// highlighted and counted; an opposition is no longer decided once overdue. Each test runs its own application.
/// </summary>
public sealed class RightsDeadlineTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private DateOnly Today => ParisTime.Today(_app.Clock!);

    private async Task<StaffSession> LoginAsync(StaffRole role) => await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(role));

    private static Task<HttpResponseMessage> ExtendAsync(StaffSession dpo, Guid id, int? months, string? reason, string? told) =>
        dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{id}/prolongation", new { months, reason, personToldOn = told });

    [Fact]
    public async Task The_deadline_is_extended_once_only_with_a_reason_and_the_date_the_person_was_told()
    {
        var file = await _app.CreateCaseAsync(0);
        var someone = await _app.CreateAccountAsync(StaffRole.Accueil);
        var id = await _app.CreateRequestAsync(file.PersonId, RightKind.Acces, someone.Id, Today.AddDays(-5));
        var dpo = await LoginAsync(StaffRole.Dpo);
        var today = Today.ToString("yyyy-MM-dd");

        var missing = await (await ExtendAsync(dpo, id, 3, null, Today.AddDays(1).ToString("yyyy-MM-dd"))).ErrorsAsync();
        Assert.Contains("un ou de deux mois", missing.GetProperty("months")[0].GetString());
        Assert.Contains("motif", missing.GetProperty("reason")[0].GetString());
        Assert.Contains("futur", missing.GetProperty("personToldOn")[0].GetString());
        var noDate = await (await ExtendAsync(dpo, id, 2, "Demande portant sur dix ans de dossier.", null)).ErrorsAsync();
        Assert.Contains("prévenue", noDate.GetProperty("personToldOn")[0].GetString());
        Assert.False((await _app.RequestAsync(id))!.IsExtended);

        var page = await dpo.PostFormAsync($"/droits/demandes/{id}?handler=Extend", Form(("Extend.Months", "2"), ("Extend.PersonToldOn", today),
            ("Extend.Reason", "Demande portant sur dix ans de dossier et plusieurs accompagnements.")), $"/droits/demandes/{id}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var extended = (await _app.RequestAsync(id))!;
        Assert.Equal(Today.AddDays(-5).AddMonths(3), extended.DueOn);
        Assert.Equal(Today, extended.PersonToldOfExtensionOn);

        var twice = await (await ExtendAsync(dpo, id, 1, "Encore du travail.", today)).ErrorsAsync();
        Assert.Contains("déjà été prolongé une fois", twice.GetProperty("request")[0].GetString());
        Assert.Equal(extended.DueOn, (await _app.RequestAsync(id))!.DueOn);
    }

    [Fact]
    public async Task No_extension_once_the_deadline_has_passed()
    {
        var file = await _app.CreateCaseAsync(0);
        var someone = await _app.CreateAccountAsync(StaffRole.Accueil);
        var id = await _app.CreateRequestAsync(file.PersonId, RightKind.Acces, someone.Id, Today.AddDays(-40));
        var dpo = await LoginAsync(StaffRole.Dpo);
        var late = await (await ExtendAsync(dpo, id, 1, "Dossier complexe.", Today.AddDays(-20).ToString("yyyy-MM-dd"))).ErrorsAsync();
        Assert.Contains("a expiré", late.GetProperty("request")[0].GetString());
        Assert.False((await _app.RequestAsync(id))!.IsExtended);
        // The page offers no extension, and says the request is late.
        var html = await dpo.PageTextAsync($"/droits/demandes/{id}");
        Assert.DoesNotContain("Prolonger le délai", html);
        Assert.Contains("en retard", html);
    }

    [Fact]
    public async Task Requests_become_near_due_ten_days_before_the_deadline_then_overdue_and_the_dashboard_counts_them_by_right_and_circonscription()
    {
        var accueilAccount = await _app.CreateAccountAsync(StaffRole.Accueil);
        var accueil = await StaffSession.LoginAsync(_app, accueilAccount);
        var rcAccount = await _app.CreateAccountAsync(StaffRole.ResponsableCirconscription);
        var file = await _app.CreateCaseAsync(0);
        var access = await (await accueil.RegisterAsync(file.PersonId, "Acces", Today.ToString("yyyy-MM-dd"))).RegisteredIdAsync();
        var opposition = await (await accueil.RegisterAsync(file.PersonId, "Opposition", Today.ToString("yyyy-MM-dd"))).RegisteredIdAsync();
        var due = (await _app.RequestAsync(access))!.DueOn;
        Assert.Equal(Today.AddMonths(1), due);

        async Task<JsonElement> RowAsync(StaffSession dpo, Guid id) =>
            (await dpo.Client.GetFromJsonAsync<JsonElement>("/api/v1/droits")).GetProperty("requests").EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id);

        var dpo = await LoginAsync(StaffRole.Dpo);
        var fresh = await RowAsync(dpo, access);
        Assert.False(fresh.GetProperty("nearDue").GetBoolean());
        Assert.False(fresh.GetProperty("overdue").GetBoolean());

        _app.Clock!.Advance(TimeSpan.FromDays(due.DayNumber - Today.DayNumber - 9));
        dpo = await LoginAsync(StaffRole.Dpo);
        Assert.True((await RowAsync(dpo, access)).GetProperty("nearDue").GetBoolean());
        var html = await dpo.PageTextAsync("/droits");
        Assert.Contains("<strong>2</strong> à échéance dans 10 jours ou moins", html);
        Assert.Contains("table-warning", html);

        _app.Clock.Advance(TimeSpan.FromDays(10));
        dpo = await LoginAsync(StaffRole.Dpo);
        Assert.True((await RowAsync(dpo, access)).GetProperty("overdue").GetBoolean());
        html = await dpo.PageTextAsync("/droits");
        Assert.Contains("<strong>2</strong> en retard", html);
        Assert.Contains("table-danger", html);
        Assert.DoesNotContain(file.BirthName, html);
        // Counted by right and by circonscription, never by worker: the account that registered them appears nowhere.
        Assert.Contains("Par circonscription", html);
        Assert.DoesNotContain(accueilAccount.Login, html);

        // Overdue: the head of circonscription can no longer decide the opposition here.
        var rc = await StaffSession.LoginAsync(_app, rcAccount);
        var late = await (await rc.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{opposition}/decision", new { accepted = true, answer = "Le suivi cesse." })).ErrorsAsync();
        Assert.Contains("a expiré", late.GetProperty("request")[0].GetString());
        Assert.True((await _app.RequestAsync(opposition))!.IsOpen);

        // Closed this month.
        var closed = await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{access}/cloture", new { outcome = "Traitee", answer = "Copie remise en main propre." });
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Contains("<strong>1</strong> closes ce mois-ci", await dpo.PageTextAsync("/droits"));
    }
}
