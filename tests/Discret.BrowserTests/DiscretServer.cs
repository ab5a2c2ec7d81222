using Discret.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.BrowserTests;

/// <summary>
/// The real application on a real Kestrel port, in demo mode, on a database of its own: a temporary SQLite file by
/// default, or a fresh PostgreSQL database when DISCRET_TEST_DB=postgres (base connection string in DISCRET_TEST_PG).
/// </summary>
public sealed class DiscretServer : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _extraSettings;
    private readonly string? _sqliteFile;
    private readonly bool _postgres;
    private readonly string _connectionString;
    /// <summary>This server's journal anchors and key (outside the repository, as in production).</summary>
    private readonly string _journalFolder = Path.Combine(Path.GetTempPath(), $"discret-browser-journal-{Guid.NewGuid():N}");
    private readonly string _secretsFolder = Path.Combine(Path.GetTempPath(), $"discret-browser-secrets-{Guid.NewGuid():N}");
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DiscretServer> Running = new();

    public string BaseUrl { get; }

    public DiscretServer(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        _extraSettings = extraSettings ?? new Dictionary<string, string?>();
        _postgres = string.Equals(Environment.GetEnvironmentVariable("DISCRET_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);
        if (_postgres)
        {
            var basePg = Environment.GetEnvironmentVariable("DISCRET_TEST_PG");
            if (string.IsNullOrWhiteSpace(basePg))
                throw new InvalidOperationException("DISCRET_TEST_DB=postgres needs DISCRET_TEST_PG, a base PostgreSQL connection string (host, user, password).");
            _connectionString = basePg.TrimEnd(';') + $";Database=discret_b_{Guid.NewGuid():N}";
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"discret-browser-{Guid.NewGuid():N}.db");
            _connectionString = $"Data Source={_sqliteFile};Foreign Keys=True";
        }

        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
        Running[BaseUrl] = this;
    }

    /// <summary>
    /// A TOTP code opens one session only: before signing a demo account in again within 30 seconds, the server the page
    /// is on forgets the account's last accepted step, as if the next step had come.
    /// </summary>
    public static async Task ForgetTotpStepAsync(Microsoft.Playwright.IPage page, string login)
    {
        if (!Running.TryGetValue(new Uri(page.Url).GetLeftPart(UriPartial.Authority), out var server)) return;
        using var scope = server.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DiscretDbContext>().Users.Where(a => a.UserName == login)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.TotpLastStep, (long?)null));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Discret:DemoMode", "true");
        builder.UseSetting("Discret:Security:FailureDelayBase", "00:00:00.010");
        foreach (var kind in Enum.GetNames<Discret.Web.Security.RateLimitKind>())
        {
            builder.UseSetting($"Discret:RateLimits:{kind}:PerAccount", "1000000");
            builder.UseSetting($"Discret:RateLimits:{kind}:PerAddress", "1000000");
        }
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Discret:Retention:Nightly", "false");
        builder.UseSetting("Discret:Security:ClearDeactivatedNightly", "false");
        builder.UseSetting("Discret:Journal:AnchorDirectory", Path.Combine(_journalFolder, "anchors"));
        builder.UseSetting("Discret:Journal:AnchorKeyFile", Path.Combine(_journalFolder, "anchor.key"));
        // The key-encryption certificate generated in Development goes to a folder of this server's own.
        builder.UseSetting("Discret:Secrets:Folder", _secretsFolder);
        if (_postgres)
        {
            builder.UseSetting("Discret:Database", "Postgres");
            builder.UseSetting("ConnectionStrings:Postgres", _connectionString);
        }
        else
        {
            builder.UseSetting("Discret:Database", "Sqlite");
            builder.UseSetting("ConnectionStrings:Sqlite", _connectionString);
        }
        foreach (var (key, value) in _extraSettings) builder.UseSetting(key, value);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_postgres)
        {
            try
            {
                using var scope = Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<DiscretDbContext>().Database.EnsureDeletedAsync();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"Test database not dropped: {e.GetType().Name}: {e.Message}");
            }
        }
        await base.DisposeAsync();
        Running.TryRemove(BaseUrl, out _);
        if (Directory.Exists(_secretsFolder)) Directory.Delete(_secretsFolder, recursive: true);
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                try { File.Delete(file); } catch (IOException) { }
        }
        try { if (Directory.Exists(_journalFolder)) Directory.Delete(_journalFolder, recursive: true); } catch (IOException) { }
    }
}
