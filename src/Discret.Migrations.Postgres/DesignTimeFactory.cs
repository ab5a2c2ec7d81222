using Discret.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Discret.Migrations.Postgres;

/// <summary>Used by `dotnet ef migrations add … --project src/Discret.Migrations.Postgres --startup-project src/Discret.Migrations.Postgres`.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PostgresDiscretDbContext>
{
    public PostgresDiscretDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDiscretDbContext>().UseApplicationServiceProvider(DatabaseSetup.DesignTimeServices()).UseNpgsql("Host=localhost;Database=discret_design", x => x.MigrationsAssembly(DatabaseSetup.PostgresMigrations)).Options);
}
