using System.Net;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Retention;
using Discret.Domain.Rights;
using Discret.Web.Features.Conservation;
using Discret.Tests.Droits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Conservation;

/// <summary>
/// Legal holds seen from the outside: the DPO sets one from the opaque reference of a file (typed, or carried from a rights
/// request), with a reason from the closed list and an end at most 60 months later; lifts it after confirmation; it
/// expires by itself. The social worker assigned and the head of circonscription see it on the file; reception does not.
/// Every other role: 404.
/// </summary>
public sealed class LegalHoldTests(ConservationApp app) : IClassFixture<ConservationApp>
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    private async Task<StaffSession> DpoAsync() => await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));

    private static Task<HttpResponseMessage> SetAsync(StaffSession dpo, string? person, string? reason, string? until, string? from = null, string? details = null,
        bool confirm = false, string url = "/conservation/gels/nouveau") =>
        dpo.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Input.PersonReference"] = person ?? "", ["Input.Reason"] = reason ?? "", ["Input.Until"] = until ?? "", ["Input.From"] = from ?? "",
            ["Input.Details"] = details ?? "", ["Input.ConfirmWarnings"] = confirm ? "true" : "false",
        }, "/conservation/gels/nouveau");

    private Task<List<LegalHold>> HoldsAsync(Guid personId) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().LegalHolds.AsNoTracking().Where(h => h.PersonId == personId).ToListAsync());

    [Fact]
    public async Task The_dpo_sets_a_hold_from_the_file_reference_journaled_and_listed_without_names()
    {
        var file = await app.CreateCaseAsync(0);
        var dpo = await DpoAsync();
        var response = await SetAsync(dpo, file.PersonId.ToString(), "Contentieux", Day(app.Today.AddMonths(6)), details: "Recours TA Valmont n° 2601234");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var hold = Assert.Single(await HoldsAsync(file.PersonId));
        Assert.Equal(HoldReason.Contentieux, hold.Reason);
        Assert.Equal(app.Today, hold.From);
        Assert.Equal(app.Today.AddMonths(6), hold.Until);
        Assert.Equal("Recours TA Valmont n° 2601234", hold.Details);
        Assert.True(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AnyAsync(e =>
            e.Action == JournalAction.Ecriture && e.PersonId == file.PersonId && e.Detail!.StartsWith("gel de la suppression") && e.Detail.EndsWith(nameof(FieldGroup.Conservation)))));

        var list = await dpo.PageTextAsync("/conservation/gels");
        Assert.Contains(file.PersonId.ToString(), list);
        Assert.Contains(await app.CirconscriptionNameAsync(0), list);
        Assert.Contains("Contentieux", list);
        Assert.DoesNotContain(file.BirthName, list);
    }

    [Theory]
    [InlineData("until-before-from", "La fin du gel doit être après son début.")]
    [InlineData("too-long", "Un gel dure au plus 60 mois")]
    [InlineData("unknown-person", LegalHolds.UnknownPersonMessage)]
    [InlineData("not-a-reference", LegalHolds.UnknownPersonMessage)]
    [InlineData("no-reason", "Choisissez le motif du gel.")]
    [InlineData("no-until", "Saisissez la date de fin du gel.")]
    [InlineData("identifier-in-details", "Rien n'a été enregistré.")]
    public async Task A_wrong_hold_is_refused_in_french_and_nothing_is_saved(string wrong, string message)
    {
        var file = await app.CreateCaseAsync(0);
        var dpo = await DpoAsync();
        var person = wrong switch { "unknown-person" => Guid.NewGuid().ToString(), "not-a-reference" => "Dupont Marie", _ => file.PersonId.ToString() };
        var from = app.Today.AddDays(10);
        var until = wrong switch { "until-before-from" => Day(from.AddDays(-1)), "too-long" => Day(from.AddMonths(60).AddDays(1)), "no-until" => "", _ => Day(from.AddMonths(12)) };
        var details = wrong == "identifier-in-details" ? "Affaire de la personne NIR 1 84 12 76 451 089 46" : null;
        var response = await SetAsync(dpo, person, wrong == "no-reason" ? "" : "RecoursOuReclamation", until, Day(from), details);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.TextAsync());
        Assert.Empty(await HoldsAsync(file.PersonId));
    }

    [Fact]
    public async Task Sixty_months_exactly_is_allowed_and_words_to_reread_need_a_confirmation()
    {
        var file = await app.CreateCaseAsync(0);
        var dpo = await DpoAsync();
        var warned = await SetAsync(dpo, file.PersonId.ToString(), "Contentieux", Day(app.Today.AddMonths(60)), details: "Conflits conjugaux, plainte déposée");
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        Assert.Contains("À relire avant d'enregistrer", await warned.TextAsync());
        Assert.Empty(await HoldsAsync(file.PersonId));
        var confirmed = await SetAsync(dpo, file.PersonId.ToString(), "Contentieux", Day(app.Today.AddMonths(60)), details: "Conflits conjugaux, plainte déposée", confirm: true);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Single(await HoldsAsync(file.PersonId));
        Assert.True(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AnyAsync(e =>
            e.Action == JournalAction.AvertissementConfirme && e.PersonId == file.PersonId)));
    }

    [Fact]
    public async Task The_rights_request_page_offers_the_hold_with_the_file_reference()
    {
        var file = await app.CreateCaseAsync(0);
        var someone = await app.CreateAccountAsync(StaffRole.Accueil);
        var requestId = await app.CreateRequestAsync(file.PersonId, RightKind.Limitation, someone.Id);
        var dpo = await DpoAsync();
        var page = await dpo.PageTextAsync($"/droits/demandes/{requestId}");
        var link = $"/conservation/gels/nouveau?personne={file.PersonId}&demande={requestId}";
        Assert.Contains("Geler la suppression des données", page);
        Assert.Contains(link, page);
        var form = await dpo.PageTextAsync(link);
        Assert.Contains($"value=\"{file.PersonId}\"", form);
        var saved = await SetAsync(dpo, file.PersonId.ToString(), "DemandeDeLaPersonne", Day(app.Today.AddMonths(3)), url: link);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AnyAsync(e =>
            e.Action == JournalAction.Ecriture && e.PersonId == file.PersonId && e.Reference == requestId)));
    }

    [Fact]
    public async Task The_dpo_lifts_a_hold_after_confirmation_once()
    {
        var file = await app.CreateCaseAsync(0);
        var dpo = await DpoAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SetAsync(dpo, file.PersonId.ToString(), "RequisitionJudiciaire", Day(app.Today.AddMonths(2)))).StatusCode);
        var hold = Assert.Single(await HoldsAsync(file.PersonId));
        var url = $"/conservation/gels/{hold.Id}";
        Assert.Contains("Confirmer la levée du gel", await dpo.PageTextAsync(url));
        var lifted = await dpo.PostFormAsync($"{url}?handler=Lift", new Dictionary<string, string>(), url);
        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        var after = Assert.Single(await HoldsAsync(file.PersonId));
        Assert.Equal(app.Today, after.LiftedOn);
        Assert.True(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AnyAsync(e =>
            e.Action == JournalAction.Ecriture && e.PersonId == file.PersonId && e.Reference == hold.Id && e.Detail!.StartsWith("levée du gel"))));
        Assert.DoesNotContain("Confirmer la levée du gel", await dpo.PageTextAsync(url));
        Assert.Contains("Gels levés (", await dpo.PageTextAsync("/conservation/gels"));
        // Lifting again changes nothing and says why.
        var token = await dpo.AntiforgeryTokenAsync("/conservation/gels");
        var again = await dpo.Client.PostAsync($"{url}?handler=Lift", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("déjà été levé", await again.TextAsync());
    }

    [Fact]
    public async Task The_hold_shows_on_the_file_to_the_assigned_worker_and_the_head_not_to_reception_and_ends_by_itself()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var dpo = await DpoAsync();
        var until = app.Today.AddDays(3);
        Assert.Equal(HttpStatusCode.Redirect, (await SetAsync(dpo, file.PersonId.ToString(), "Contentieux", Day(until))).StatusCode);
        var notice = $"Suppression des données gelée jusqu'au {until:dd/MM/yyyy} (contentieux)";
        var url = $"/personnes/{file.PersonId}";

        var ts = await StaffSession.LoginAsync(app, worker);
        Assert.Contains(notice, await ts.PageTextAsync(url));
        Assert.True(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AnyAsync(e =>
            e.Action == JournalAction.Lecture && e.PersonId == file.PersonId && e.AccountId == worker.Id && e.Detail!.Contains(nameof(FieldGroup.Conservation)))));
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        Assert.Contains(notice, await rc.PageTextAsync(url));
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var receptionPage = await reception.PageTextAsync(url);
        Assert.DoesNotContain("gelée", receptionPage);

        app.Clock!.Advance(TimeSpan.FromDays(4));
        ts = await StaffSession.LoginAsync(app, worker);
        Assert.DoesNotContain("gelée", await ts.PageTextAsync(url));
        dpo = await DpoAsync();
        var list = await dpo.PageTextAsync("/conservation/gels");
        var expired = list[list.IndexOf("Gels échus", StringComparison.Ordinal)..];
        Assert.Contains(file.PersonId.ToString(), expired[..expired.IndexOf("Gels levés", StringComparison.Ordinal)]);
    }

    [Theory]
    [InlineData(StaffRole.Accueil)]
    [InlineData(StaffRole.Secretariat)]
    [InlineData(StaffRole.TravailleurSocial)]
    [InlineData(StaffRole.ResponsableCirconscription)]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.AdminTechnique)]
    public async Task Only_the_dpo_reaches_the_holds(StaffRole role)
    {
        var file = await app.CreateCaseAsync(0);
        var dpo = await DpoAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SetAsync(dpo, file.PersonId.ToString(), "Contentieux", Day(app.Today.AddMonths(1)))).StatusCode);
        var hold = Assert.Single(await HoldsAsync(file.PersonId));
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
        foreach (var url in new[] { "/conservation/gels", "/conservation/gels/nouveau", $"/conservation/gels/{hold.Id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync(url)).StatusCode);
        var token = await session.AntiforgeryTokenAsync("/");
        var set = await session.Client.PostAsync("/conservation/gels/nouveau", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("Input.PersonReference", file.PersonId.ToString()), new("Input.Reason", "Contentieux"),
            new("Input.Until", Day(app.Today.AddMonths(2)))]));
        Assert.Equal(HttpStatusCode.NotFound, set.StatusCode);
        var lift = await session.Client.PostAsync($"/conservation/gels/{hold.Id}?handler=Lift", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.NotFound, lift.StatusCode);
        var after = Assert.Single(await HoldsAsync(file.PersonId));
        Assert.Null(after.LiftedOn);
    }
}
