using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Discret.Web.Security;

/// <summary>What is limited, each with its own counters and its own settings (<see cref="RateLimitSettings"/>).</summary>
public enum RateLimitKind
{
    /// <summary>Password step of the login; the account is the login typed, whether it names an account or not.</summary>
    Login,
    /// <summary>Second step: TOTP code and recovery code together; the account is the one whose password was right.</summary>
    SecondFactor,
    /// <summary>The activation link (opening it and posting the password); the « account » is the link's token.</summary>
    Activation,
    /// <summary>The guard's analysis as the worker types (<c>garde/analyse</c>).</summary>
    Guard,
    /// <summary>Every search of persons by name, and the duplicate check of a creation.</summary>
    Search,
    /// <summary>The search of a break-glass access, stricter.</summary>
    BreakGlassSearch,
    /// <summary>Changing one's password (its current password is checked); the account is the signed-in one.</summary>
    PasswordChange,
    /// <summary>The calendar feed's anonymous address (<c>/agenda/ical/{secret}</c>): the « account » is the secret's hash, so a
    /// calendar application polls freely while guessing secrets from one address is cut short.</summary>
    CalendarFeed,
}

/// <summary>Requests allowed per window, per account and per client address; 0 means no limit on that side.</summary>
public sealed class RateLimit
{
    public int PerAccount { get; set; }
    public int PerAddress { get; set; }
    public TimeSpan Window { get; set; }
}

/// <summary>
/// <c>Discret:RateLimits:&lt;Kind&gt;:PerAccount | PerAddress | Window</c>. The address is the client's as the trusted
/// reverse proxy forwards it: when all staff reach Discret through one outgoing proxy, raise <c>PerAddress</c>.
/// </summary>
public sealed class RateLimitSettings
{
    public RateLimit Login { get; set; } = new() { PerAccount = 10, PerAddress = 100, Window = TimeSpan.FromMinutes(15) };
    public RateLimit SecondFactor { get; set; } = new() { PerAccount = 10, PerAddress = 100, Window = TimeSpan.FromMinutes(15) };
    public RateLimit Activation { get; set; } = new() { PerAccount = 10, PerAddress = 30, Window = TimeSpan.FromMinutes(15) };
    public RateLimit Guard { get; set; } = new() { PerAccount = 120, PerAddress = 2000, Window = TimeSpan.FromMinutes(1) };
    public RateLimit Search { get; set; } = new() { PerAccount = 60, PerAddress = 600, Window = TimeSpan.FromMinutes(15) };
    public RateLimit BreakGlassSearch { get; set; } = new() { PerAccount = 10, PerAddress = 100, Window = TimeSpan.FromMinutes(15) };
    public RateLimit PasswordChange { get; set; } = new() { PerAccount = 5, PerAddress = 100, Window = TimeSpan.FromMinutes(15) };
    public RateLimit CalendarFeed { get; set; } = new() { PerAccount = 30, PerAddress = 300, Window = TimeSpan.FromMinutes(15) };

    public RateLimit For(RateLimitKind kind) => kind switch
    {
        RateLimitKind.Login => Login,
        RateLimitKind.SecondFactor => SecondFactor,
        RateLimitKind.Activation => Activation,
        RateLimitKind.Guard => Guard,
        RateLimitKind.Search => Search,
        RateLimitKind.BreakGlassSearch => BreakGlassSearch,
        RateLimitKind.PasswordChange => PasswordChange,
        RateLimitKind.CalendarFeed => CalendarFeed,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>Endpoint metadata: requests to this page or endpoint count against the limits of <see cref="Kind"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RateLimitedAttribute(RateLimitKind kind, bool countsReads = false) : Attribute
{
    public RateLimitKind Kind { get; } = kind;
    /// <summary>GET counts too (the activation link answers whether its token is valid); otherwise only what a form or the API posts.</summary>
    public bool CountsReads { get; } = countsReads;

    public bool Counts(HttpRequest request) => CountsReads || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
}

/// <summary>
/// Rate limits (ASP.NET Core's rate limiter), per account and per client address, counted in memory by each instance: the
/// pages listed in <see cref="LimitPages"/> and the endpoints marked <see cref="RateLimited{TBuilder}"/>. Past a limit,
/// pages answer the French 429 page (« Trop de tentatives… réessayez dans N minutes ») and the API a problem
/// « Trop de requêtes », both with Retry-After.
/// </summary>
public static partial class RateLimits
{
    private static readonly object RuleItem = new(), AccountItem = new(), RetryItem = new();

    public static IServiceCollection AddDiscretRateLimits(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<RateLimitSettings>(config.GetSection("Discret:RateLimits"));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>>((o, settings) =>
        {
            // Both sides must allow the request: the client address first, then the account.
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, settings.Value, byAccount: false)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, settings.Value, byAccount: true)));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>The pages limited, in one list (their endpoints are marked with <see cref="RateLimitedAttribute"/>).</summary>
    public static void LimitPages(PageConventionCollection pages)
    {
        void Limit(string page, RateLimitKind kind, bool countsReads = false) =>
            pages.AddPageApplicationModelConvention(page, m => m.EndpointMetadata.Add(new RateLimitedAttribute(kind, countsReads)));
        Limit("/Connexion/Login", RateLimitKind.Login);
        Limit("/Connexion/SecondFactor", RateLimitKind.SecondFactor);
        Limit("/Connexion/RecoveryCode", RateLimitKind.SecondFactor);
        Limit("/Connexion/Activation", RateLimitKind.Activation, countsReads: true);
        Limit("/Personnes/Search", RateLimitKind.Search);
        Limit("/Personnes/Create", RateLimitKind.Search);
        Limit("/Conservation/Archives", RateLimitKind.Search);
        Limit("/AccesExceptionnel/Index", RateLimitKind.BreakGlassSearch);
        Limit("/Compte/ChangePassword", RateLimitKind.PasswordChange);
        Limit("/Mandats/Verify", RateLimitKind.Search, countsReads: true); // a lookup by code, like a search
    }

    /// <summary>Marks an endpoint of the API as limited by <paramref name="kind"/>.</summary>
    public static TBuilder RateLimited<TBuilder>(this TBuilder builder, RateLimitKind kind, bool countsReads = false) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitedAttribute(kind, countsReads));

