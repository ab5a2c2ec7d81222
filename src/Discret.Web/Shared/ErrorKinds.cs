using System.Data.Common;

namespace Discret.Web.Shared;

/// <summary>
/// What an error log line may say about an exception: its type and those of its inner exceptions, and a database
/// error's code (SQLSTATE on PostgreSQL, the result code on SQLite). Never the message (it may quote user input or SQL)
/// nor the stack trace.
/// </summary>
public static class ErrorKinds
{
    public static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (var e = error; e is not null && parts.Count < 5; e = e.InnerException)
            parts.Add(e switch
            {
                Microsoft.Data.Sqlite.SqliteException sqlite => $"{e.GetType().Name} {sqlite.SqliteErrorCode}/{sqlite.SqliteExtendedErrorCode}",
                DbException db => $"{e.GetType().Name} {db.SqlState}",
                _ => e.GetType().Name,
            });
        return string.Join(" ← ", parts);
    }
}
