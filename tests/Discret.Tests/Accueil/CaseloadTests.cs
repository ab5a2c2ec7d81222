using System.Net;
using System.Text.RegularExpressions;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Accueil;

/// <summary>
/// « Mes accompagnements », the social worker's home page, seen from the outside: exactly her own open follow-ups
/// (referent or co-worker), sorted and filtered by plain GET parameters, 50 a page, journaled as a count; nobody else —
/// a head of circonscription included — sees a worker's list.
/// </summary>
[Collection(FollowUpsCollection.Name)]
public partial class CaseloadTests(DiscretFactory app)
{
    [GeneratedRegex("data-follow-up=\"([0-9a-f-]{36})\"")]
    private static partial Regex FollowUpRow();

    private static List<Guid> Rows(string html) => FollowUpRow().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();

    private static string Unique(string prefix) => prefix + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());

    private Task SetLastContactAsync(Guid personId, DateOnly on) =>
        app.WithDbAsync(db => db.Persons.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastContactOn, on)));

    [Fact]
    public async Task A_social_worker_sees_exactly_her_open_follow_ups_as_referent_or_co_worker()
    {
        var me = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var elsewhere = await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1);
        var referent = await app.CreateCaseAsync(0, me);
        var coWorker = await app.CreateCaseAsync(0, colleague, team: [me]);
        var closed = await app.CreateCaseAsync(0, me, closed: true);
        var colleagues = await app.CreateCaseAsync(0, colleague);
        var otherCirconscription = await app.CreateCaseAsync(1, elsewhere);
        var noFollowUp = await app.CreateCaseAsync(0);

        var ts = await StaffSession.LoginAsync(app, me);
        var html = await ts.PageTextAsync("/");

        Assert.Equal(new[] { referent.FollowUpId!.Value, coWorker.FollowUpId!.Value }.Order(), Rows(html).Order());
        Assert.Contains(referent.BirthName, html);
        Assert.Contains(coWorker.BirthName, html);
        Assert.Contains($"href=\"/personnes/{referent.PersonId}\"", html);
        foreach (var absent in new[] { closed, colleagues, otherCirconscription, noFollowUp })
            Assert.DoesNotContain(absent.BirthName, html);
        var coWorkerRow = html[html.IndexOf($"data-follow-up=\"{coWorker.FollowUpId}\"")..];
        Assert.Contains("Co-intervenant<", coWorkerRow[..coWorkerRow.IndexOf("</tr>")]);
    }

    [Fact]
    public async Task The_list_sorts_by_last_contact_next_appointment_and_name_and_filters_what_is_overdue_and_what_she_refers()
    {
        var me = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var prefix = Unique("Tri");
        // b: referent, a third party's fact past its month, contact long ago, appointment in two days.
        var b = await app.CreateCaseAsync(0, me, birthName: prefix + "b", nextAppointment: DateTime.UtcNow.AddDays(2),
            interviewProvenance: Provenance.ReportedBy(Discret.Catalogue.ThirdPartyCategory.Voisinage));
        // c: co-worker, nothing overdue, contact last month, no appointment.
        var c = await app.CreateCaseAsync(0, colleague, team: [me], birthName: prefix + "c");
        // a: referent, nothing overdue, contact today, appointment tomorrow.
        var a = await app.CreateCaseAsync(0, me, birthName: prefix + "a", nextAppointment: DateTime.UtcNow.AddDays(1));
        await SetLastContactAsync(b.PersonId, new DateOnly(2025, 6, 1));
        await SetLastContactAsync(c.PersonId, new DateOnly(2025, 9, 1));
        var ts = await StaffSession.LoginAsync(app, me);

        Assert.Equal([b.FollowUpId!.Value, c.FollowUpId!.Value, a.FollowUpId!.Value], Rows(await ts.PageTextAsync("/?tri=dernier-contact")));
        Assert.Equal([a.FollowUpId.Value, b.FollowUpId.Value, c.FollowUpId.Value], Rows(await ts.PageTextAsync("/?tri=prochain-rendez-vous")));
        Assert.Equal([a.FollowUpId.Value, b.FollowUpId.Value, c.FollowUpId.Value], Rows(await ts.PageTextAsync("/?tri=nom")));
        Assert.Equal([a.FollowUpId.Value, b.FollowUpId.Value], Rows(await ts.PageTextAsync("/?tri=nom&referente=1")));
        var overdue = await ts.PageTextAsync("/?tri=nom&retard=1");
        Assert.Equal([b.FollowUpId.Value], Rows(overdue));
        Assert.Contains("À porter à sa connaissance : Entretien du 01/02/2026</a> — avant le 03/03/2026", overdue);
        // An unknown value is read as its default, never a 500.
        Assert.Equal(HttpStatusCode.OK, (await ts.Client.GetAsync("/?tri=%27%3B--&retard=oui&apres=nimporte")).StatusCode);
    }

    [Fact]
    public async Task A_notice_not_given_after_30_days_and_a_rights_request_past_its_month_are_overdue_on_her_line()
    {
        var me = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, me);
        var received = ParisTime.Today(TimeProvider.System).AddMonths(-2);
        await app.WithDbAsync(async db =>
        {
            await db.Persons.Where(p => p.Id == file.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.CreatedAt, DateTime.UtcNow.AddDays(-45)));
            var circonscription = await db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.CirconscriptionId).SingleAsync();
            db.RightsRequests.Add(new RightsRequest(file.PersonId, circonscription, RightKind.Acces,
                RequestChannel.Guichet, IdentityCheck.PersonneConnueDuService, received, null, me.Id, DateTime.UtcNow));
            await db.SaveChangesAsync();
        });
        var ts = await StaffSession.LoginAsync(app, me);

        var html = await ts.PageTextAsync("/?retard=1");
        Assert.Equal([file.FollowUpId!.Value], Rows(html));
        Assert.Contains("Notice d'information à remettre</a>", html);
        Assert.Contains($"Demande de droits à traiter ({RightKind.Acces.Label()})</a> — avant le {Discret.Time.ParisTime.Day(received.AddMonths(1))}", html);
    }

    [Fact]
    public async Task The_list_comes_fifty_at_a_time_and_the_next_page_starts_after_the_last_line()
    {
        var me = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var created = new List<Guid>();
        for (var i = 0; i < 51; i++) created.Add((await app.CreateCaseAsync(0, me)).FollowUpId!.Value);
        var ts = await StaffSession.LoginAsync(app, me);

        var first = await ts.PageTextAsync("/?tri=nom");
        Assert.Equal(50, Rows(first).Count);
        var next = Regex.Match(first, "href=\"(/\\?[^\"]+)\" rel=\"next\"").Groups[1].Value;
        Assert.Matches("^/\\?tri=nom&apres=[0-9a-f-]{36}$", next);
        var second = await ts.PageTextAsync(next);
        Assert.Single(Rows(second));
        Assert.Equal(created.Order().ToList(), Rows(first).Concat(Rows(second)).Order().ToList());
        Assert.DoesNotContain("rel=\"next\"", second);
    }

    [Fact]
    public async Task The_list_is_journaled_as_a_search_with_its_count_and_no_name()
    {
        var me = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, me);
        var ts = await StaffSession.LoginAsync(app, me);
        await ts.PageTextAsync("/");

        var entry = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .SingleAsync(e => e.AccountId == me.Id && e.Action == JournalAction.Recherche && e.Detail!.StartsWith("mes accompagnements")));
        Assert.Equal("mes accompagnements : 1 accompagnement(s)", entry.Detail);
        Assert.Null(entry.PersonId);
        Assert.DoesNotContain(file.BirthName, entry.Detail);
    }

    [Theory]
    [InlineData(StaffRole.ResponsableCirconscription)]
    [InlineData(StaffRole.Accueil)]
    [InlineData(StaffRole.Secretariat)]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.Dpo)]
    [InlineData(StaffRole.AdminTechnique)]
    public async Task Other_roles_get_their_own_home_and_never_a_workers_list(StaffRole role)
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var other = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));

        foreach (var url in new[] { "/", "/?tri=nom&referente=1", $"/?tri=nom&apres={file.FollowUpId}" })
        {
            var response = await other.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.TextAsync();
            Assert.Contains($"data-role-home=\"{role}\"", html);
            Assert.DoesNotContain("data-caseload", html);
            Assert.DoesNotContain("Mes accompagnements", html);
            Assert.DoesNotContain(file.BirthName, html);
        }
    }
}
