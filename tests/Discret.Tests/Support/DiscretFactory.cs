using Microsoft.AspNetCore.Builder;
using System.Collections.Concurrent;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Discret.Web.Features.Connexion;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Discret.Tests.Support;

/// <summary>
/// Discret in memory, on a database of its own: SQLite in a temp file by default, PostgreSQL when
/// DISCRET_TEST_DB=postgres (DISCRET_TEST_PG gives the server; each factory creates its own database).
/// Demo mode is on, so the demo accounts exist; tests that change accounts create their own.
/// The database starts as a copy of one migrated and seeded once per test run (<see cref="DatabaseTemplate"/>): a
/// factory costs a file copy (SQLite) or a CREATE DATABASE … TEMPLATE (PostgreSQL), not the migrations and the seeding.
/// </summary>
public class DiscretFactory : WebApplicationFactory<Program>
{
    public static bool OnPostgres => string.Equals(Environment.GetEnvironmentVariable("DISCRET_TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);

    private readonly string _databaseName = "discret_t_" + Guid.NewGuid().ToString("N")[..16];
    private readonly string _sqliteFile = Path.Combine(Path.GetTempPath(), $"discret-test-{Guid.NewGuid():N}.db");
    private readonly DiscretFactory? _storageOf;

    /// <summary>
    /// Starts on the database and the journal folder (anchors, key, erasure ledger) of another application, disposed before
    /// with <see cref="KeepStorage"/>: the same installation restarted (BackupDrillTests).
    /// </summary>
    public DiscretFactory? StorageOf
    {
        get => _storageOf;
        init
        {
            _storageOf = value;
            if (value is null) return;
            _databaseName = value._databaseName;
            _sqliteFile = value._sqliteFile;
            JournalFolder = value.JournalFolder;
            _databaseReady = true;
        }
    }

    /// <summary>Leave the database and the journal folder in place at disposal: another application restarts on them.</summary>
    public bool KeepStorage { get; init; }

    /// <summary>The SQLite database file (tests that prove a deletion read its bytes).</summary>
    public string SqliteFile => _sqliteFile;

    public CapturedLogs Logs { get; } = new();
    /// <summary>Where this application writes its journal anchors and their key.</summary>
    public string JournalFolder { get; private init; } = Path.Combine(Path.GetTempPath(), $"discret-journal-{Guid.NewGuid():N}");
    /// <summary>Set before first use to run the application on a controllable clock.</summary>
    public FakeTimeProvider? Clock { get; init; }
    /// <summary>Settings of this application only (after the suite's own), e.g. small rate limits.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    /// <summary>Generate the demo journal too (off by default: tests write their own entries).</summary>
    public bool DemoJournal { get; init; }
    /// <summary>Migrate and seed this application's database itself instead of copying the template (the template's own factory).</summary>
    internal bool OwnSeeding { get; init; }

    private bool _databaseReady;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Once per factory (an application derived with WithWebHostBuilder shares the database and comes here again).
        if (!_databaseReady && !OwnSeeding && !DemoJournal)
        {
            if (OnPostgres) DatabaseTemplate.CreatePostgresDatabase(_databaseName);
            else DatabaseTemplate.CopySqliteFile(_sqliteFile);
        }
        _databaseReady = true;
        builder.UseEnvironment("Production");
        builder.UseSetting("Discret:DemoMode", "true");
        builder.UseSetting("Discret:DemoJournal", DemoJournal ? "true" : "false");
        builder.UseSetting("Discret:Security:FailureDelayBase", "00:00:00.001");
        // The suite signs in a great many times from the loopback address: limits it never reaches (RateLimitTests has its own).
        foreach (var kind in Enum.GetNames<Discret.Web.Security.RateLimitKind>())
        {
            builder.UseSetting($"Discret:RateLimits:{kind}:PerAccount", "1000000");
            builder.UseSetting($"Discret:RateLimits:{kind}:PerAddress", "1000000");
        }
        foreach (var (key, value) in StorageSettings()) builder.UseSetting(key, value);
        // Tests run the purge themselves (JournalIntegrityTests), never behind their back.
        builder.UseSetting("Discret:Journal:PurgeInProcess", "false");
        // Likewise the retention job: tests run it (RetentionEngineTests), never the nightly timer.
        builder.UseSetting("Discret:Retention:Nightly", "false");
        builder.UseSetting("Discret:Security:ClearDeactivatedNightly", "false");
        builder.UseSetting("Discret:Statistics:Nightly", "false");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        if (Clock is not null) builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, LoopbackClient>());
    }

