using System.Net;
using System.Text.RegularExpressions;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Accueil;

/// <summary>« Mes accompagnements » counts the tasks due among a line's overdue items (issue 16 §1): a task about the
/// person that she sees, still to do, past its due day — not one done, not one due today.</summary>
[Collection(FollowUpsCollection.Name)]
public partial class CaseloadTasksTests(DiscretFactory app)
{
    [GeneratedRegex("data-follow-up=\"([0-9a-f-]{36})\"")]
    private static partial Regex FollowUpRow();

    private static async Task<Guid> TaskAsync(StaffSession ts, Guid followUpId, string title, DateOnly dueOn)
    {
        var response = await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/taches", new { title, dueOn = ParisTime.Iso(dueOn), followUpId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_task_past_its_due_day_is_overdue_on_her_line_and_a_done_one_or_one_due_today_is_not()
    {
        var me = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var late = await app.CreateCaseAsync(0, me);
        var onTime = await app.CreateCaseAsync(0, me);
        var done = await app.CreateCaseAsync(0, me);
        var ts = await StaffSession.LoginAsync(app, me);
        var today = ParisTime.Today(TimeProvider.System);
        await TaskAsync(ts, late.FollowUpId!.Value, "Rappeler la CAF", today.AddDays(-3));
        await TaskAsync(ts, onTime.FollowUpId!.Value, "Envoyer le dossier", today);
        var finished = await TaskAsync(ts, done.FollowUpId!.Value, "Relancer le bailleur", today.AddDays(-3));
        Assert.Equal(HttpStatusCode.OK, (await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/taches/{finished}/etat", new { done = true })).StatusCode);

        var html = WebUtility.HtmlDecode(await ts.PageTextAsync("/?retard=1"));

        Assert.Equal([late.FollowUpId.Value], FollowUpRow().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList());
        Assert.Contains($"Tâche : Rappeler la CAF</a> — avant le {ParisTime.Day(today.AddDays(-3))}", html);
    }
}
