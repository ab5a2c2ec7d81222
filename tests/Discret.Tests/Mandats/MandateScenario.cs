using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Mandats;

/// <summary>What the mandate tests share: a worker with a file of her own, a mandate's body, its creation through the API.</summary>
public static class MandateScenario
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    public static DateOnly ParisToday(this DiscretFactory app) => ParisTime.Today(app.Clock ?? TimeProvider.System);

    public static object[] DefaultAuthorisations =>
    [
        new { domain = "Social", organisations = new[] { "Caf", "Cpam" } },
        new { domain = "Logement", organisations = new[] { "BailleurSocial" } },
    ];

    public static object Body(Guid followUpId, Guid[] mandataires, DateOnly today, object[]? authorisations = null, string[]? dataKinds = null,
        DateOnly? startsOn = null, bool oneDay = false, DateOnly? endsOn = null, string? protection = null, string? representativeName = null, Guid? renewsId = null) =>
        new
        {
            followUpId, mandataires, authorisations = authorisations ?? DefaultAuthorisations, dataKinds = dataKinds ?? ["EtatCivil", "Ressources"],
            startsOn = Day(startsOn ?? today), oneDay, endsOn = oneDay ? null : Day(endsOn ?? today.AddMonths(6)), protection, representativeName, renewsId,
        };

    public sealed record Worker(TestAccount Account, StaffSession Session, TestCase File);

    /// <summary>A social worker signed in, referent of a file of circonscription 0 (with <paramref name="team"/> as co-workers).</summary>
    public static async Task<Worker> WorkerAsync(this DiscretFactory app, TestAccount[]? team = null)
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var session = await StaffSession.LoginAsync(app, account);
        return new Worker(account, session, await app.CreateCaseAsync(0, account, team));
    }

    public static async Task<Guid> CreateMandateAsync(this Worker w, DiscretFactory app, object? body = null)
    {
        var response = await w.Session.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{w.File.PersonId}/mandats",
            body ?? Body(w.File.FollowUpId!.Value, [w.Account.Id], app.ParisToday()));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task SignAsync(this Worker w, DiscretFactory app, Guid mandateId, string signer = "LaPersonne")
    {
        var response = await w.Session.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{w.File.PersonId}/mandats/{mandateId}/signature",
            new { signedOn = Day(app.ParisToday()), signer });
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A document for a mandate made directly in the database (other tests' fixtures): the shape the pages read.</summary>
    public static string SampleDocument(Discret.Domain.Mandates.Mandate m) =>
        Discret.Web.Features.Mandats.MandateTemplate.Serialise(new Discret.Web.Features.Mandats.MandateDocument(Discret.Web.Features.Mandats.MandateTemplate.Version,
            "Département d'essai", "Circonscription d'essai", new("Essai", null, "Alex", new DateOnly(1980, 5, 17)), "Aucune mesure de protection", m.RepresentativeName,
            "La personne", ["Agent de test"], [.. m.Authorisations.Select(a => new Discret.Web.Features.Mandats.MandateDocumentAuthorisation(a.Domain, a.Domain.ToString(), "", ["CAF"]))],
            ["Ressources"], m.StartsOn, m.EndsOn, m.IsOneDay, Discret.Web.Features.Mandats.MandateTemplate.Commitments, m.StartsOn, "http://localhost/mandats/verifier"));

    public static Task<T> DbAsync<T>(this DiscretFactory app, Func<DiscretDbContext, Task<T>> read) =>
        app.WithAsync(sp => read(sp.GetRequiredService<DiscretDbContext>()));
}
