// Login timing: does a failed login take the same time whether the login names an account or not?
//
// Starts Discret on a real Kestrel port (demo mode, a temporary SQLite database, or PostgreSQL with
// DISCRET_TEST_DB=postgres and DISCRET_TEST_PG), creates the accounts it needs directly in the database (each with
// the hash of the same password, made once by the application's hasher), then times, over HTTP, failed login attempts
// taken in turn from three groups — a known account with a wrong password, a login that names no account, a locked
// account with its right password — each typed login used once, so that neither the lockout nor the progressive delay
// of repeated failures changes the picture. Prints median, p90, p99 per group, twice: with the production failure
// delay (250 ms, measured from the start of the request) and without it (1 ms), which shows the raw work of each path.
//
//   dotnet run -c Release --project bench/Discret.Bench.Login -- [--attempts 200] [--results bench/results]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Discret.Data;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

string? Opt(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
var attempts = int.Parse(Opt("--attempts") ?? "200", CultureInfo.InvariantCulture);
var resultsDir = Opt("--results");

var report = new StringBuilder();
report.AppendLine($"# Login timing — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {(Server.OnPostgres ? "PostgreSQL" : "SQLite")}");
report.AppendLine();
report.AppendLine($"{attempts} failed attempts per group, each typed login used once, groups taken in turn; time of the POST /connexion as the client sees it.");
foreach (var (label, delayBase) in new[] { ("production failure delay (250 ms base)", (string?)null), ("no failure delay (1 ms): the raw work", "00:00:00.001") })
{
    Console.Error.WriteLine($"starting Discret ({label})…");
    await using var server = new Server(delayBase);
    Console.Error.WriteLine($"measuring at {server.BaseUrl}…");
    var result = await Measure(server, attempts);
    report.AppendLine();
    report.AppendLine($"## {label}");
    report.AppendLine();
    report.AppendLine("| group | n | median ms | p90 ms | p99 ms | mean ms | min ms | max ms |");
    report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var (group, times) in result)
    {
        var sorted = times.OrderBy(t => t).ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {group} | {sorted.Length} | {P(0.5):F1} | {P(0.9):F1} | {P(0.99):F1} | {sorted.Average():F1} | {sorted[0]:F1} | {sorted[^1]:F1} |"));
    }
}
Console.WriteLine(report);
if (resultsDir is not null)
{
    Directory.CreateDirectory(resultsDir);
    var file = Path.Combine(resultsDir, $"{DateTime.UtcNow:yyyy-MM-dd}-login-timing.md");
    await File.WriteAllTextAsync(file, report.ToString());
    Console.WriteLine($"written to {file}");
}
return 0;

static async Task<List<(string Group, List<double> Times)>> Measure(Server server, int attempts)
{
    const string password = "Bench-Lagune-Quartz7-Halo";
    var known = await server.CreateAccountsAsync("k", attempts + 10, password, locked: false);
    var locked = await server.CreateAccountsAsync("l", attempts + 10, password, locked: true);
    var unknown = Enumerable.Range(0, attempts + 10).Select(i => $"inconnu{i}.{Guid.NewGuid().ToString("N")[..8]}").ToList();

    using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(server.BaseUrl) };
    var form = await client.GetStringAsync("/connexion");
    var token = WebUtility.HtmlDecode(Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);

    async Task<double> Attempt(string login, string typed)
    {
        var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = login, ["Input.Password"] = typed, ["__RequestVerificationToken"] = token,
        });
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync("/connexion", content);
        await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Expected the form back, got {(int)response.StatusCode}.");
        return watch.Elapsed.TotalMilliseconds;
    }

    // Warm-up (JIT, connection pools): the 10 extra logins of each group, not counted.
    for (var i = attempts; i < attempts + 10; i++)
    {
        await Attempt(known[i], "Pas-le-bon-mot-2026");
        await Attempt(unknown[i], "Pas-le-bon-mot-2026");
        await Attempt(locked[i], password);
    }
    var times = new List<(string, List<double>)> { ("known account, wrong password", []), ("unknown login", []), ("locked account, right password", []) };
    for (var i = 0; i < attempts; i++)
    {
        times[0].Item2.Add(await Attempt(known[i], "Pas-le-bon-mot-2026"));
        times[1].Item2.Add(await Attempt(unknown[i], "Pas-le-bon-mot-2026"));
        times[2].Item2.Add(await Attempt(locked[i], password));
    }
    return times;
}

