using System.Net;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Conservation;

/// <summary>
/// The retention durations in force, seen from the outside: the DPO shortens a rule freely, lengthens one only with a
/// reason, and the register of processing and the information notice print the durations in force. Each test sets a
/// different rule and puts it back, so that the collection's application keeps the catalogue's references.
/// </summary>
[Collection(InstallationCollection.Name)]
public class RetentionSettingsTests(DiscretFactory app)
{
    private Task<HttpResponseMessage> SetAsync(StaffSession dpo, RetentionRule rule, string days, string? reason = null) =>
        dpo.PostFormAsync($"/conservation/{rule.Code}", new Dictionary<string, string> { ["Input.ActiveDays"] = days, ["Input.Reason"] = reason ?? "" });

    private Task<bool> HasSettingAsync(RetentionRule rule) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().RetentionSettings.AnyAsync(s => s.RuleCode == rule.Code));

    private async Task RestoreAsync(StaffSession dpo, RetentionRule rule)
    {
        await SetAsync(dpo, rule, ((int)rule.Active.TotalDays).ToString());
        Assert.False(await HasSettingAsync(rule));
    }

    [Fact]
    public async Task A_shorter_duration_is_saved_journaled_and_printed_in_the_register_and_the_notice()
    {
        var rule = RetentionRule.DeuxAnsApresCloture;
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        try
        {
            var response = await SetAsync(dpo, rule, "365");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("1 an (365 jours)", await dpo.PageTextAsync("/conservation"));
            var shortened = rule with { Active = TimeSpan.FromDays(365) };
            Assert.Contains(shortened.Describe(), await dpo.PageTextAsync("/registre"));
            Assert.Contains(shortened.Describe(), await dpo.PageTextAsync("/notice-information"));
            Assert.True(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AnyAsync(e =>
                e.Action == JournalAction.Parametrage && e.Detail == $"conservation {rule.Code} : 365 jours")));
        }
        finally
        {
            await RestoreAsync(dpo, rule);
        }
    }

    [Fact]
    public async Task A_longer_duration_without_a_reason_is_refused_in_french_and_nothing_changes()
    {
        var rule = RetentionRule.TroisMoisApresRendezVous;
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var response = await SetAsync(dpo, rule, "200");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("indiquez le motif de l'allongement", await response.TextAsync());
        Assert.False(await HasSettingAsync(rule));
    }

    [Theory]
    [InlineData("-30", "au moins un jour")]
    [InlineData("0", "au moins un jour")]
    [InlineData("99999", "ne peut pas dépasser")]
    [InlineData("deux ans", "nombre entier")]
    [InlineData("", "Saisissez la durée")]
    public async Task A_wrong_duration_is_refused_in_french_and_nothing_changes(string days, string message)
    {
        var rule = RetentionRule.DemandeDeDroits;
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var response = await SetAsync(dpo, rule, days, "Motif suffisant pour un allongement éventuel.");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
        Assert.False(await HasSettingAsync(rule));
    }

    [Fact]
    public async Task A_longer_duration_with_its_reason_appears_with_the_reason_in_the_next_version_of_the_register()
    {
        var rule = RetentionRule.DeuxAnsApresDernierContact;
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var reason = "Contentieux en cours sur les aides de 2025 " + Guid.NewGuid().ToString("N")[..6];
        try
        {
            var before = await dpo.PageTextAsync("/registre");
            Assert.DoesNotContain(reason, before);
            Assert.Equal(HttpStatusCode.Redirect, (await SetAsync(dpo, rule, "1095", reason)).StatusCode);
            var after = await dpo.PageTextAsync("/registre");
            Assert.Contains(reason, after);
            Assert.Contains((rule with { Active = TimeSpan.FromDays(1095) }).Describe(), after);
            Assert.Contains(reason, await dpo.PageTextAsync("/conservation"));
        }
        finally
        {
            await RestoreAsync(dpo, rule);
        }
    }

    [Theory]
    [InlineData(StaffRole.Accueil)]
    [InlineData(StaffRole.TravailleurSocial)]
    [InlineData(StaffRole.ResponsableCirconscription)]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.AdminTechnique)]
    public async Task Only_the_dpo_sets_retention_durations(StaffRole role)
    {
        var rule = RetentionRule.DeuxAnsApresCloture;
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync("/conservation")).StatusCode);
        var response = await session.PostFormAsync($"/conservation/{rule.Code}", new Dictionary<string, string> { ["Input.ActiveDays"] = "30" }, "/");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await HasSettingAsync(rule));
    }

    [Fact]
    public async Task A_rule_set_by_the_installation_or_unknown_is_not_found()
    {
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.Client.GetAsync($"/conservation/{RetentionRule.JournalDesAcces.Code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.Client.GetAsync("/conservation/inconnue")).StatusCode);
    }
}
