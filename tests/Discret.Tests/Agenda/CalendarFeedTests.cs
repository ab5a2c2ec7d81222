using System.Net;
using System.Text.RegularExpressions;
using Discret.Domain.Accounts;
using Discret.Tests.Accompagnements;
using Discret.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Agenda.AgendaScenario;

namespace Discret.Tests.Agenda;

/// <summary>The worker's calendar feed (iCalendar): her own appointments, no person's name, behind a secret address she revokes.</summary>
[Collection(AgendaCollection.Name)]
public partial class CalendarFeedTests(DiscretFactory app)
{
    [GeneratedRegex("data-feed-address>([^<]+)<")]
    private static partial Regex Address();

    [Fact]
    public async Task The_feed_holds_times_and_file_numbers_but_no_name_and_is_unreachable_once_revoked()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var ts = await StaffSession.LoginAsync(app, worker);
        var id = await ts.BookedAsync(file.PersonId, worker.Id, At(2, 10), At(2, 11), followUpId: file.FollowUpId);

        var created = await ts.PostFormAsync("/compte/agenda-ical?handler=Create", new Dictionary<string, string>(), "/compte/agenda-ical");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var address = new Uri(WebUtility.HtmlDecode(Address().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value));
        var secret = address.AbsolutePath.Split('/').Last();
        Assert.False(await app.WithAsync(sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            sp.GetRequiredService<Discret.Data.DiscretDbContext>().CalendarFeeds, f => f.SecretHash == secret))); // only its hash is kept

        var feed = await app.Anonymous().GetAsync(address.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var text = await feed.Content.ReadAsStringAsync();
        Assert.Contains("BEGIN:VCALENDAR", text);
        Assert.Contains($"UID:{id}", text);
        Assert.Contains("Rendez-vous — dossier n° " + file.PersonId.ToString("N")[^8..].ToUpperInvariant(), text);
        Assert.Contains("Bureau de la circonscription", text);
        Assert.DoesNotContain(file.BirthName, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Alex", text);
        Assert.DoesNotContain("Logement", text);

        var revoked = await ts.PostFormAsync("/compte/agenda-ical?handler=Revoke", new Dictionary<string, string>(), "/compte/agenda-ical");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync(address.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/agenda/ical/" + new string('a', 64))).StatusCode);
    }
}
