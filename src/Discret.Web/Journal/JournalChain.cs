using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Discret.Web.Data;
using Discret.Web.Domain.Journal;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Journal;

/// <summary>
/// The hash chain of the journal. Each entry's hash is SHA-256 over a canonical encoding of its fields and the
/// previous entry's hash; entries are appended under a lock on the single <see cref="JournalHead"/> row (held until
/// the transaction commits), so concurrent writers — in one process or in several instances — form one chain.
/// </summary>
public static class JournalChain
{
    /// <summary>The "previous hash" of entry 1.</summary>
    public static readonly byte[] Genesis = new byte[32];

    private const string Domain = "discret-journal/1";

    /// <summary>
    /// Canonical encoding: every field in a fixed order, each as a 4-byte big-endian length (−1 for null) followed by
    /// its UTF-8 bytes; numbers as 8-byte big-endian; ids as 32 hexadecimal digits; enums by name.
    /// </summary>
    public static byte[] ComputeHash(JournalEntry e, ReadOnlySpan<byte> previousHash)
    {
        var buffer = new byte[512];
        var length = 0;
        void Ensure(int more)
        {
            if (length + more > buffer.Length) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + more));
        }
        void Int(int value)
        {
            Ensure(4);
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), value);
            length += 4;
        }
        void Long(long value)
        {
            Ensure(8);
            BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(length), value);
            length += 8;
        }
        void Text(string? value)
        {
            if (value is null) { Int(-1); return; }
            var count = Encoding.UTF8.GetByteCount(value);
            Int(count);
            Ensure(count);
            length += Encoding.UTF8.GetBytes(value, buffer.AsSpan(length));
        }
        void Bytes(ReadOnlySpan<byte> value)
        {
            Int(value.Length);
            Ensure(value.Length);
            value.CopyTo(buffer.AsSpan(length));
            length += value.Length;
        }

        Text(Domain);
        Long(e.Seq);
        Long(e.At.Ticks);
        Text(e.AccountId?.ToString("N"));
        Text(e.Role?.ToString());
        Text(e.PersonId?.ToString("N"));
        Text(e.Action.ToString());
        Text(e.Detail);
        Text(e.Purpose);
        Text(e.Reference?.ToString("N"));
        Text(e.Address);
        Bytes(previousHash);
        return SHA256.HashData(buffer.AsSpan(0, length));
    }

    /// <summary>
    /// Gives the pending entries their place in the chain. Must run inside the transaction that saves them: it locks
    /// the head row (PostgreSQL: SELECT … FOR UPDATE; SQLite: the write lock taken by BEGIN IMMEDIATE) and moves it.
    /// </summary>
    internal static async Task LinkAsync(DiscretDbContext db, IReadOnlyList<JournalEntry> pending, CancellationToken ct)
    {
        // A head tracked from an earlier save would come back stale: forget it, then read it again, locked.
        foreach (var stale in db.ChangeTracker.Entries<JournalHead>().ToList()) stale.State = EntityState.Detached;
        var head = await db.JournalHeads.FromSqlRaw(db.LockJournalHeadSql).SingleAsync(ct);
        var seq = head.Seq;
        var previous = head.Hash;
        foreach (var entry in pending.OrderBy(e => e.At).ThenByDescending(e => e.Seq))
        {
            // The key changes through the change tracker, which re-indexes the entry (allowed while it is Added).
            db.Entry(entry).Property(e => e.Seq).CurrentValue = ++seq;
            entry.Link(previous);
            previous = entry.Hash;
        }
        // Saved by the caller's SaveChanges, in the same batch as the entries: one round trip for both.
        head.Seq = seq;
        head.Hash = previous;
    }
}
