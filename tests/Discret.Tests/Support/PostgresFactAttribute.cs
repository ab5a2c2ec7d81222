namespace Discret.Tests.Support;

/// <summary>A fact about PostgreSQL only (a trigger, a role): reported as skipped, not passed, on the SQLite run.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!DiscretFactory.OnPostgres) Skip = "PostgreSQL only (DISCRET_TEST_DB=postgres).";
    }
}