/// <summary>Discret on a real port, on a database of its own, with rate limits it never reaches.</summary>
sealed class Server : WebApplicationFactory<Discret.Web.Security.SecurityModule> // any type of Discret.Web: its entry point (this program has its own Program)
{
    public static bool OnPostgres => string.Equals(Environment.GetEnvironmentVariable("DISCRET_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);
    private readonly string? _delayBase;
    private readonly string _sqliteFile = Path.Combine(Path.GetTempPath(), $"discret-bench-login-{Guid.NewGuid():N}.db");
    private readonly string _pgDatabase = $"discret_bench_login_{Guid.NewGuid():N}";
    public string BaseUrl { get; }

    public Server(string? delayBase)
    {
        _delayBase = delayBase;
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(WebProjectFolder());
        builder.UseEnvironment("Production");
        builder.UseSetting("Discret:DemoMode", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Discret:Retention:Nightly", "false");
        if (_delayBase is not null) builder.UseSetting("Discret:Security:FailureDelayBase", _delayBase);
        foreach (var kind in new[] { "Login", "SecondFactor", "Activation", "Guard", "Search", "BreakGlassSearch" })
        {
            builder.UseSetting($"Discret:RateLimits:{kind}:PerAccount", "0"); // 0: no limit
            builder.UseSetting($"Discret:RateLimits:{kind}:PerAddress", "0");
        }
        var folder = Path.Combine(Path.GetTempPath(), $"discret-bench-login-{Guid.NewGuid():N}");
        builder.UseSetting("Discret:Journal:AnchorDirectory", Path.Combine(folder, "anchors"));
        builder.UseSetting("Discret:Journal:AnchorKeyFile", Path.Combine(folder, "anchor.key"));
        if (OnPostgres)
        {
            builder.UseSetting("Discret:Database", "Postgres");
            builder.UseSetting("ConnectionStrings:Postgres", Environment.GetEnvironmentVariable("DISCRET_TEST_PG")!.TrimEnd(';') + $";Database={_pgDatabase}");
        }
        else
        {
            builder.UseSetting("Discret:Database", "Sqlite");
            builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={_sqliteFile};Foreign Keys=True");
        }
    }

    private static string WebProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "src", "Discret.Web", "Discret.Web.csproj"))) return Path.Combine(dir.FullName, "src", "Discret.Web");
        throw new InvalidOperationException("Run from the repository (src/Discret.Web not found above the bench's folder).");
    }

    /// <summary>Accounts with the same password hash (made once by the application's hasher: same algorithm, same cost).</summary>
    public async Task<List<string>> CreateAccountsAsync(string prefix, int count, string password, bool locked)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<StaffAccount>>();
        var circonscription = await db.Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
        var now = DateTime.UtcNow;
        var hash = hasher.HashPassword(null!, password);
        var logins = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var login = $"bench.{prefix}{i}.{Guid.NewGuid().ToString("N")[..6]}";
            var account = new StaffAccount(login, "Agent de mesure " + i, StaffRole.TravailleurSocial, circonscription, now)
            {
                NormalizedUserName = login.ToUpperInvariant(), PasswordHash = hash, TwoFactorEnabled = true,
                LockoutEnd = locked ? DateTimeOffset.UtcNow.AddDays(1) : null,
            };
            db.Users.Add(account);
            logins.Add(login);
        }
        await db.SaveChangesAsync();
        return logins;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }
}
