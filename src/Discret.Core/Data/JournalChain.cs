using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Discret.Data;
using Discret.Domain.Journal;
using Microsoft.EntityFrameworkCore;

namespace Discret.Data;

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
    /// its UTF-8 bytes; numbers as 8-byte big-endian; ids as 32 lowercase hexadecimal digits; enums by name.
    /// (The PostgreSQL function discret_journal_append writes the same bytes: migration JournalAppendFunction.)
    /// </summary>
    public static byte[] ComputeHash(JournalEntry e, ReadOnlySpan<byte> previousHash) =>
        ComputeHash(e.Seq, e.At.Ticks, e.AccountId, e.Role?.ToString(), e.PersonId, e.Action.ToString(), e.Detail, e.Purpose,
            e.Reference, e.Address, previousHash);

    [ThreadStatic] private static byte[]? _buffer;

    /// <summary>The same, from the stored values (the verifier reads rows without building entities).</summary>
    public static byte[] ComputeHash(long seq, long ticks, Guid? accountId, string? role, Guid? personId, string action,
        string? detail, string? purpose, Guid? reference, string? address, ReadOnlySpan<byte> previousHash)
    {
        var buffer = _buffer ??= new byte[1024];
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
        void Id(Guid? value)
        {
            if (value is not { } id) { Int(-1); return; }
            Int(32);
            Ensure(32);
            id.TryFormat(buffer.AsSpan(length, 32), out _, "N");
            length += 32;
        }
        void Bytes(ReadOnlySpan<byte> value)
        {
            Int(value.Length);
            Ensure(value.Length);
            value.CopyTo(buffer.AsSpan(length));
            length += value.Length;
        }

        Text(Domain);
        Long(seq);
        Long(ticks);
        Id(accountId);
        Text(role);
        Id(personId);
        Text(action);
        Text(detail);
        Text(purpose);
        Id(reference);
        Text(address);
        Bytes(previousHash);
        _buffer = buffer;
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
