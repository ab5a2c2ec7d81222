using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Discret.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Chooses the provider from configuration when the DbContext is registered: one provider per process.</summary>
public static class DatabaseSetup
{
    /// <summary>The assemblies holding each provider's migrations (src/Discret.Migrations.Sqlite, src/Discret.Migrations.Postgres).</summary>
    public const string SqliteMigrations = "Discret.Migrations.Sqlite", PostgresMigrations = "Discret.Migrations.Postgres";

    /// <summary>Identity's schema version (3: with passkeys). The context reads it from the Identity options of the services it
    /// is built with: the application sets it (SecurityModule); the migrations' design-time factories use <see cref="DesignTimeServices"/>.</summary>
    public static readonly Version IdentitySchema = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3;

    /// <summary>The application services a design-time context is built with: only the Identity options.</summary>
    public static IServiceProvider DesignTimeServices() =>
        new ServiceCollection().Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchema).BuildServiceProvider();

    public static DatabaseProvider Provider(IConfiguration configuration) =>
        Enum.TryParse<DatabaseProvider>(configuration["Discret:Database"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    /// <summary>The SQLite database's folder: <c>Discret:DataFolder</c>, or <c>data</c> (the journal's anchors and key live
    /// elsewhere, <c>Features/Journal/JournalAnchors</c>).</summary>
    public static string DataFolder(IConfiguration configuration, string contentRoot) =>
        configuration["Discret:DataFolder"] is { Length: > 0 } f ? Path.GetFullPath(f, contentRoot) : Path.Combine(contentRoot, "data");

    public static string SqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString("Sqlite");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var folder = DataFolder(configuration, contentRoot);
        // Only Discret's account enters the folder of the database (0700 when created here).
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return $"Data Source={Path.Combine(folder, "discret.db")};Foreign Keys=True";
    }

    /// <summary>The SQLite database's file, full path; null on PostgreSQL or for an in-memory database.</summary>
    public static string? SqliteFile(IConfiguration configuration, string contentRoot)
    {
        if (Provider(configuration) != DatabaseProvider.Sqlite) return null;
        var configured = configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(configured)) return Path.Combine(DataFolder(configuration, contentRoot), "discret.db");
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(configured);
        return builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" ? null : Path.GetFullPath(builder.DataSource);
    }

    public static IServiceCollection AddDiscretDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        switch (Provider(configuration))
        {
            case DatabaseProvider.Postgres:
                var pg = configuration.GetConnectionString("Postgres")
                    ?? throw new InvalidOperationException("ConnectionStrings__Postgres is required when Discret__Database=Postgres.");
                services.AddDbContext<DiscretDbContext, PostgresDiscretDbContext>(o => o.UseNpgsql(pg, x => x.MigrationsAssembly(PostgresMigrations)));
                break;
            default:
                var sqlite = SqliteConnectionString(configuration, contentRoot);
                services.AddDbContext<DiscretDbContext, SqliteDiscretDbContext>(o => o.UseSqlite(sqlite, x => x.MigrationsAssembly(SqliteMigrations)).AddInterceptors(new SqliteSecureDelete()));
                break;
        }
        return services;
    }
}
