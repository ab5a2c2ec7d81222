using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Discret.Tests.Support;

/// <summary>
/// A minimal OpenID provider shaped like ProConnect, on a loopback port, for the tests: discovery, JWKS (RS256), an
/// authorization endpoint that « authenticates » whoever the test scripted (<see cref="NextIdentity"/>), a token endpoint and a
/// userinfo endpoint answering a signed JWT (<c>application/jwt</c>, as ProConnect does). It checks what a provider must
/// check of Discret: the client id and secret, the registered redirect URI, response_type=code, PKCE (S256, the verifier
/// against the challenge), state and nonce present, a code used once. Hand-rolled rather than an OpenIddict server: that
/// needs its own store and handlers to let each test choose the identity and the acr, where these 200 lines do exactly
/// ProConnect's shape (userinfo as a JWT, the acr values, the claims request) and nothing else.
/// </summary>
public sealed class LocalOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "discret-tests";
    public const string ClientSecret = "secret-de-test-du-fournisseur-local";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "cle-de-test" };
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentDictionary<string, Identity> _accessTokens = new();

    public sealed record Identity(string Sub, string? Email, string Acr);
    private sealed record Grant(Identity Identity, string RedirectUri, string CodeChallenge, string Nonce, DateTime ExpiresAt);

    /// <summary>Who the next authorization request signs in (null: the agent cancels at the provider).</summary>
    public Identity? NextIdentity { get; set; }
    /// <summary>The redirect URI the client registered.</summary>
    public string RedirectUri { get; set; } = "http://localhost/connexion/proconnect/callback";
    public string Issuer { get; }
    /// <summary>What the provider saw of the last authorization request (to check PKCE and the claims request were sent).</summary>
    public IReadOnlyDictionary<string, string> LastAuthorization { get; private set; } = new Dictionary<string, string>();
    /// <summary>Token requests refused (wrong secret, wrong verifier, code replayed…): a test asserts none when all should pass.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public LocalOpenIdProvider()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/api/v2/.well-known/openid-configuration", Discovery);
        _app.MapGet("/api/v2/jwks", () => Results.Json(new { keys = new[] { Jwk() } }));
        _app.MapGet("/api/v2/authorize", Authorize);
        _app.MapPost("/api/v2/token", TokenAsync);
        _app.MapGet("/api/v2/userinfo", UserInfo);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Issuer = address.TrimEnd('/') + "/api/v2";
    }

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["userinfo_endpoint"] = Issuer + "/userinfo",
        ["end_session_endpoint"] = Issuer + "/session/end",
        ["jwks_uri"] = Issuer + "/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["userinfo_signing_alg_values_supported"] = new[] { "RS256" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        ["acr_values_supported"] = new[] { "eidas1", "eidas2", "eidas3", "https://proconnect.gouv.fr/assurance/self-asserted-2fa", "https://proconnect.gouv.fr/assurance/consistency-checked-2fa" },
        ["claims_parameter_supported"] = true,
        ["scopes_supported"] = new[] { "openid", "email", "given_name", "usual_name" },
    });

    private object Jwk()
    {
        var p = _key.Rsa.ExportParameters(false);
        return new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) };
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query.ToDictionary(k => k.Key, k => k.Value.ToString());
        LastAuthorization = q;
        string Get(string name) => q.TryGetValue(name, out var v) ? v : "";
        if (Get("client_id") != ClientId || Get("redirect_uri") != RedirectUri) return Results.BadRequest("client_id ou redirect_uri inconnu");
        var redirect = Get("redirect_uri");
        string Back(string query) => redirect + "?" + query + "&state=" + Uri.EscapeDataString(Get("state"));
        if (Get("response_type") != "code" || !Get("scope").Split(' ').Contains("openid")) return Results.Redirect(Back("error=invalid_request"));
        if (Get("code_challenge_method") != "S256" || Get("code_challenge").Length < 43) return Results.Redirect(Back("error=invalid_request"));
        if (Get("state").Length < 32 || Get("nonce").Length < 32) return Results.Redirect(Back("error=invalid_request"));
        if (NextIdentity is not { } identity) return Results.Redirect(Back("error=access_denied"));
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new Grant(identity, redirect, Get("code_challenge"), Get("nonce"), DateTime.UtcNow.AddSeconds(30));
        return Results.Redirect(Back("code=" + code));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        string Get(string name) => form[name].ToString();
        var (clientId, secret) = (Get("client_id"), Get("client_secret"));
        if (request.Headers.Authorization.ToString() is { } basic && basic.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(basic[6..])).Split(':', 2);
            (clientId, secret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }
        IResult Refuse(string why)
        {
            Refusals.Enqueue(why);
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }
        if (clientId != ClientId || secret != ClientSecret) return Refuse("client");
        if (Get("grant_type") != "authorization_code") return Refuse("grant_type");
        if (!_codes.TryRemove(Get("code"), out var grant) || grant.ExpiresAt < DateTime.UtcNow) return Refuse("code");
        if (Get("redirect_uri") != grant.RedirectUri) return Refuse("redirect_uri");
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Get("code_verifier"))));
        if (challenge != grant.CodeChallenge) return Refuse("pkce");
        var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _accessTokens[accessToken] = grant.Identity;
        var now = DateTime.UtcNow;
        var idToken = Sign(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = ClientId, ["sub"] = grant.Identity.Sub, ["nonce"] = grant.Nonce, ["acr"] = grant.Identity.Acr,
            ["amr"] = ProConnectAmr(grant.Identity.Acr), ["auth_time"] = new DateTimeOffset(now).ToUnixTimeSeconds(),
            ["idp_id"] = "fi-de-test",
        }, now);
        return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 60, id_token = idToken });
    }

    private IResult UserInfo(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(header[7..], out var identity))
            return Results.Json(new { error = "invalid_token" }, statusCode: 401);
        var claims = new Dictionary<string, object> { ["iss"] = Issuer, ["aud"] = ClientId, ["sub"] = identity.Sub, ["given_name"] = "Agent", ["usual_name"] = "Public" };
        if (identity.Email is not null) claims["email"] = identity.Email;
        return Results.Text(Sign(claims, DateTime.UtcNow), "application/jwt");
    }

    private static string[] ProConnectAmr(string acr) => acr.EndsWith("2fa", StringComparison.Ordinal) || acr is "eidas2" or "eidas3" ? ["pwd", "totp", "mfa"] : ["pwd"];

    private string Sign(Dictionary<string, object> claims, DateTime now) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Claims = claims, IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(1),
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
