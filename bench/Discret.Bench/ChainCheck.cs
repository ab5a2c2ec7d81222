using System.Data;
using System.Diagnostics;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Npgsql;

namespace Discret.Bench;

/// <summary>
/// A lean chain check used as the baseline for the app's verifier: one ordered stream of the rows through a raw
/// <see cref="NpgsqlDataReader"/>, each row rebuilt as a <see cref="JournalEntry"/> and re-hashed by the app's own
/// <c>JournalEntry.Link</c> / <c>JournalChain.ComputeHash</c>. What it costs is reading the rows and hashing them, nothing else.
/// </summary>
public static class ChainCheck
{

    public sealed record Result(long Checked, bool Intact, string? Problem, double Seconds);

    public static async Task<Result> RunAsync(string connectionString, long? limit, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT "Seq", "At", "AccountId", "Role", "PersonId", "Action", "Detail", "Purpose", "Reference", "Address", "PreviousHash", "Hash"
            FROM journal_entries
            """ + (limit is null ? "" : " WHERE \"Seq\" <= $1") + " ORDER BY \"Seq\"", conn, tx) { CommandTimeout = 0 };
        if (limit is { } l) cmd.Parameters.AddWithValue(l);
        await using var r = await cmd.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        var previous = new byte[32];
        long expected = 0;
        while (await r.ReadAsync(ct))
        {
            var seq = r.GetInt64(0);
            var e = new JournalEntry(r.GetFieldValue<DateTime>(1),
                r.IsDBNull(2) ? null : r.GetGuid(2),
                r.IsDBNull(3) ? null : Enum.Parse<StaffRole>(r.GetString(3)),
                r.IsDBNull(4) ? null : r.GetGuid(4),
                Enum.Parse<JournalAction>(r.GetString(5)),
                r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetString(7),
                r.IsDBNull(8) ? null : r.GetGuid(8),
                r.IsDBNull(9) ? null : r.GetString(9));
            var storedPrevious = r.GetFieldValue<byte[]>(10);
            var stored = r.GetFieldValue<byte[]>(11);
            if (seq != ++expected) return new Result(expected - 1, false, $"gap before {seq}", sw.Elapsed.TotalSeconds);
            if (!storedPrevious.AsSpan().SequenceEqual(previous)) return new Result(expected - 1, false, $"previous hash of {seq}", sw.Elapsed.TotalSeconds);
            Chain.Link(e, seq, previous);
            if (!e.Hash.AsSpan().SequenceEqual(stored)) return new Result(expected - 1, false, $"hash of {seq}", sw.Elapsed.TotalSeconds);
            previous = stored;
            if (expected % 10_000_000 == 0) Console.WriteLine($"  chain check: {expected:N0} rows, {expected / sw.Elapsed.TotalSeconds:N0} rows/s");
        }
        return new Result(expected, true, null, sw.Elapsed.TotalSeconds);
    }
}
