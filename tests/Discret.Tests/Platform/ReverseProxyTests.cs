using System.Net;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace Discret.Tests.Platform;

/// <summary>
/// Two instances of Discret behind a reverse proxy (issue 20 §1), as in production: two Kestrel servers on one
/// database and a YARP proxy in front sending requests to each in turn. A worker signs in and works through the proxy
/// although each of her requests may reach the other instance: the login's steps, the forms' antiforgery tokens, the
/// session (data-protection keys and server sessions in the database) and its end all hold across instances.
/// </summary>
public class ReverseProxyTests
{
    /// <summary>Names the instance that answered, so that the test sees both at work.</summary>
    private sealed class InstanceHeader(string name) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Response.Headers["X-Instance"] = name;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static (WebApplicationFactory<Program> App, string Address) Start(DiscretFactory database, string name)
    {
        var app = database.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter>(_ => new InstanceHeader(name))));
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, address);
    }

    private static async Task<WebApplication> ProxyAsync(params string[] destinations)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddReverseProxy().LoadFromMemory(
            [new RouteConfig { RouteId = "discret", ClusterId = "instances", Match = new RouteMatch { Path = "{**rest}" } }],
            [new ClusterConfig
            {
                ClusterId = "instances", LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
                Destinations = destinations.Select((d, i) => (d, i)).ToDictionary(x => $"instance-{x.i}", x => new DestinationConfig { Address = x.d }),
            }]);
        var proxy = builder.Build();
        proxy.MapReverseProxy();
        await proxy.StartAsync();
        return proxy;
    }

    [Fact]
    public async Task A_worker_works_through_the_proxy_while_her_requests_go_to_both_instances_in_turn()
    {
        await using var database = new DiscretFactory();
        var account = await database.CreateAccountAsync(StaffRole.Accueil);
        var (a, addressA) = Start(database, "a");
        var (b, addressB) = Start(database, "b");
        await using var proxy = await ProxyAsync(addressA, addressB);
        try
        {
            var cookies = new CookieContainer();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
                { BaseAddress = new Uri(proxy.Urls.First()) };

            // The login's four requests (form, password, code form, code) alternate between the instances.
            var session = await StaffSession.LoginAsync(client, account);

            var answered = new HashSet<string>();
            for (var i = 0; i < 4; i++)
            {
                var page = await client.GetAsync("/personnes");
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                answered.Add(page.Headers.GetValues("X-Instance").Single());
            }
            Assert.Equal(["a", "b"], answered.Order());

            // A form shown by one instance, posted to the other: the logout, which ends the session on the server — the
            // cookie kept from before it is refused by both instances.
            var kept = cookies.GetCookieHeader(client.BaseAddress!);
            var logout = await session.PostFormAsync("/deconnexion", [], pageUrl: "/");
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
            using var replay = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = client.BaseAddress };
            var refusedBy = new HashSet<string>();
            for (var i = 0; i < 2; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/personnes");
                request.Headers.Add("Cookie", kept);
                var after = await replay.SendAsync(request);
                Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
                Assert.Contains("/connexion", after.Headers.Location!.OriginalString);
                refusedBy.Add(after.Headers.GetValues("X-Instance").Single());
            }
            Assert.Equal(["a", "b"], refusedBy.Order());
        }
        finally
        {
            await proxy.StopAsync();
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }
}
