using System.Net;
using System.Text.RegularExpressions;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Tests.Support;
using Discret.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Orientation;

/// <summary>
/// Putting files in front of the right worker, seen from the outside: « À orienter » lists the circonscription's files
/// without a follow-up; the head of circonscription declares absences (dates only), sees the follow-ups whose referent
/// is absent or gone in « À réattribuer » and hands them over with a reason — the former referent loses the file at
/// once; every refusal is a French message next to its field and changes nothing.
/// </summary>
[Collection(FollowUpsCollection.Name)]
public partial class HandoverTests(DiscretFactory app)
{
    [GeneratedRegex("data-new-file=\"([0-9a-f-]{36})\"")]
    private static partial Regex NewFileRow();

    [GeneratedRegex("data-to-reassign=\"([0-9a-f-]{36})\"")]
    private static partial Regex ToReassignRow();

    [GeneratedRegex("href=\"(/a-orienter\\?apres=[0-9a-f-]{36})\"")]
    private static partial Regex NextNewFiles();

    private Task<DateOnly> TodayAsync() => app.WithAsync(sp => Task.FromResult(ParisTime.Today(sp.GetRequiredService<TimeProvider>())));

    /// <summary>Every file « à orienter » for the session, following the pages to the end.</summary>
    private static async Task<List<Guid>> AllNewFilesAsync(StaffSession session)
    {
        var all = new List<Guid>();
        var url = "/a-orienter";
        for (var pages = 0; pages < 200; pages++)
        {
            var html = await session.PageTextAsync(url);
            all.AddRange(NewFileRow().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)));
            var next = NextNewFiles().Match(html);
            if (!next.Success) return all;
            url = next.Groups[1].Value;
        }
        throw new InvalidOperationException("« À orienter » never ended.");
    }

    private static List<Guid> ToReassign(string html) => ToReassignRow().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)).ToList();

    private Task<Guid> ReferentOfAsync(Guid followUpId) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().FollowUps.Where(f => f.Id == followUpId).Select(f => f.ReferentId).SingleAsync());

    private static Task<HttpResponseMessage> DeclareAbsenceAsync(StaffSession head, TestAccount worker, DateOnly from, DateOnly? until) =>
        head.PostFormAsync($"/equipe/{worker.Id}/absence", new Dictionary<string, string>
        {
            ["Input.From"] = ParisTime.Iso(from),
            ["Input.Until"] = until is { } u ? ParisTime.Iso(u) : "",
        });

    private static Task<HttpResponseMessage> HandOverAsync(StaffSession head, IEnumerable<Guid> followUps, Guid? to, string? reason, Guid? formerReferent = null)
    {
        var fields = followUps.Select(id => new KeyValuePair<string, string>("Input.FollowUpIds", id.ToString())).ToList();
        fields.Add(new("Input.NewReferentId", to?.ToString() ?? ""));
        fields.Add(new("Input.Reason", reason ?? ""));
        var url = formerReferent is { } f ? $"/a-reattribuer?referent={f}" : "/a-reattribuer";
        return head.PostFormAsync(url, fields);
    }

    [Fact]
    public async Task A_file_without_any_follow_up_is_a_orienter_for_reception_secretariat_and_the_head_of_its_circonscription_only()
    {
        var waiting = await app.CreateCaseAsync(0);
        var followed = await app.CreateCaseAsync(0, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var closed = await app.CreateCaseAsync(0, await app.CreateAccountAsync(StaffRole.TravailleurSocial), closed: true);

        foreach (var role in new[] { StaffRole.Accueil, StaffRole.Secretariat, StaffRole.ResponsableCirconscription })
        {
            var listed = await AllNewFilesAsync(await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role)));
            Assert.Contains(waiting.PersonId, listed);
            Assert.DoesNotContain(followed.PersonId, listed);
            Assert.DoesNotContain(closed.PersonId, listed);
        }
        var elsewhere = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription, circonscription: 1));
        Assert.DoesNotContain(waiting.PersonId, await AllNewFilesAsync(elsewhere));
        foreach (var role in new[] { StaffRole.TravailleurSocial, StaffRole.Direction, StaffRole.Dpo, StaffRole.AdminTechnique })
        {
            var other = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync("/a-orienter")).StatusCode);
        }
    }

    [Fact]
    public async Task The_head_of_circonscription_assigns_a_referent_from_her_home_and_reception_sees_the_queue_without_that_link()
    {
        var waiting = await app.CreateCaseAsync(0);
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var home = await head.PageTextAsync("/");
        Assert.Contains("data-home-new-files", home);
        Assert.Contains($"data-new-file=\"{waiting.PersonId}\"", home);
        Assert.Contains($"href=\"/personnes/{waiting.PersonId}/accompagnements/nouveau\"", home);

        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var receptionHome = await reception.PageTextAsync("/");
        Assert.Contains($"data-new-file=\"{waiting.PersonId}\"", receptionHome);
        Assert.DoesNotContain("accompagnements/nouveau", receptionHome);
        Assert.DoesNotContain("data-home-to-reassign", receptionHome);
        Assert.DoesNotContain("data-home-team", receptionHome);
    }

    [Fact]
    public async Task The_lists_are_journaled_as_searches_with_their_count_and_no_name()
    {
        var waiting = await app.CreateCaseAsync(0);
        var account = await app.CreateAccountAsync(StaffRole.ResponsableCirconscription);
        var head = await StaffSession.LoginAsync(app, account);
        await head.PageTextAsync("/a-orienter");
        await head.PageTextAsync("/a-reattribuer");

        var entries = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .Where(e => e.AccountId == account.Id && e.Action == JournalAction.Recherche).ToListAsync());
        Assert.Contains(entries, e => e.Detail!.StartsWith("à orienter : ") && e.Detail.EndsWith(" dossier(s)"));
        Assert.Contains(entries, e => e.Detail!.StartsWith("à réattribuer : ") && e.Detail.EndsWith(" accompagnement(s)"));
        Assert.All(entries, e => Assert.Null(e.PersonId));
        Assert.All(entries, e => Assert.DoesNotContain(waiting.BirthName, e.Detail));
    }

    [Fact]
    public async Task An_absent_referents_follow_ups_are_handed_over_and_she_loses_the_file_at_once()
    {
        var today = await TodayAsync();
        var absent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var coWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, absent, team: [coWorker]);
        var other = await app.CreateCaseAsync(0, absent);
        var headAccount = await app.CreateAccountAsync(StaffRole.ResponsableCirconscription);
        var head = await StaffSession.LoginAsync(app, headAccount);
        var before = await StaffSession.LoginAsync(app, absent);
        Assert.Equal(HttpStatusCode.OK, (await before.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);

        Assert.Empty(ToReassign(await head.PageTextAsync($"/a-reattribuer?referent={absent.Id}")));
        var declared = await DeclareAbsenceAsync(head, absent, today, today.AddDays(20));
        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);
        var team = await head.PageTextAsync("/equipe");
        Assert.Contains($"data-worker=\"{absent.Id}\" data-available=\"0\"", team);
        Assert.Contains($"du {ParisTime.Day(today)} au {ParisTime.Day(today.AddDays(20))} inclus", team);
        var list = await head.PageTextAsync($"/a-reattribuer?referent={absent.Id}");
        Assert.Equal(new[] { file.FollowUpId!.Value, other.FollowUpId!.Value }.Order(), ToReassign(list).Order());
        Assert.Contains($"absent jusqu'au {ParisTime.Day(today.AddDays(20))} inclus", list);

        var moved = await HandOverAsync(head, [file.FollowUpId.Value], colleague.Id, "AbsenceDuReferent", absent.Id);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        Assert.Equal(colleague.Id, await ReferentOfAsync(file.FollowUpId.Value));
        Assert.Equal(absent.Id, await ReferentOfAsync(other.FollowUpId.Value));
        Assert.Equal(HttpStatusCode.NotFound, (await before.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        var newReferent = await StaffSession.LoginAsync(app, colleague);
        Assert.Equal(HttpStatusCode.OK, (await newReferent.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        var stayed = await StaffSession.LoginAsync(app, coWorker);
        Assert.Equal(HttpStatusCode.OK, (await stayed.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        Assert.Equal([other.FollowUpId.Value], ToReassign(await head.PageTextAsync($"/a-reattribuer?referent={absent.Id}")));

        var entry = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .SingleAsync(e => e.AccountId == headAccount.Id && e.Action == JournalAction.Ecriture && e.PersonId == file.PersonId));
        Assert.Contains("réattribution de l'accompagnement (motif : Absence du référent)", entry.Detail);
        Assert.DoesNotContain(file.BirthName, entry.Detail);
    }

    [Fact]
    public async Task A_deactivated_referents_follow_ups_are_to_reassign_and_go_in_one_handover()
    {
        var gone = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var files = new[] { await app.CreateCaseAsync(0, gone), await app.CreateCaseAsync(0, gone), await app.CreateCaseAsync(0, gone) };
        await app.WithDbAsync(db => db.Users.Where(a => a.Id == gone.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, false)));
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));

        var list = await head.PageTextAsync($"/a-reattribuer?referent={gone.Id}");
        Assert.Equal(files.Select(f => f.FollowUpId!.Value).Order(), ToReassign(list).Order());
        Assert.Contains("compte désactivé", list);
        Assert.Contains($"data-to-reassign=\"{files[0].FollowUpId}\"", await head.PageTextAsync("/"));

        var moved = await HandOverAsync(head, files.Select(f => f.FollowUpId!.Value), colleague.Id, "DepartDuReferent", gone.Id);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        foreach (var f in files) Assert.Equal(colleague.Id, await ReferentOfAsync(f.FollowUpId!.Value));
        Assert.Empty(ToReassign(await head.PageTextAsync($"/a-reattribuer?referent={gone.Id}")));
    }

    [Fact]
    public async Task A_handover_to_a_worker_of_another_circonscription_or_an_absent_one_or_without_reason_is_refused_and_changes_nothing()
    {
        var today = await TodayAsync();
        var gone = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, gone);
        var elsewhere = await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1);
        var alsoAbsent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        await DeclareAbsenceAsync(head, gone, today, null);
        await DeclareAbsenceAsync(head, alsoAbsent, today.AddDays(-3), today.AddDays(3));

        var cases = new (Guid? To, string? Reason, string Message)[]
        {
            (elsewhere.Id, "AbsenceDuReferent", "Ce professionnel ne peut pas devenir référent"),
            (alsoAbsent.Id, "AbsenceDuReferent", "Ce professionnel ne peut pas devenir référent"),
            (null, "AbsenceDuReferent", "Choisissez le nouveau référent."),
            (colleague.Id, null, "Choisissez le motif de la réattribution dans la liste."),
            (colleague.Id, "EquilibrerLaCharge", Discret.Domain.Input.ClosedList.NotAMemberMessage),
        };
        foreach (var (to, reason, message) in cases)
        {
            var response = await HandOverAsync(head, [file.FollowUpId!.Value], to, reason, gone.Id);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, await response.TextAsync());
            Assert.Equal(gone.Id, await ReferentOfAsync(file.FollowUpId.Value));
        }
        var none = await HandOverAsync(head, [], colleague.Id, "AbsenceDuReferent", gone.Id);
        Assert.Contains("Cochez au moins un accompagnement à réattribuer.", await none.TextAsync());
    }

    [Fact]
    public async Task A_handover_naming_a_follow_up_of_another_circonscription_is_absent_as_a_whole_and_moves_nothing()
    {
        var gone = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var mine = await app.CreateCaseAsync(0, gone);
        var theirsReferent = await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1);
        var theirs = await app.CreateCaseAsync(1, theirsReferent);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));

        var response = await HandOverAsync(head, [mine.FollowUpId!.Value, theirs.FollowUpId!.Value], colleague.Id, "DepartDuReferent");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(gone.Id, await ReferentOfAsync(mine.FollowUpId.Value));
        Assert.Equal(theirsReferent.Id, await ReferentOfAsync(theirs.FollowUpId.Value));
    }

    [Fact]
    public async Task An_absence_is_two_dates_in_order_declared_by_the_head_of_the_workers_circonscription_only()
    {
        var today = await TodayAsync();
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));

        var reversed = await DeclareAbsenceAsync(head, worker, today.AddDays(5), today.AddDays(2));
        Assert.Equal(HttpStatusCode.OK, reversed.StatusCode);
        Assert.Contains("Le dernier jour d'absence ne peut pas précéder le premier.", await reversed.TextAsync());
        var noStart = await DeclareAbsenceAsync(head, worker, default, null);
        Assert.Equal(HttpStatusCode.OK, noStart.StatusCode);
        var past = await DeclareAbsenceAsync(head, worker, today.AddDays(-10), today.AddDays(-2));
        Assert.Contains("Cette absence est déjà terminée", await past.TextAsync());
        var stored = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Users.AsNoTracking().Where(a => a.Id == worker.Id)
            .Select(a => new { a.AbsentFrom, a.AbsentUntil }).SingleAsync());
        Assert.Null(stored.AbsentFrom);
        Assert.Null(stored.AbsentUntil);

        var otherHead = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription, circonscription: 1));
        Assert.Equal(HttpStatusCode.NotFound, (await otherHead.Client.GetAsync($"/equipe/{worker.Id}/absence")).StatusCode);
        foreach (var role in new[] { StaffRole.TravailleurSocial, StaffRole.Accueil, StaffRole.Secretariat, StaffRole.Direction, StaffRole.Dpo, StaffRole.AdminTechnique })
        {
            var other = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
            foreach (var url in new[] { "/equipe", "/a-reattribuer" })
                Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(url)).StatusCode);
            if (role != StaffRole.AdminTechnique)
                Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/equipe/{worker.Id}/absence")).StatusCode);
        }
    }

    [Fact]
    public async Task The_technical_administrator_declares_an_absence_from_the_accounts_page_for_any_circonscription()
    {
        var today = await TodayAsync();
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1);
        var reception = await app.CreateAccountAsync(StaffRole.Accueil);
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        Assert.Contains($"href=\"/equipe/{worker.Id}/absence\"", await admin.PageTextAsync($"/administration/comptes/{worker.Id}"));

        var declared = await DeclareAbsenceAsync(admin, worker, today, today.AddDays(2));

        Assert.Equal($"/administration/comptes/{worker.Id}", declared.Headers.Location?.OriginalString);
        Assert.Equal(today, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Users.Where(a => a.Id == worker.Id).Select(a => a.AbsentFrom).SingleAsync()));
        // Reception holds no follow-up: it has no absence to declare here.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync($"/equipe/{reception.Id}/absence")).StatusCode);
    }

    [Fact]
    public async Task The_end_of_an_absence_makes_the_worker_available_again_and_her_follow_ups_leave_the_list()
    {
        var today = await TodayAsync();
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        await DeclareAbsenceAsync(head, worker, today, null);
        Assert.Equal([file.FollowUpId!.Value], ToReassign(await head.PageTextAsync($"/a-reattribuer?referent={worker.Id}")));
        Assert.Contains($"data-worker=\"{worker.Id}\" data-available=\"0\"", await head.PageTextAsync("/"));

        var ended = await head.PostFormAsync($"/equipe/{worker.Id}/absence?handler=Fin", new Dictionary<string, string>(), $"/equipe/{worker.Id}/absence");

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Empty(ToReassign(await head.PageTextAsync($"/a-reattribuer?referent={worker.Id}")));
        Assert.Contains($"data-worker=\"{worker.Id}\" data-available=\"1\"", await head.PageTextAsync("/"));
    }

    [Fact]
    public async Task A_future_absence_leaves_the_worker_available_today()
    {
        var today = await TodayAsync();
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));

        await DeclareAbsenceAsync(head, worker, today.AddDays(1), today.AddDays(5));

        Assert.Empty(ToReassign(await head.PageTextAsync($"/a-reattribuer?referent={worker.Id}")));
        Assert.Contains($"data-worker=\"{worker.Id}\" data-available=\"1\"", await head.PageTextAsync("/equipe"));
        Assert.DoesNotContain(file.BirthName, await head.PageTextAsync("/equipe"));
    }
}

