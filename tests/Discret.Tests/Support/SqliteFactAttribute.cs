namespace Discret.Tests.Support;

/// <summary>A fact about SQLite only (its database file, its folder): reported as skipped, not passed, on the PostgreSQL run.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (DiscretFactory.OnPostgres) Skip = "SQLite only (DISCRET_TEST_DB=sqlite).";
    }
}
