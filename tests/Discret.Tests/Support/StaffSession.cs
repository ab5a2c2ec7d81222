using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Discret.Web.Demo;
using Discret.Domain.Accounts;
using OtpNet;

namespace Discret.Tests.Support;

/// <summary>An HTTP client that logs in through the real pages (password, then TOTP code) and posts forms with their antiforgery token.</summary>
public sealed partial class StaffSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    /// <summary>Signs in (again, if need be: the account's last accepted TOTP step is forgotten first).</summary>
    public static async Task<StaffSession> LoginAsync(DiscretFactory app, TestAccount account)
    {
        await app.ForgetTotpStepAsync(account.Login);
        return await LoginAsync(app.Anonymous(), account, app.Clock?.GetUtcNow().UtcDateTime);
    }

    /// <summary>Signs in through a client of any application on the same database (e.g. one built with <c>WithWebHostBuilder</c>).</summary>
    /// <remarks>The TOTP code is the one of <paramref name="at"/> (the application's clock, when a test moves it), now by default.</remarks>
    public static async Task<StaffSession> LoginAsync(HttpClient anonymous, TestAccount account, DateTime? at = null)
    {
        var session = new StaffSession(anonymous);
        var afterPassword = await session.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        if (afterPassword.Headers.Location?.OriginalString == "/connexion/code")
        {
            var afterCode = await session.PostFormAsync("/connexion/code", new() { ["Input.Code"] = account.CodeAt(at ?? DateTime.UtcNow) });
            Assert.Equal(HttpStatusCode.Redirect, afterCode.StatusCode);
            Assert.Equal("/", afterCode.Headers.Location?.OriginalString);
        }
        return session;
    }

    /// <summary>The demo account of a role (password and fixed TOTP secret from the README).</summary>
    public static Task<StaffSession> LoginAsDemoAsync(DiscretFactory app, StaffRole role)
    {
        var demo = DemoAccounts.For(role);
        return LoginAsync(app, new TestAccount(Guid.Empty, demo.Login, DemoAccounts.Password, DemoAccounts.TotpSecret, role));
    }

    public async Task<string> AntiforgeryTokenAsync(string pageUrl)
    {
        var html = await Client.GetStringAsync(pageUrl);
        var match = TokenInput().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {pageUrl}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Posts a form the way a browser does: first GET the page for its antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? pageUrl = null)
    {
        var token = await AntiforgeryTokenAsync(pageUrl ?? url);
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await Client.PostAsync(url, content);
    }

    /// <summary>Same, with repeated names (checkboxes) allowed.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? pageUrl = null)
    {
        var token = await AntiforgeryTokenAsync(pageUrl ?? url);
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await Client.PostAsync(url, content);
    }

    public async Task<string> ApiTokenAsync()
    {
        var json = await Client.GetFromJsonAsync<JsonElement>("/api/v1/jeton-csrf");
        return json.GetProperty("token").GetString()!;
    }

    public async Task<HttpResponseMessage> ApiSendAsync(HttpMethod method, string url, object? body = null, bool withToken = true)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is string raw) request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        if (withToken) request.Headers.Add("X-CSRF-TOKEN", await ApiTokenAsync());
        return await Client.SendAsync(request);
    }

    public static string CodeFor(string secret) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp();
}
