using System.Security.Cryptography;
using Discret.Tests.Support;
using Discret.Web.Features.Journal;
using Microsoft.AspNetCore.Hosting;

namespace Discret.Tests.Journal;

/// <summary>
/// Outside Development, Discret refuses to start when the journal's anchor key could leave with the database or be read
/// by another account — in the SQLite database's folder, or open to group or others — and says what to do; the demo
/// (Development) starts all the same. Each test starts an application of its own.
/// </summary>
public sealed class AnchorKeyStartupTests
{
    /// <summary>The application with its anchor key where the test puts it, in the environment the test names.</summary>
    private sealed class KeyFactory(string environment, Func<DiscretFactory, string>? keyFile = null) : DiscretFactory
    {
        private string? _keyFile;
        public string KeyFile => _keyFile ??= keyFile?.Invoke(this) ?? Path.Combine(JournalFolder, "anchor.key");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            builder.UseSetting("Discret:Journal:AnchorKeyFile", KeyFile);
        }

        /// <summary>A key file already there, with the given mode (as an operator might have left it).</summary>
        public void PlaceKey(UnixFileMode mode)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
            File.WriteAllBytes(KeyFile, RandomNumberGenerator.GetBytes(32));
            File.SetUnixFileMode(KeyFile, mode);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (File.Exists(KeyFile)) File.Delete(KeyFile);
        }
    }

    private const UnixFileMode WorldReadable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The refusal as the host reports it (the message of the exception or of the one inside it).</summary>
    private static string StartRefusal(DiscretFactory app)
    {
        var refusal = Record.Exception(() => app.Services);
        Assert.NotNull(refusal);
        var messages = new List<string>();
        for (var e = refusal; e is not null; e = e.InnerException) messages.Add(e.Message);
        if (refusal is AggregateException all) messages.AddRange(all.Flatten().InnerExceptions.Select(i => i.Message));
        return messages.FirstOrDefault(m => m.StartsWith("Démarrage refusé", StringComparison.Ordinal)) ?? string.Join(" | ", messages);
    }

    [Fact]
    public async Task In_production_a_key_readable_by_other_accounts_stops_the_start_and_says_how_to_restrict_it()
    {
        await using var app = new KeyFactory("Production");
        app.PlaceKey(WorldReadable);

        var refusal = StartRefusal(app);

        Assert.StartsWith("Démarrage refusé", refusal);
        Assert.Contains($"chmod 600 {app.KeyFile}", refusal);
    }

    [SqliteFact]
    public async Task In_production_a_key_in_the_sqlite_databases_folder_stops_the_start_and_says_where_to_put_it()
    {
        await using var app = new KeyFactory("Production", a => Path.Combine(Path.GetDirectoryName(a.SqliteFile)!, $"anchor-{Guid.NewGuid():N}.key"));
        app.PlaceKey(JournalAnchors.PrivateFile);

        var refusal = StartRefusal(app);

        Assert.StartsWith("Démarrage refusé", refusal);
        Assert.Contains("dossier de la base SQLite", refusal);
        Assert.Contains("Discret__Journal__AnchorKeyFile", refusal);
    }

    [Fact]
    public async Task In_development_the_demo_starts_whatever_the_keys_mode()
    {
        await using var app = new KeyFactory("Development");
        app.PlaceKey(WorldReadable);

        Assert.Null(Record.Exception(() => app.Services));
    }
}
