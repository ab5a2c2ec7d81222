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
    /// (The PostgreSQL function discret_journal_chain writes the same bytes: migration JournalPendingChain.)
    /// </summary>
    public static byte[] ComputeHash(JournalEntry e, ReadOnlySpan<byte> previousHash) =>
        ComputeHash(e.Seq, e.At.Ticks, e.AccountId, e.Role?.ToString(), e.PersonId, e.Action.ToString(), e.Detail, e.Purpose,
            e.Reference, e.Address, previousHash);

    [ThreadStatic] private static Encoder? _encoder;

    /// <summary>The same, from the stored values.</summary>
    public static byte[] ComputeHash(long seq, long ticks, Guid? accountId, string? role, Guid? personId, string action,
        string? detail, string? purpose, Guid? reference, string? address, ReadOnlySpan<byte> previousHash)
    {
        var w = _encoder ??= new Encoder();
        w.Start(seq, ticks);
        w.Id(accountId);
        w.Text(role);
        w.Id(personId);
        w.Text(action);
        w.Text(detail);
        w.Text(purpose);
        w.Id(reference);
        w.Text(address);
        w.Bytes(previousHash);
        var hash = new byte[32];
        w.Hash(hash);
        return hash;
    }

    /// <summary>
    /// Writes the canonical encoding of one entry, field after field in the order of <see cref="ComputeHash(JournalEntry, ReadOnlySpan{byte})"/>,
    /// and hashes it. The verifier fills it straight from the database's bytes (<see cref="Bytes"/>, a text as its UTF-8
    /// bytes), without building strings; one encoding either way.
    /// </summary>
    public sealed class Encoder : IDisposable
    {
        private static readonly byte[] DomainBytes = Encoding.UTF8.GetBytes(Domain);
        // One hash object kept for every entry: SHA256.HashData sets one up and tears it down each time, a fifth of the
        // cost of hashing an entry (bench/results/2026-12-06-journal-verify-110M-partitioned.md).
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[] _buffer = new byte[1024];
        private int _length;

        private void Ensure(int more)
        {
            if (_length + more > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }

        private void Int(int value)
        {
            Ensure(4);
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
            _length += 4;
        }

        private void Long(long value)
        {
            Ensure(8);
            BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
            _length += 8;
        }

        /// <summary>A new entry: the domain, its number and its instant (ticks, UTC, whole microseconds).</summary>
        public void Start(long seq, long ticks)
        {
            _length = 0;
            Bytes(DomainBytes);
            Long(seq);
            Long(ticks);
        }

        public void Text(string? value)
        {
            if (value is null) { Int(-1); return; }
            var count = Encoding.UTF8.GetByteCount(value);
            Int(count);
            Ensure(count);
            _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        }

        public void Id(Guid? value)
        {
            if (value is not { } id) { Int(-1); return; }
            Int(32);
            Ensure(32);
            id.TryFormat(_buffer.AsSpan(_length, 32), out _, "N");
            _length += 32;
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            Int(value.Length);
            Ensure(value.Length);
            value.CopyTo(_buffer.AsSpan(_length));
            _length += value.Length;
        }

        /// <summary>An absent field.</summary>
        public void Null() => Int(-1);

        public void Hash(Span<byte> destination)
        {
            _sha256.AppendData(_buffer, 0, _length);
            _sha256.GetHashAndReset(destination);
        }

        public void Dispose() => _sha256.Dispose();
    }

    /// <summary>How many pending entries PostgreSQL chains per transaction (a batch holds the head under 5 ms: bench/journal-append.sh).</summary>
    public const int ChainBatch = 50;

    /// <summary>
    /// PostgreSQL: chains what is pending (<c>discret_journal_drain</c>: nothing when another chainer is at work — it
    /// will see these entries too). Outside a transaction only. SQLite chains in the writer's transaction: nothing to do.
    /// </summary>
    public static async Task DrainAsync(DiscretDbContext db, CancellationToken ct = default)
    {
        if (!db.ChainsPendingEntries || db.Database.CurrentTransaction is not null) return;
        await db.Database.ExecuteSqlRawAsync($"CALL discret_journal_drain({ChainBatch})", ct);
    }

    /// <summary>
    /// The head, once chained and on disk: PostgreSQL commits a chain without waiting for the disk, so what is sealed
    /// outside the database (an anchor, the head's witness) is read in a transaction whose own commit waits for it —
    /// and for everything written before, the chain included.
    /// </summary>
    public static async Task<JournalHead> DurableHeadAsync(DiscretDbContext db, CancellationToken ct = default)
    {
        if (!db.ChainsPendingEntries) return await db.JournalHeads.AsNoTracking().SingleAsync(ct);
        await DrainAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT txid_current()", ct); // an id of its own: the commit is flushed
        var head = await db.JournalHeads.AsNoTracking().SingleAsync(ct);
        await transaction.CommitAsync(ct);
        return head;
    }

    /// <summary>
    /// PostgreSQL: the entries of the unit of work go to <c>journal_pending</c>, inserted in the transaction that saves
    /// the change they record (no lock on the head); the caller drains after the commit.
    /// </summary>
    internal static async Task StageAsync(DiscretDbContext db, IReadOnlyList<JournalEntry> pending, CancellationToken ct)
    {
        // PostgreSQL takes at most 65,535 parameters a statement: 9 per entry, 5,000 entries at a time.
        foreach (var chunk in pending.OrderBy(e => e.At).Chunk(5_000)) await StageChunkAsync(db, chunk, ct);
    }

    private static async Task StageChunkAsync(DiscretDbContext db, IReadOnlyList<JournalEntry> pending, CancellationToken ct)
    {
        var sql = new StringBuilder("INSERT INTO journal_pending (\"At\", \"AccountId\", \"Role\", \"PersonId\", \"Action\", \"Detail\", \"Purpose\", \"Reference\", \"Address\") VALUES ");
        var parameters = new List<System.Data.Common.DbParameter>();
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        void Add(object? value)
        {
            var parameter = factory.CreateParameter();
            parameter.ParameterName = $"@j{parameters.Count}";
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
        }
        var rows = 0;
        foreach (var e in pending)
        {
            if (rows++ > 0) sql.Append(", ");
            var p = parameters.Count;
            sql.Append($"(@j{p}::timestamptz, @j{p + 1}::uuid, @j{p + 2}::text, @j{p + 3}::uuid, @j{p + 4}::text, @j{p + 5}::text, @j{p + 6}::text, @j{p + 7}::uuid, @j{p + 8}::text)");
            foreach (var value in new object?[] { e.At, e.AccountId, e.Role?.ToString(), e.PersonId, e.Action.ToString(), e.Detail, e.Purpose, e.Reference, e.Address })
                Add(value);
        }
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
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