/// <summary>The same rules through the API: RFC 7807 problems naming the field, 404 for what the head may not reach.</summary>
[Collection(FollowUpsCollection.Name)]
public class HandoverApiTests(DiscretFactory app)
{
    private Task<DateOnly> TodayAsync() => app.WithAsync(sp => Task.FromResult(ParisTime.Today(sp.GetRequiredService<TimeProvider>())));

    [Fact]
    public async Task The_api_hands_over_and_refuses_a_worker_of_another_circonscription_with_a_problem_on_the_field()
    {
        var today = await TodayAsync();
        var absent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var elsewhere = await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1);
        var file = await app.CreateCaseAsync(0, absent);
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));

        var declared = await head.ApiSendAsync(HttpMethod.Put, $"/api/v1/equipe/{absent.Id}/absence", new { from = ParisTime.Iso(today) });
        Assert.Equal(HttpStatusCode.NoContent, declared.StatusCode);
        var list = await (await head.Client.GetAsync($"/api/v1/a-reattribuer?referentId={absent.Id}")).Content.ReadAsStringAsync();
        Assert.Contains(file.FollowUpId.ToString()!, list);

        var refused = await head.ApiSendAsync(HttpMethod.Post, "/api/v1/reattributions",
            new { followUpIds = new[] { file.FollowUpId }, newReferentId = elsewhere.Id, reason = "AbsenceDuReferent" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Ce professionnel ne peut pas devenir référent", await refused.Content.ReadAsStringAsync());

        var moved = await head.ApiSendAsync(HttpMethod.Post, "/api/v1/reattributions",
            new { followUpIds = new[] { file.FollowUpId }, newReferentId = colleague.Id, reason = "AbsenceDuReferent" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(colleague.Id, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().FollowUps
            .Where(f => f.Id == file.FollowUpId).Select(f => f.ReferentId).SingleAsync()));

        var ended = await head.ApiSendAsync(HttpMethod.Delete, $"/api/v1/equipe/{absent.Id}/absence");
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        var team = await (await head.Client.GetAsync("/api/v1/equipe")).Content.ReadAsStringAsync();
        Assert.Contains($"\"id\":\"{absent.Id}\"", team);
        Assert.DoesNotContain(file.BirthName, team);
    }

    [Fact]
    public async Task An_absence_ending_before_it_starts_is_a_problem_and_another_circonscriptions_worker_is_absent()
    {
        var today = await TodayAsync();
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var elsewhere = await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1);
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));

        var reversed = await head.ApiSendAsync(HttpMethod.Put, $"/api/v1/equipe/{worker.Id}/absence",
            new { from = ParisTime.Iso(today.AddDays(4)), until = ParisTime.Iso(today.AddDays(1)) });
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("Le dernier jour d'absence ne peut pas précéder le premier.", await reversed.Content.ReadAsStringAsync());
        var other = await head.ApiSendAsync(HttpMethod.Put, $"/api/v1/equipe/{elsewhere.Id}/absence", new { from = ParisTime.Iso(today) });
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Null(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Users.Where(a => a.Id == elsewhere.Id).Select(a => a.AbsentFrom).SingleAsync()));
    }
}

