using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Platform;

/// <summary>
/// What an operator relies on (issue 15 §6): a server error is logged with the status the user got and a reference the
/// user can quote, never with SQL text or a stack trace; a demo start killed half-way is finished by the next start;
/// /health says « indisponible » while the schema or the installation is incomplete.
/// </summary>
public sealed partial class OperationsTests
{
    [GeneratedRegex(@"Référence de l'erreur à lui communiquer : <strong>([A-Z0-9]{10})</strong>")]
    private static partial Regex ShownReference();

    [Fact]
    public async Task A_database_error_is_logged_as_a_500_with_the_reference_shown_to_the_user_and_no_sql_or_stack()
    {
        await using var app = new DiscretFactory();
        var dpo = await app.CreateAccountAsync(StaffRole.Dpo);
        var session = await StaffSession.LoginAsync(app, dpo);
        // Tables disappear: the unread notifications every signed-in page reads, and the rights register the API lists.
        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE notifications RENAME TO notifications_gone");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE rights_requests RENAME TO rights_requests_gone");
        });
        app.Logs.Lines.Clear();

        var page = await session.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        var shown = ShownReference().Match(await page.Content.ReadAsStringAsync());
        Assert.True(shown.Success, "the error page shows a reference");
        var reference = shown.Groups[1].Value;
        Assert.Equal(reference, page.Headers.GetValues("X-Request-Id").Single());

        var api = await session.Client.GetAsync("/api/v1/droits");
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        var apiReference = problem.GetProperty("reference").GetString();
        Assert.Equal(apiReference, api.Headers.GetValues("X-Request-Id").Single());

        var lines = app.Logs.Lines.ToArray();
        Assert.Contains(lines, l => l.Contains("GET / → 500") && l.Contains(reference));
        Assert.Contains(lines, l => l.Contains("GET /api/v1/droits → 500") && l.Contains(apiReference!));
        Assert.Contains(lines, l => l.StartsWith("Discret.Errors") && l.Contains(DiscretFactory.OnPostgres ? "PostgresException" : "SqliteException") && l.Contains(reference));
        Assert.DoesNotContain(lines, l => l.Contains("SELECT", StringComparison.OrdinalIgnoreCase) || l.Contains("notifications", StringComparison.Ordinal) || l.Contains("rights_requests", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("   at "));
    }

    [Fact]
    public async Task A_demo_start_killed_half_way_leaves_nothing_and_the_next_start_seeds_it_whole()
    {
        await using var app = new DiscretFactory { OwnSeeding = true };
        try
        {
            var killed = app.WithWebHostBuilder(b => b.ConfigureServices(s => KillSeedAtPersons(s)));
            Assert.ThrowsAny<Exception>(() => killed.Services);
            await killed.DisposeAsync();

            // The next start, on the same database, finds it empty and seeds it whole.
            using var client = app.Anonymous();
            Assert.Equal("ok", await client.GetStringAsync("/health"));
            await app.WithDbAsync(async db =>
            {
                Assert.Equal(1, await db.DepartementSettings.CountAsync());
                Assert.Equal(3, await db.Circonscriptions.CountAsync());
                Assert.True(await db.Persons.CountAsync() > 100);
            });
        }
        finally
        {
            if (!DiscretFactory.OnPostgres)
                foreach (var f in new[] { app.SqliteFile, app.SqliteFile + "-wal", app.SqliteFile + "-shm" })
                    if (File.Exists(f)) File.Delete(f);
        }
    }

    [Fact]
    public async Task Health_says_unavailable_while_a_migration_is_pending_or_the_installation_is_not_done()
    {
        await using var app = new DiscretFactory();
        using var client = app.Anonymous();
        Assert.Equal("ok", await client.GetStringAsync("/health"));

        string last = "";
        await app.WithDbAsync(async db =>
        {
            last = db.Database.GetMigrations().Last();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", last);
        });
        var pending = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pending.StatusCode);
        Assert.Equal("indisponible", await pending.Content.ReadAsStringAsync());

        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({0}, '10.0.0')", last);
            await db.DepartementSettings.ExecuteDeleteAsync();
        });
        var notInstalled = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notInstalled.StatusCode);
        Assert.Equal("indisponible", await notInstalled.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Liveness and readiness for a load balancer (issue 20 §1): alive whenever the process answers; ready only with the
    /// database reachable, migrated and a writable journal — a pending migration, or (PostgreSQL) a database gone
    /// read-only, leaves the instance alive but not ready.
    /// </summary>
    [Fact]
    public async Task Liveness_answers_while_readiness_waits_for_a_migrated_database_and_a_writable_journal()
    {
        await using var app = new DiscretFactory();
        using var client = app.Anonymous();
        Assert.Equal("ok", await client.GetStringAsync("/health/live"));
        Assert.Equal("ok", await client.GetStringAsync("/health/ready"));

        string last = "";
        await app.WithDbAsync(async db =>
        {
            last = db.Database.GetMigrations().Last();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", last);
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal("ok", await client.GetStringAsync("/health/live"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({0}, '10.0.0')", last));
        Assert.Equal("ok", await client.GetStringAsync("/health/ready"));

        if (!DiscretFactory.OnPostgres) return;
        // The database turned read-only (new sessions): the journal can take no entry, so the instance is not ready.
        var database = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Database.SqlQueryRaw<string>("SELECT current_database() AS \"Value\"").SingleAsync());
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync($"ALTER DATABASE \"{database}\" SET default_transaction_read_only = on"));
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            var readOnly = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readOnly.StatusCode);
            Assert.Equal("indisponible", await readOnly.Content.ReadAsStringAsync());
            Assert.Equal("ok", await client.GetStringAsync("/health/live"));
        }
        finally
        {
            await app.WithDbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
                await db.Database.ExecuteSqlRawAsync($"ALTER DATABASE \"{database}\" RESET default_transaction_read_only");
            });
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
        Assert.Equal("ok", await client.GetStringAsync("/health/ready"));
    }

    /// <summary>Stands for a kill -9 in the middle of the demo seed: the save that adds the generated persons fails.</summary>
    private static void KillSeedAtPersons(IServiceCollection services)
    {
        var kill = new KillAtPersons();
        if (DiscretFactory.OnPostgres) services.ConfigureDbContext<PostgresDiscretDbContext>((_, o) => o.AddInterceptors(kill));
        else services.ConfigureDbContext<SqliteDiscretDbContext>((_, o) => o.AddInterceptors(kill));
    }

    private sealed class KillAtPersons : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<Domain.Persons.Person>().Any(e => e.State == EntityState.Added))
                throw new IOException("killed during the demo seed");
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
