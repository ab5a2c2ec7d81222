using System.Net;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Discret.Web.Features.Connexion;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Discret.Tests.Security;

/// <summary>
/// The second factor from the outside (issue 15 §3): a TOTP code opens one session only, within one 30-second step either
/// side; recovery codes count as failures like wrong codes, and a locked account stays locked to them.
/// </summary>
[Collection(SecretsCollection.Name)]
public class SecondFactorTests(SecretsApp app)
{
    /// <summary>The code of the application's (still) clock, <paramref name="steps"/> steps of 30 s away.</summary>
    private string Code(TestAccount account, int steps = 0) => account.CodeAt(app.Clock!.GetUtcNow().UtcDateTime.AddSeconds(30 * steps));

    [Fact]
    public async Task A_totp_code_that_opened_a_session_is_refused_when_replayed()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var code = Code(account);
        Assert.Equal("/", await SecondStepAsync(account, code));
        // The same code, seen over a shoulder or replayed by a proxy, a few seconds later.
        Assert.Equal("refusé", await SecondStepAsync(account, code));
    }

    [Fact]
    public async Task A_code_of_an_earlier_step_than_the_last_accepted_one_is_refused()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        Assert.Equal("/", await SecondStepAsync(account, Code(account)));
        Assert.Equal("refusé", await SecondStepAsync(account, Code(account, -1)));
    }

    [Fact]
    public async Task A_code_of_the_previous_step_is_accepted_but_not_one_two_steps_away()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        Assert.Equal("refusé", await SecondStepAsync(account, Code(account, -2)));
        Assert.Equal("refusé", await SecondStepAsync(account, Code(account, +2)));
        Assert.Equal("/", await SecondStepAsync(account, Code(account, -1)));
    }

    [Fact]
    public async Task Two_requests_racing_with_one_code_open_one_session()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var sessions = await Task.WhenAll(PasswordStepAsync(account), PasswordStepAsync(account));
        var tokens = await Task.WhenAll(sessions.Select(s => s.AntiforgeryTokenAsync("/connexion/code")));
        var code = Code(account);
        var answers = await Task.WhenAll(sessions.Select((s, i) => s.Client.PostAsync("/connexion/code", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Input.Code"] = code, ["__RequestVerificationToken"] = tokens[i] }))));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect && a.Headers.Location?.OriginalString == "/");
    }

    [Fact]
    public async Task Wrong_recovery_codes_count_as_failures_and_lock_the_account()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        await RecoveryCodesAsync(account);
        var session = await PasswordStepAsync(account);
        for (var i = 1; i <= 4; i++)
        {
            var response = await session.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = $"ABCDE-{i:D5}" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(i, (await AccountAsync(account)).AccessFailedCount);
        }
        await session.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = "ABCDE-00005" });
        var locked = await AccountAsync(account);
        Assert.True(locked.LockoutEnd > DateTimeOffset.UtcNow, "five wrong recovery codes lock the account like five wrong TOTP codes");
        // Locked: even the right TOTP code no longer opens it.
        var code = await session.PostFormAsync("/connexion/code", new() { ["Input.Code"] = Code(account) });
        Assert.Equal(HttpStatusCode.OK, code.StatusCode);
        Assert.Contains("verrouillé", WebUtility.HtmlDecode(await code.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_recovery_code_does_not_open_an_account_locked_by_wrong_totp_codes()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var codes = await RecoveryCodesAsync(account);
        var session = await PasswordStepAsync(account);
        var wrong = Code(account) == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
            await session.PostFormAsync("/connexion/code", new() { ["Input.Code"] = wrong });
        Assert.True((await AccountAsync(account)).LockoutEnd > DateTimeOffset.UtcNow);

        var response = await session.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("verrouillé", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/")).StatusCode);
        // The code was not spent on a refused attempt.
        Assert.Equal(codes.Count, await app.WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffAccount>>();
            return await users.CountRecoveryCodesAsync((await users.FindByIdAsync(account.Id.ToString()))!);
        }));
    }

    [Fact]
    public async Task A_recovery_code_opens_a_session_once_and_resets_the_failure_count()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var codes = await RecoveryCodesAsync(account);
        var session = await PasswordStepAsync(account);
        await session.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = "ABCDE-FGHJK" });
        var opened = await session.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = codes[1].ToLowerInvariant() });
        Assert.Equal("/", opened.Headers.Location?.OriginalString);
        Assert.Equal(0, (await AccountAsync(account)).AccessFailedCount);

        var again = await PasswordStepAsync(account);
        var refused = await again.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = codes[1] });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task The_enrolment_code_cannot_be_replayed_at_the_second_factor()
    {
        var account = await app.CreateAccountAsync(StaffRole.Secretariat, enrolled: false);
        // The account's first sign-in: password only, then enrolment with a fresh key.
        var session = new StaffSession(app.Anonymous());
        var signedIn = await session.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var page = WebUtility.HtmlDecode(await session.Client.GetStringAsync("/compte/double-authentification"));
        var key = System.Text.RegularExpressions.Regex.Match(page, "id=\"secret-key\">([A-Z2-7 ]+)<").Groups[1].Value.Replace(" ", "");
        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(app.Clock!.GetUtcNow().UtcDateTime);
        var enrolled = await session.PostFormAsync("/compte/double-authentification", new() { ["Input.Code"] = code });
        Assert.Equal("/compte/codes-de-secours", enrolled.Headers.Location?.OriginalString);

        Assert.Equal("refusé", await SecondStepAsync(account with { TotpSecret = key }, code));
    }

    /// <summary>Password, then the given code: "/" when a session opened, "refusé" when the code page answered again.</summary>
    private async Task<string> SecondStepAsync(TestAccount account, string code)
    {
        var session = await PasswordStepAsync(account);
        var response = await session.PostFormAsync("/connexion/code", new() { ["Input.Code"] = code });
        if (response.StatusCode == HttpStatusCode.Redirect) return response.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(SecondFactorModel.WrongCode), await response.Content.ReadAsStringAsync());
        return "refusé";
    }

    private async Task<StaffSession> PasswordStepAsync(TestAccount account)
    {
        var session = new StaffSession(app.Anonymous());
        var response = await session.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        Assert.Equal("/connexion/code", response.Headers.Location?.OriginalString);
        return session;
    }

    private Task<List<string>> RecoveryCodesAsync(TestAccount account) => app.WithAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<StaffAccount>>();
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(account.Id.ToString()))!, 10))!.ToList();
    });

    private Task<StaffAccount> AccountAsync(TestAccount account) => app.WithAsync(sp => AccountAsync(sp, account));

    private static async Task<StaffAccount> AccountAsync(IServiceProvider sp, TestAccount account) =>
        await sp.GetRequiredService<Discret.Data.DiscretDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == account.Id);
}

/// <summary>The second factor and the secrets at rest: accounts of their own, one application.</summary>
[CollectionDefinition(Name)]
public sealed class SecretsCollection : ICollectionFixture<SecretsApp>
{
    public const string Name = "Secrets";
}

/// <summary>An application whose clock stands still unless a test moves it: TOTP codes of a given step, no step boundary passing mid-test.</summary>
public sealed class SecretsApp : DiscretFactory
{
    public SecretsApp() => Clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
}
