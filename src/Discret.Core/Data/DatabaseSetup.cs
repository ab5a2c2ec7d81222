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

    public static DatabaseProvider Provider(IConfiguration configuration) =>
        Enum.TryParse<DatabaseProvider>(configuration["Discret:Database"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    /// <summary>Discret's own files (the SQLite database, the journal's anchors and key): <c>Discret:DataFolder</c>, or <c>data</c>.</summary>
    public static string DataFolder(IConfiguration configuration, string contentRoot) =>
        configuration["Discret:DataFolder"] is { Length: > 0 } f ? Path.GetFullPath(f, contentRoot) : Path.Combine(contentRoot, "data");

    public static string SqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString("Sqlite");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var folder = DataFolder(configuration, contentRoot);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "discret.db")};Foreign Keys=True";
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
