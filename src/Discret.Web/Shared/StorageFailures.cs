using Microsoft.Data.Sqlite;
using Npgsql;

namespace Discret.Web.Shared;

/// <summary>
/// Failures of the database itself rather than of Discret: PostgreSQL unreachable, restarting or out of resources (a
/// full disk), SQLite's disk full or its file unwritable. They answer 503 « réessayez », not 500 « erreur interne »: the
/// transaction was rolled back, nothing was saved, and the request can be sent again once the database is back — which
/// needs no action in Discret (found by the fault scripts, bench/faults.sh).
/// </summary>
public static class StorageFailures
{
    public const string Title = "Enregistrement impossible pour le moment";

    public const string Message = "La base de données ne répond pas ou son disque est plein : rien n'a été lu ni enregistré. "
        + "Réessayez dans quelques instants ; si cela dure, prévenez l'administrateur.";

    /// <summary>
    /// After a failure that cut the connection (PostgreSQL restarted or was unreachable), the pool's idle connections are
    /// dead too, and each would fail its next request: they are dropped, so that the next requests open fresh ones.
    /// </summary>
    public static void ForgetBrokenConnections(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException p ? p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal) : e is NpgsqlException)
            {
                NpgsqlConnection.ClearAllPools();
                return;
            }
        }
    }

    /// <summary>Runs a short bookkeeping step again once when the database failed it (its dead connections dropped first).</summary>
    public static async Task TwiceAsync(Func<Task> step)
    {
        try { await step(); }
        catch (Exception e) when (IsStorageUnavailable(e))
        {
            ForgetBrokenConnections(e);
            await step();
        }
    }

    /// <summary>
    /// Runs a bookkeeping step (an idempotency key released, an answer kept) as <see cref="TwiceAsync"/>; when the
    /// database is still away (restarting), again in the background every second for up to two minutes — so a key is
    /// never left « en cours » by a request that ended while the database was down (bench/faults.sh postgres-restart: a
    /// client's retry then read 409 until the key was abandoned, five minutes later).
    /// </summary>
    public static async Task EventuallyAsync(Func<Task> step, TimeSpan? every = null, int attempts = 120)
    {
        try
        {
            await TwiceAsync(step);
        }
        catch (Exception e) when (IsStorageUnavailable(e))
        {
            ForgetBrokenConnections(e);
            _ = Task.Run(async () =>
            {
                for (var i = 0; i < attempts; i++)
                {
                    await Task.Delay(every ?? TimeSpan.FromSeconds(1));
                    try
                    {
                        await step();
                        return;
                    }
                    catch (Exception again) when (IsStorageUnavailable(again))
                    {
                        ForgetBrokenConnections(again);
                    }
                    catch (Exception)
                    {
                        return; // not the database being away: nothing a retry would mend
                    }
                }
            });
        }
    }

    public static bool IsStorageUnavailable(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // SQLITE_IOERR (10), SQLITE_FULL (13), SQLITE_CANTOPEN (14).
                case SqliteException s when s.SqliteErrorCode is 10 or 13 or 14:
                    return true;
                // Class 08 connection exception, 53 insufficient resources (53100 disk full), 57P01–57P03 shutting down or starting.
                case PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("53", StringComparison.Ordinal)
                                              || p.SqlState.StartsWith("57P", StringComparison.Ordinal):
                    return true;
                // Npgsql's own failures (the server refused or dropped the connection, timed out) are not PostgresExceptions.
                case NpgsqlException n when n is not PostgresException:
                    return true;
            }
        }
        return false;
    }
}
