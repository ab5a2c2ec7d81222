using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Discret.Web.Features.Connexion;

/// <summary>
/// ProConnect settings (<c>Discret:ProConnect</c>), off unless the authority and the client id are both set. The client
/// secret is read from a file readable by Discret's user only (<see cref="ClientSecretFile"/>, like the key-encryption
/// certificate), or given whole in <see cref="ClientSecret"/> (an environment variable from the service manager's credentials).
/// </summary>
public sealed class ProConnectSettings
{
    /// <summary>The issuer: ProConnect's <c>https://…/api/v2</c> (its discovery document is <c>{Authority}/.well-known/openid-configuration</c>).</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string ClientSecretFile { get; set; } = "";

    public bool Enabled => Authority.Length > 0 && ClientId.Length > 0;

    public static ProConnectSettings From(IConfiguration configuration) =>
        configuration.GetSection("Discret:ProConnect").Get<ProConnectSettings>() ?? new ProConnectSettings();

    /// <summary>The secret, from the file when one is named (refused when others may read it), else from the setting.</summary>
    public string ReadSecret(IHostEnvironment environment)
    {
        if (ClientSecretFile.Length == 0)
            return ClientSecret.Length > 0 ? ClientSecret
                : throw new InvalidOperationException("Discret__ProConnect__ClientSecretFile (or Discret__ProConnect__ClientSecret) is required when ProConnect is configured. See README, « ProConnect ».");
        var path = Path.GetFullPath(ClientSecretFile, environment.ContentRootPath);
        if (!File.Exists(path)) throw new InvalidOperationException($"The ProConnect client secret file does not exist: {path} (Discret__ProConnect__ClientSecretFile).");
        const UnixFileMode othersAndGroup = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                                            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & othersAndGroup) != 0)
            throw new InvalidOperationException($"The ProConnect client secret file {path} is open to its group or to other users: make it readable by Discret's user only (chmod 600).");
        var secret = File.ReadAllText(path).Trim();
        return secret.Length > 0 ? secret : throw new InvalidOperationException($"The ProConnect client secret file {path} is empty.");
    }
}

/// <summary>
/// Signing in with ProConnect, the State's OpenID Connect federation for public agents: the authorization code flow with
/// PKCE, state and nonce, the client authenticated by its secret at the token endpoint, the identity read from the
/// ID token and the userinfo endpoint (a signed JWT at ProConnect). Nothing is created from it: the identity opens only
/// an account the administrator linked and whose holder confirmed the binding with the account's own second factor
/// (<see cref="ProConnectReturnModel"/>).
/// </summary>
public static class ProConnect
{
    public const string Scheme = "ProConnect";
    /// <summary>Identity's external login provider name: the bound <c>sub</c> is the row (ProConnect, sub) of <c>AspNetUserLogins</c>.</summary>
    public const string LoginProvider = "ProConnect";
    public const string CallbackPath = "/connexion/proconnect/callback";
    public const string ReturnPath = "/connexion/proconnect/retour";
    /// <summary>Where a failure at the provider (cancelled, refused, state or nonce not matching) lands; the page says it in French.</summary>
    public const string FailurePath = "/connexion?proconnect=echec";

    /// <summary>
    /// The authentication context classes that mean two factors at ProConnect (its documentation: the eIDAS substantial and
    /// high levels, and ProConnect Identité's « -2fa » levels). <c>eidas1</c>, <c>…/self-asserted</c> and
    /// <c>…/consistency-checked</c> are one factor: Discret then asks its own second factor.
    /// </summary>
    public static readonly IReadOnlySet<string> TwoFactorAcr = new HashSet<string>(StringComparer.Ordinal)
    {
        "eidas2",
        "eidas3",
        "https://proconnect.gouv.fr/assurance/self-asserted-2fa",
        "https://proconnect.gouv.fr/assurance/consistency-checked-2fa",
    };

    public static bool IsTwoFactor(string? acr) => acr is not null && TwoFactorAcr.Contains(acr);

    /// <summary>The <c>claims</c> request: the acr values giving two factors, asked but not essential, so that an agent whose
    /// identity provider cannot give them still comes back (and passes Discret's own second factor); amr for the record.</summary>
    public static readonly string ClaimsRequest = System.Text.Json.JsonSerializer.Serialize(new
    {
        id_token = new { acr = new { essential = false, values = TwoFactorAcr.ToArray() }, amr = new { essential = false } },
    });

    public static void AddProConnect(this AuthenticationBuilder authentication, IConfiguration config, IHostEnvironment environment)
    {
        var settings = ProConnectSettings.From(config);
        if (!settings.Enabled) return;
        var authority = new Uri(settings.Authority.TrimEnd('/'));
        var secret = settings.ReadSecret(environment);
        authentication.AddOpenIdConnect(Scheme, "ProConnect", o =>
        {
            o.Authority = authority.ToString().TrimEnd('/');
            // HTTPS always, except a provider on this machine's loopback address (the test suite's local provider).
            o.RequireHttpsMetadata = !authority.IsLoopback;
            o.ClientId = settings.ClientId;
            o.ClientSecret = secret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.Scope.Clear();
            foreach (var scope in new[] { "openid", "email", "given_name", "usual_name" }) o.Scope.Add(scope);
            o.GetClaimsFromUserInfoEndpoint = true;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.DisableTelemetry = true;
            o.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
            o.CallbackPath = CallbackPath;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.TokenValidationParameters.NameClaimType = "sub";
            // The correlation and nonce cookies come back on a top-level redirect from the provider: Lax, Secure over HTTPS.
            o.CorrelationCookie.SameSite = o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnRedirectToIdentityProvider = context =>
            {
                context.ProtocolMessage.SetParameter("claims", ClaimsRequest);
                return Task.CompletedTask;
            };
            // The handler drops acr by default: Discret decides the second factor from it. (email comes from the userinfo JWT,
            // whose sub the handler checks equal to the ID token's.)
            o.ClaimActions.Remove("acr");
            o.Events.OnRemoteFailure = context =>
            {
                // Never the provider's message (it could carry anything): the page says it in French.
                context.HandleResponse();
                context.Response.Redirect(FailurePath);
                return Task.CompletedTask;
            };
            o.Events.OnAccessDenied = context =>
            {
                context.HandleResponse();
                context.Response.Redirect(FailurePath);
                return Task.CompletedTask;
            };
        });
        // The external cookie (one step, from the callback to the return page) arrives on the provider's redirect.
        authentication.Services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o =>
        {
            o.Cookie.Name = "discret.externe";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
    }

    public static string? Sub(ClaimsPrincipal principal) => principal.FindFirstValue("sub");
    public static string? Email(ClaimsPrincipal principal) => principal.FindFirstValue("email");
    public static string? Acr(ClaimsPrincipal principal) => principal.FindFirstValue("acr");

    /// <summary>The form of an e-mail an account is linked by: trimmed, lower case.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
