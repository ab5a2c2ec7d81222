using Discret.Web.Domain.Accounts;
using Discret.Web.Domain.Organisation;
using Discret.Web.Domain.Persons;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Discret.Web.Data;

/// <summary>
/// Discret's one database. Provider-specific subclasses exist only so that each provider keeps its own
/// migrations (Data/Migrations/Sqlite and Data/Migrations/Postgres); the model is the same.
/// </summary>
public abstract class DiscretDbContext(DbContextOptions options)
    : IdentityUserContext<StaffAccount, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Circonscription> Circonscriptions => Set<Circonscription>();
    public DbSet<DepartementSettings> DepartementSettings => Set<DepartementSettings>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<FollowUpMember> FollowUpMembers => Set<FollowUpMember>();
    public DbSet<Interview> Interviews => Set<Interview>();
    /// <summary>Read only through <c>WorkingNotes</c> (author == current account) and the expiry purge.</summary>
    public DbSet<WorkingNote> WorkingNotes => Set<WorkingNote>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DiscretDbContext).Assembly, t => t.Namespace == typeof(DiscretDbContext).Namespace + ".Configurations");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Every timestamp is UTC; SQLite would otherwise read them back as "unspecified".
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteDiscretDbContext(DbContextOptions<SqliteDiscretDbContext> options) : DiscretDbContext(options);

public sealed class PostgresDiscretDbContext(DbContextOptions<PostgresDiscretDbContext> options) : DiscretDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Name keys hold a–z only and are searched by the range [key, key + "{"): that needs byte order ("C"), as on
        // SQLite. Under a linguistic default collation (fr-FR) '{' sorts before the letters, so the range would miss
        // every longer name, and its indexes could not serve the prefix scan.
        builder.Entity<Person>(p =>
        {
            p.Property(x => x.BirthNameKey).UseCollation("C");
            p.Property(x => x.UsageNameKey).UseCollation("C");
            p.Property(x => x.BirthNameSound).UseCollation("C");
            p.Property(x => x.UsageNameSound).UseCollation("C");
        });
    }
}