/// <summary>A first-reception appointment, booked before the head of circonscription opens the follow-up, becomes that
/// follow-up's « prochain rendez-vous » once it is opened (and is kept with it).</summary>
[Collection(FollowUpsCollection.Name)]
public class FirstAppointmentTests(DiscretFactory app)
{
    [Fact]
    public async Task The_first_reception_appointment_joins_the_follow_up_opened_for_the_person()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var tomorrow = await app.WithAsync(sp => Task.FromResult(ParisTime.Today(sp.GetRequiredService<TimeProvider>()).AddDays(1)));
        var booked = await reception.ApiSendAsync(HttpMethod.Post, "/api/v1/rendez-vous", new
        {
            personId = file.PersonId, workerIds = new[] { worker.Id }, startsAt = $"{ParisTime.Iso(tomorrow)}T10:00:00", endsAt = $"{ParisTime.Iso(tomorrow)}T10:45:00",
            place = "BureauCirconscription",
        });
        Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));

        var opened = await head.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accompagnements",
            new { referentId = worker.Id, coWorkerIds = Array.Empty<Guid>(), motives = new[] { "Logement" }, source = "Personne" });

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var ts = await StaffSession.LoginAsync(app, worker);
        var home = await ts.PageTextAsync("/?tri=prochain-rendez-vous&referente=1");
        var caseload = home[home.IndexOf("data-caseload", StringComparison.Ordinal)..];
        var row = caseload[caseload.IndexOf(file.BirthName, StringComparison.Ordinal)..];
        Assert.Contains($"{ParisTime.Day(tomorrow)} à 10:00", row[..row.IndexOf("</tr>", StringComparison.Ordinal)]);
    }
}
