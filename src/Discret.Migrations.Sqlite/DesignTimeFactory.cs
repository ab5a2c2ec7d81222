using Discret.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Discret.Migrations.Sqlite;

/// <summary>Used by `dotnet ef migrations add … --project src/Discret.Migrations.Sqlite --startup-project src/Discret.Migrations.Sqlite`.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SqliteDiscretDbContext>
{
    public SqliteDiscretDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDiscretDbContext>().UseApplicationServiceProvider(DatabaseSetup.DesignTimeServices()).UseSqlite("Data Source=design-time.db", x => x.MigrationsAssembly(DatabaseSetup.SqliteMigrations)).Options);
}
