using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Discret.Tests.Platform;

/// <summary>
/// A database that cannot store (disk full, PostgreSQL restarting or unreachable) answers 503 « réessayez » with a French
/// problem document, not 500 « erreur interne », and saves nothing (found by bench/faults.sh: a full disk answered 500).
/// </summary>
public class StorageFailureTests
{
    public static TheoryData<string, bool> Failures => new()
    {
        { "sqlite-full", true }, { "sqlite-ioerr", true }, { "sqlite-constraint", false },
        { "postgres-disk-full", true }, { "postgres-starting-wrapped", true }, { "postgres-unique-violation", false },
        { "npgsql-connection", true }, { "other", false },
    };

    private static Exception Make(string kind) => kind switch
    {
        "sqlite-full" => new DbUpdateException("save", new SqliteException("database or disk is full", 13)),
        "sqlite-ioerr" => new SqliteException("disk I/O error", 10),
        "sqlite-constraint" => new DbUpdateException("save", new SqliteException("UNIQUE constraint failed", 19)),
        "postgres-disk-full" => new PostgresException("could not extend file", "ERROR", "ERROR", "53100"),
        "postgres-starting-wrapped" => new InvalidOperationException("transient", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")),
        "postgres-unique-violation" => new DbUpdateException("save", new PostgresException("duplicate key", "ERROR", "ERROR", "23505")),
        "npgsql-connection" => new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)),
        _ => new ArgumentException("a bug"),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_of_the_database_itself_is_told_from_a_failure_of_the_request(string kind, bool storage) =>
        Assert.Equal(storage, StorageFailures.IsStorageUnavailable(Make(kind)));

    [Fact]
    public async Task An_interview_saved_on_a_full_disk_answers_503_in_french_and_nothing_is_saved()
    {
        var full = new DiskFull();
        await using var app = new DiscretFactory();
        await using var failing = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.ConfigureDbContext<SqliteDiscretDbContext>(o => o.AddInterceptors(full));
            s.ConfigureDbContext<PostgresDiscretDbContext>(o => o.AddInterceptors(full));
        }));
        var ts = DemoSocialWorker;
        var session = await StaffSession.LoginAsync(failing.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }), ts);
        var followUp = await app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            var id = await db.Users.Where(u => u.UserName == ts.Login).Select(u => u.Id).SingleAsync();
            return await db.FollowUps.Where(f => f.ReferentId == id && f.Status == Discret.Catalogue.FollowUpStatus.Ouvert).Select(f => f.Id).FirstAsync();
        });
        var before = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Interviews.CountAsync());

        full.Armed = true;
        var response = await session.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{followUp}/entretiens", new
        {
            occurredOn = ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"), kind = "Permanence", motives = new[] { "AccesAuxDroits" },
            actions = Array.Empty<string>(), summary = "Point sur les démarches.", source = "Professionnel",
        });
        full.Armed = false;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ProblemType.StorageUnavailable.Uri, problem.GetProperty("type").GetString());
        Assert.Equal("Enregistrement impossible pour le moment", problem.GetProperty("title").GetString());
        Assert.Contains("rien n'a été lu ni enregistré", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Interviews.CountAsync()));
        Assert.True(full.Thrown > 0);
    }

    private static readonly TestAccount DemoSocialWorker =
        new(Guid.Empty, "ts", Discret.Web.Demo.DemoAccounts.Password, Discret.Web.Demo.DemoAccounts.TotpSecret, StaffRole.TravailleurSocial);

    /// <summary>While armed, a command that writes an interview fails as the provider fails on a full disk.</summary>
    private sealed class DiskFull : DbCommandInterceptor
    {
        public volatile bool Armed;
        public int Thrown;

        private void Check(DbCommand command)
        {
            if (!Armed || !command.CommandText.Contains("interviews", StringComparison.Ordinal) || !command.CommandText.Contains("INSERT", StringComparison.Ordinal)) return;
            Interlocked.Increment(ref Thrown);
            throw command is SqliteCommand
                ? new SqliteException("database or disk is full", 13)
                : new PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", "53100");
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        { Check(command); return ValueTask.FromResult(result); }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        { Check(command); return ValueTask.FromResult(result); }
    }
}
