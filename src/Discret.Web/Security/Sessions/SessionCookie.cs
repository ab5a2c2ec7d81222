using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Discret.Web.Security.Sessions;

/// <summary>
/// Ties the session cookie (pages and API alike) to its <see cref="ServerSession"/>: a sign-in opens one and names it in
/// the cookie's encrypted ticket, each request is refused unless it is still open (then Identity's security-stamp check
/// runs as before), logout ends it. The idle timeout stays the cookie's sliding expiration.
/// </summary>
public static class SessionCookie
{
    /// <summary>Where the ticket names its session (the ticket's properties survive sliding renewal, the stamp check and RefreshSignIn).</summary>
    private const string TicketItem = ".discret.session";
    /// <summary>The session this request came with, once checked.</summary>
    private static readonly object RequestItem = new();

    public static IServiceCollection AddServerSessions(this IServiceCollection services)
    {
        services.AddScoped<ServerSessions>();
        services.AddHostedService<ServerSessionPurge>();
        // Registered after AddIdentityCookies: the events Identity set (the security-stamp check) are there to chain.
        services.ConfigureApplicationCookie(o =>
        {
            var checkStamp = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                if (await IsOpenAsync(context)) await checkStamp(context);
            };
            o.Events.OnSigningIn = SigningInAsync;
            o.Events.OnSigningOut = SigningOutAsync;
        });
        return services;
    }

    /// <summary>The request's open session (null when anonymous).</summary>
    public static ServerSession? Current(HttpContext http) => http.Items[RequestItem] as ServerSession;

    /// <summary>Seconds before the session ends if idle: the idle timeout, or less when the absolute end comes first.</summary>
    public static int SecondsLeft(HttpContext http, TimeSpan idleTimeout)
    {
        if (Current(http) is not { } session) return (int)idleTimeout.TotalSeconds;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var left = session.EndsAt - now;
        return (int)Math.Max(1, Math.Min(idleTimeout.TotalSeconds, left.TotalSeconds));
    }

    private static async Task<bool> IsOpenAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        ServerSession? session = null;
        if (context.Properties.Items.TryGetValue(TicketItem, out var named) && Guid.TryParse(named, out var id))
            session = await http.RequestServices.GetRequiredService<ServerSessions>().FindOpenAsync(id, context.Principal!.AccountId(), http.RequestAborted);
        if (session is null)
        {
            context.RejectPrincipal();
            await http.SignOutAsync(context.Scheme.Name); // the browser drops the cookie
            return false;
        }
        http.Items[RequestItem] = session;
        return true;
    }

    private static async Task SigningInAsync(CookieSigningInContext context)
    {
        var http = context.HttpContext;
        var current = Current(http);
        // RefreshSignIn re-issues the request's own ticket (its properties name the current session): a renewal.
        var renewal = current is not null && context.Properties.Items.TryGetValue(TicketItem, out var named) && named == current.Id.ToString("N");
        var session = await http.RequestServices.GetRequiredService<ServerSessions>().StartAsync(context.Principal!.AccountId(), current, keepEnd: renewal);
        context.Properties.Items[TicketItem] = session.Id.ToString("N");
        http.Items[RequestItem] = session;
    }

    private static async Task SigningOutAsync(CookieSigningOutContext context)
    {
        var http = context.HttpContext;
        if (Current(http) is not { } session) return;
        http.Items.Remove(RequestItem);
        await http.RequestServices.GetRequiredService<ServerSessions>().EndAsync(session.Id);
    }

    /// <summary><c>POST /session/prolonger</c> (the idle warning's « Rester connecté »): the request renews the sliding
    /// cookie; the answer says how long the session may now stay idle (less than the idle timeout near its absolute end).</summary>
    public static IResult Prolong(HttpContext http, Microsoft.Extensions.Options.IOptions<SecuritySettings> security) =>
        Results.Ok(new { secondes = SecondsLeft(http, security.Value.IdleTimeout) });
}
