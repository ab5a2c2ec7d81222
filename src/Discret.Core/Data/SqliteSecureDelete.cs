using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Discret.Data;

/// <summary>
/// SQLite keeps a deleted row's bytes in the file's free space until the page is reused; with <c>secure_delete</c> it
/// overwrites them with zeros at once, so a file deleted by the retention job or an erasure leaves no trace in the
/// database file (a test reads the file's bytes to check).
/// </summary>
public sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Enable(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Enable(connection);
        return Task.CompletedTask;
    }

    private static void Enable(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;";
        command.ExecuteNonQuery();
    }
}