    /// <summary>
    /// Where this application keeps its data: the database, the journal's anchors and key (the erasure ledger beside the
    /// anchors), the key-encryption certificate — also what an operator's command run on the same installation is given.
    /// </summary>
    public IReadOnlyDictionary<string, string> StorageSettings()
    {
        var settings = new Dictionary<string, string>();
        if (OnPostgres)
        {
            var server = Environment.GetEnvironmentVariable("DISCRET_TEST_PG")
                ?? throw new InvalidOperationException("DISCRET_TEST_PG must give the PostgreSQL server when DISCRET_TEST_DB=postgres.");
            settings["Discret:Database"] = "Postgres";
            settings["ConnectionStrings:Postgres"] = $"{server};Database={_databaseName}";
        }
        else
        {
            settings["Discret:Database"] = "Sqlite";
            settings["ConnectionStrings:Sqlite"] = $"Data Source={_sqliteFile};Foreign Keys=True";
        }
        // Each application has its own anchors and signing key: outside the database, as in production.
        settings["Discret:Journal:AnchorDirectory"] = Path.Combine(JournalFolder, "anchors");
        settings["Discret:Journal:AnchorKeyFile"] = Path.Combine(JournalFolder, "anchor.key");
        // Production needs the key-encryption certificate; every application of the run shares one, since they all start
        // from the template database whose data-protection keys (and sealed TOTP seeds) it encrypts.
        settings["Discret:Secrets:KeyEncryptionCertificate"] = DatabaseTemplate.KeyEncryptionCertificate;
        return settings;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public T With<T>(Func<IServiceProvider, T> use)
    {
        using var scope = Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        using var scope = Services.CreateScope();
        return await use(scope.ServiceProvider);
    }

    public async Task WithDbAsync(Func<DiscretDbContext, Task> use)
    {
        using var scope = Services.CreateScope();
        await use(scope.ServiceProvider.GetRequiredService<DiscretDbContext>());
    }

    /// <summary>
    /// A TOTP code opens one session only (the account's last accepted step is recorded). A test that signs the same
    /// account in again within 30 seconds forgets that step first, as if the next step had come.
    /// </summary>
    public Task ForgetTotpStepAsync(string login) =>
        WithDbAsync(db => db.Users.Where(a => a.UserName == login).ExecuteUpdateAsync(s => s.SetProperty(a => a.TotpLastStep, (long?)null)));

    public static readonly string StrongPassword = "Vert-Lagune-" + "Quartz7-Halo";

    private static int _counter;

    /// <summary>Long enough in service for break-glass (<c>BreakGlassSettings.NewAccountWait</c>, 7 days by default).</summary>
    public const int InServiceForBreakGlass = 30;

    /// <summary>
    /// A ready-to-use account of its own (password, TOTP secret, charter accepted, role confirmed), so a test can lock it,
    /// deactivate it or log it in without disturbing others. It is created and confirmed now, so break-glass is closed to
    /// it for its first days, as to any new account: a test that opens a break-glass access passes
    /// <paramref name="inServiceDays"/> (<see cref="InServiceForBreakGlass"/>) to date its creation and confirmation back.
    /// <paramref name="confirmed"/> false leaves its role awaiting confirmation.
    /// </summary>
    public async Task<TestAccount> CreateAccountAsync(StaffRole role, bool enrolled = true, bool charter = true, int circonscription = 0,
        int inServiceDays = 0, bool confirmed = true)
    {
        var login = $"t{Interlocked.Increment(ref _counter)}.{role.ToString().ToLowerInvariant()}";
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        return await WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            var users = sp.GetRequiredService<UserManager<StaffAccount>>();
            var store = (IUserAuthenticatorKeyStore<StaffAccount>)sp.GetRequiredService<IUserStore<StaffAccount>>();
            var circ = await db.Circonscriptions.OrderBy(c => c.Name).Skip(circonscription).FirstAsync();
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var since = now.AddDays(-inServiceDays);
            var account = new StaffAccount(login, "Agent de test " + login, role, circ.Id, since);
            if (confirmed) account.ConfirmAccess(since);
            if (charter) account.AcceptCharter(Charter.Version, now);
            account.PasswordWasChanged(now);
            account.TwoFactorEnabled = enrolled;
            var result = await users.CreateAsync(account, StrongPassword);
            Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
            if (enrolled)
            {
                await store.SetAuthenticatorKeyAsync(account, secret, CancellationToken.None);
                await users.UpdateAsync(account);
            }
            return new TestAccount(account.Id, login, StrongPassword, secret, role);
        });
    }

    /// <summary>
    /// A fictional person of a circonscription (by index), with an optional follow-up held by a referent and team,
    /// and one interview. Names are generated per call so that tests never see each other's persons.
    /// </summary>
    public async Task<TestCase> CreateCaseAsync(int circonscription, TestAccount? referent = null, TestAccount[]? team = null,
        bool closed = false, string? birthName = null, Provenance? interviewProvenance = null, DateTime? nextAppointment = null)
    {
        birthName ??= "Essai" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());
        return await WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            var now = DateTime.UtcNow;
            var circ = await db.Circonscriptions.OrderBy(c => c.Name).Skip(circonscription).FirstAsync();
            var household = new Household(new HouseholdAddress("1 rue de l'Essai", "99000", "Valmont"), now);
            var person = new Person(new PersonIdentity(birthName, null, "Alex", new DateOnly(1980, 5, 17), "06 00 00 00 01", null),
                household.Id, Discret.Catalogue.HouseholdLink.PersonneDeReference, circ.Id, Provenance.ThePerson, now);
            db.Households.Add(household);
            db.Persons.Add(person);
            Guid? followUpId = null;
            if (referent is not null)
            {
                var followUp = new FollowUp(person.Id, circ.Id, referent.Id, [Discret.Catalogue.FollowUpMotive.Logement], new DateOnly(2026, 1, 5), Provenance.AProfessional);
                if (team is not null) followUp.Assign(referent.Id, team.Select(t => t.Id));
                db.FollowUps.Add(followUp);
                // The next appointment is an appointment of the agenda with the referent (issue 16).
                if (nextAppointment is { } at)
                    db.Appointments.Add(new Discret.Domain.Agenda.Appointment(person.Id, circ.Id, followUp.Id, [], [referent.Id],
                        new(at, at.AddHours(1), Discret.Domain.Agenda.AppointmentPlace.BureauCirconscription, null), referent.Id, now));
                db.Interviews.Add(new Interview(followUp.Id, referent.Id, new InterviewContent(new DateOnly(2026, 2, 1), Discret.Catalogue.InterviewKind.Permanence,
                    [person.Id], [Discret.Catalogue.FollowUpMotive.Logement], [Discret.Catalogue.InterviewAction.DossierLogement],
                    TestCase.InterviewSummary, interviewProvenance ?? Provenance.ThePerson), now));
                if (closed) followUp.Close(new DateOnly(2026, 3, 1));
                followUpId = followUp.Id;
            }
            await db.SaveChangesAsync();
            return new TestCase(person.Id, followUpId, birthName);
        });
    }

    internal string DatabaseName => _databaseName;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (KeepStorage)
        {
            // Nothing of this application keeps the database open while another restarts on it, or a restore replaces it.
            if (OnPostgres) Npgsql.NpgsqlConnection.ClearAllPools();
            else Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            GC.SuppressFinalize(this);
            return;
        }
        if (!OnPostgres && !OwnSeeding)
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        if (Directory.Exists(JournalFolder)) Directory.Delete(JournalFolder, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The database every factory starts from: migrated and seeded (demo mode, no demo journal) once per test run by an
/// application of its own, then copied. Its clock is the real one; the factories' fake clocks start at the real time too.
/// </summary>
internal static class DatabaseTemplate
{
    private static readonly Lazy<string> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> Certificate = new(CreateCertificate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The key-encryption certificate of this run (a file of its own, 0600, deleted at the end of the run).</summary>
    public static string KeyEncryptionCertificate => Certificate.Value;

    private static string CreateCertificate()
    {
        foreach (var stale in Directory.EnumerateFiles(Path.GetTempPath(), "discret-test-kek-*.pfx"))
            if (File.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddHours(-6)) File.Delete(stale);
        var path = Path.Combine(Path.GetTempPath(), $"discret-test-kek-{Guid.NewGuid():N}.pfx");
        Discret.Web.Security.Secrets.KeyEncryptionCertificates.Generate(path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }
    private static readonly Lock CreateGate = new();

    private static string Create()
    {
        var factory = new DiscretFactory { OwnSeeding = true };
        _ = factory.Services; // starts the application: migrations and demo data
        // Each test computes the statistics it reads, on its own clock (the demo's first start computed them on today's).
        factory.WithDbAsync(async db =>
        {
            await db.StatFigures.ExecuteDeleteAsync();
            await db.StatYears.ExecuteDeleteAsync();
        }).GetAwaiter().GetResult();
        factory.Dispose();
        string template;
        if (DiscretFactory.OnPostgres)
        {
            template = factory.DatabaseName;
            Npgsql.NpgsqlConnection.ClearAllPools(); // CREATE DATABASE … TEMPLATE wants no session on the template
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            // The test host may be ended before ProcessExit runs: templates left by earlier runs go at the next one.
            foreach (var stale in Directory.EnumerateFiles(Path.GetTempPath(), "discret-template-*.db"))
                if (File.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddHours(-6)) File.Delete(stale);
            template = Path.Combine(Path.GetTempPath(), $"discret-template-{Guid.NewGuid():N}.db");
            File.Move(factory.SqliteFile, template);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(template);
        }
        return template;
    }

    public static void CopySqliteFile(string to) => File.Copy(Template.Value, to);

    public static void CreatePostgresDatabase(string name)
    {
        var template = Template.Value;
        var server = Environment.GetEnvironmentVariable("DISCRET_TEST_PG")!;
        // One copy at a time: PostgreSQL refuses a template that another CREATE DATABASE is reading.
        lock (CreateGate)
        {
            using var connection = new Npgsql.NpgsqlConnection($"{server};Database=postgres;Pooling=false");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>The test server has no socket: requests come from the loopback address, as they would through Kestrel.</summary>
internal sealed class LoopbackClient : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}

public sealed record TestCase(Guid PersonId, Guid? FollowUpId, string BirthName)
{
    public const string InterviewSummary = "Dossier de demande de logement social complété ensemble ce jour.";
}

public sealed record TestAccount(Guid Id, string Login, string Password, string TotpSecret, StaffRole Role)
{
    public string CurrentCode() => CodeAt(DateTime.UtcNow);
    public string CodeAt(DateTime utc) => new Totp(Base32Encoding.ToBytes(TotpSecret)).ComputeTotp(utc);
}

/// <summary>Everything the application logs during a test run, to prove what never reaches the logs.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{category} {formatter(state, exception)} {exception}");
    }
}

// The test collections. Each has one application of its own (its own database), shared by its classes, which run one
// after another; the collections run in parallel (xunit.runner.json). A class joins the collection of its area; a class
// that changes installation-wide settings joins « Installation », where the pages that print them are tested too; a
// class that needs a clock of its own, or an empty database, makes its own application (docs/testing.md).

/// <summary>Persons' files: access, writing, search, catalogue, refusal of computerisation, the sobriety guard on free text.</summary>
[CollectionDefinition(Name)]
public sealed class PersonsCollection : ICollectionFixture<DiscretFactory>
{
    public const string Name = "Personnes";
}

/// <summary>Follow-ups, interviews, working notes, sharing consents and break-glass access.</summary>
[CollectionDefinition(Name)]
public sealed class FollowUpsCollection : ICollectionFixture<DiscretFactory>
{
    public const string Name = "Accompagnements";
}

/// <summary>Rights requests: access export, erasure, rectification, restriction.</summary>
[CollectionDefinition(Name)]
public sealed class RightsCollection : ICollectionFixture<DiscretFactory>
{
    public const string Name = "Droits";
}

/// <summary>
/// Accounts, and what is set for the whole installation — département settings, retention durations — with the pages
/// that print it (register of processing, information notice), the platform and the access matrix.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InstallationCollection : ICollectionFixture<DiscretFactory>
{
    public const string Name = "Installation";
}

/// <summary>Requests on staff accounts and their confirmation by a head of circonscription or the DPO (separation of duties).</summary>
[CollectionDefinition(Name)]
public sealed class AccountsCollection : ICollectionFixture<DiscretFactory>
{
    public const string Name = "Comptes";
}

/// <summary>The access journal, the DPO console, the intermediate archive and the last contact.</summary>
[CollectionDefinition(Name)]
public sealed class JournalCollection : ICollectionFixture<DiscretFactory>
{
    public const string Name = "Journal";
}

/// <summary>
/// The single collection of before the split, kept so that classes written on other branches still compile; it runs as
/// one more collection with its own application. Move such a class to the collection of its area (docs/testing.md).
/// </summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<DiscretFactory>
{
    public const string Name = "Discret";
}
