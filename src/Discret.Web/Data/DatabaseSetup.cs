using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Discret.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Chooses the provider from configuration when the DbContext is registered: one provider per process.</summary>
public static class DatabaseSetup
{
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
                services.AddDbContext<DiscretDbContext, PostgresDiscretDbContext>(o => o.UseNpgsql(pg));
                break;
            default:
                var sqlite = SqliteConnectionString(configuration, contentRoot);
                services.AddDbContext<DiscretDbContext, SqliteDiscretDbContext>(o => o.UseSqlite(sqlite).AddInterceptors(new SqliteSecureDelete()));
                break;
        }
        return services;
    }
}

/// <summary>Used by `dotnet ef migrations add … --context SqliteDiscretDbContext`.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDiscretDbContext>
{
    public SqliteDiscretDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDiscretDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Used by `dotnet ef migrations add … --context PostgresDiscretDbContext`.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDiscretDbContext>
{
    public PostgresDiscretDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDiscretDbContext>().UseNpgsql("Host=localhost;Database=discret_design").Options);
}