    /// <summary>After authentication and routing: finds who the request counts for (which may need the posted form or
    /// the second-factor cookie, so asynchronously), then lets the rate limiter decide.</summary>
    public static IApplicationBuilder UseDiscretRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>() is { } rule && rule.Counts(http.Request))
            {
                http.Items[RuleItem] = rule;
                http.Items[AccountItem] = await AccountAsync(http, rule.Kind);
            }
            else
            {
                // Also when the error page is re-executed for a refused request: it is not counted (nor refused) again.
                http.Items.Remove(RuleItem);
            }
            await next(http);
        });
        return app.UseRateLimiter();
    }

    /// <summary>The French sentence of the 429 page (<c>/statut/429</c>), with the wait of the refused request.</summary>
    public static string Explanation(HttpContext http) =>
        $"Trop de tentatives en peu de temps : par sécurité, réessayez dans {Minutes(http.Items[RetryItem] as int? ?? 1)}.";

    private static string Minutes(int minutes) => minutes == 1 ? "1 minute" : $"{minutes} minutes";

    private static async Task<string?> AccountAsync(HttpContext http, RateLimitKind kind)
    {
        switch (kind)
        {
            case RateLimitKind.Login:
                if (!http.Request.HasFormContentType) return null;
                var form = await http.Request.ReadFormAsync(http.RequestAborted); // read once; the page binds the same form
                return form["Input.Login"].ToString().Trim().ToLowerInvariant() is { Length: > 0 } login ? login : null;
            case RateLimitKind.SecondFactor:
                var pending = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
                return pending.Principal?.FindFirst(System.Security.Claims.ClaimTypes.Name)?.Value;
            case RateLimitKind.Activation:
                string? token = http.Request.Query["jeton"];
                if (string.IsNullOrEmpty(token) && http.Request.HasFormContentType) token = (await http.Request.ReadFormAsync(http.RequestAborted))["jeton"];
                return string.IsNullOrEmpty(token) ? null : Domain.Accounts.StaffAccount.HashToken(token[..Math.Min(token.Length, 64)]); // never the token itself
            case RateLimitKind.CalendarFeed:
                return http.GetRouteValue("secret") is string { Length: > 0 } secret
                    ? Domain.Accounts.StaffAccount.HashToken(secret[..Math.Min(secret.Length, 64)]) // never the secret itself
                    : null;
            default:
                return http.User.Identity?.IsAuthenticated == true ? http.User.AccountId().ToString("N") : null;
        }
    }

    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitSettings settings, bool byAccount)
    {
        if (http.Items[RuleItem] is not RateLimitedAttribute rule) return RateLimitPartition.GetNoLimiter("");
        var limit = settings.For(rule.Kind);
        var permits = byAccount ? limit.PerAccount : limit.PerAddress;
        var key = byAccount ? http.Items[AccountItem] as string : http.Connection.RemoteIpAddress?.ToString();
        if (permits <= 0 || key is null) return RateLimitPartition.GetNoLimiter("");
        return RateLimitPartition.GetFixedWindowLimiter($"{rule.Kind}|{(byAccount ? "account" : "address")}|{key}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var rule = (RateLimitedAttribute)http.Items[RuleItem]!;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter
            : http.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value.For(rule.Kind).Window;
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        LogRejected(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Discret.RateLimits"), rule.Kind);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Trop de requêtes",
                detail: $"Trop de requêtes en peu de temps : par sécurité, réessayez dans {Minutes(minutes)}.").ExecuteAsync(http);
            return;
        }
        http.Items[RetryItem] = minutes; // the status page (/statut/429, re-executed) says how long to wait
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit reached: {Kind}")]
    private static partial void LogRejected(ILogger logger, RateLimitKind kind);
}
