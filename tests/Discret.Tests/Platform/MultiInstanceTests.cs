using System.Net;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Platform;

/// <summary>
/// Two instances of Discret on one database (issue 20 §1): a second application built with <c>WithWebHostBuilder</c>
/// has its own container, caches and key ring in memory, as a second process would. What a worker does on one instance
/// holds on the other: the session cookie (data-protection keys shared through the database), the server session, the
/// antiforgery token of a form, and the end of the session at logout.
/// </summary>
[Collection(InstallationCollection.Name)]
public class MultiInstanceTests(DiscretFactory app)
{
    [Fact]
    public async Task A_worker_signed_in_on_one_instance_goes_on_on_the_other_and_a_logout_there_ends_the_session_everywhere()
    {
        await using var other = app.WithWebHostBuilder(_ => { });
        var cookies = new CookieContainer();
        var onA = app.CreateDefaultClient(new CookieContainerHandler(cookies));
        var onB = other.CreateDefaultClient(new CookieContainerHandler(cookies));

        var account = await app.CreateAccountAsync(StaffRole.Accueil);
        await app.ForgetTotpStepAsync(account.Login);
        var a = await StaffSession.LoginAsync(onA, account);

        // The session opened on A is valid on B.
        var home = await onB.GetAsync("/personnes");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        // A form shown by A is accepted by B (antiforgery keys shared): here, the logout.
        var token = await a.AntiforgeryTokenAsync("/");
        var cookieHeader = cookies.GetCookieHeader(new Uri("http://localhost/"));
        var logout = await onB.PostAsync("/deconnexion", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.DoesNotContain("/statut", logout.Headers.Location!.OriginalString);

        // The session ended on the server: A refuses the cookie kept from before the logout.
        var replay = new HttpRequestMessage(HttpMethod.Get, "/personnes");
        replay.Headers.Add("Cookie", cookieHeader);
        var afterLogout = await app.CreateDefaultClient().SendAsync(replay);
        Assert.Equal(HttpStatusCode.Redirect, afterLogout.StatusCode);
        Assert.Contains("/connexion", afterLogout.Headers.Location!.OriginalString);
    }
}
