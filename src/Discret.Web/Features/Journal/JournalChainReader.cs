using System.Buffers.Binary;
using System.Data.Common;
using Discret.Data;
using Npgsql;

namespace Discret.Web.Features.Journal;

/// <summary>
/// Stored entries in chain order, each read straight into the chain's encoding (<see cref="JournalChain.Encoder"/>) and
/// its hash checked: no entity, no string, no array per entry — the cost at a hundred million rows.
/// <para>
/// PostgreSQL sends the rows as a binary <c>COPY</c>: its own representation of each field (numbers and instants as
/// big-endian integers, ids as 16 bytes, texts as their UTF-8 bytes), which this reader walks itself: the server converts
/// no text and the client makes no call per field (bench/results/2026-12-06-journal-verify-110M-partitioned.md, the
/// steps measured one by one). SQLite reads the rows as a query's results.
/// </para>
/// </summary>
public abstract class JournalChainReader : IAsyncDisposable
{
    private readonly byte[] _computed = new byte[32];

    /// <summary>The stored columns, in the encoding's order; <paramref name="text"/> says how a text column is read.</summary>
    private static string Columns(Func<string, string> text) =>
        $"\"Seq\", \"At\", \"AccountId\", {text("Role")}, \"PersonId\", {text("Action")}, {text("Detail")}, {text("Purpose")}, \"Reference\", {text("Address")}, \"PreviousHash\", \"Hash\"";

    protected readonly JournalChain.Encoder Encoder = new();

    public long Seq { get; protected set; }
    public abstract ReadOnlySpan<byte> PreviousHash { get; }
    public abstract ReadOnlySpan<byte> Hash { get; }
    /// <summary>The entry's content still gives its stored hash.</summary>
    public bool Intact { get; private set; }

    /// <summary>Moves to the next entry; false at the end.</summary>
    public abstract Task<bool> NextAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    /// <summary>Once an entry's fields are all encoded: hashes them and compares with the stored hash.</summary>
    protected void Check()
    {
        Encoder.Hash(_computed);
        Intact = Hash.Length == 32 && _computed.AsSpan().SequenceEqual(Hash);
    }

    /// <summary>
    /// A connection of its own to read a segment of the chain, like <paramref name="context"/>'s, opened. PostgreSQL's
    /// reads through a buffer of 1 MB rather than 8 KB: fewer, larger reads of the socket
    /// (bench/results/2026-12-06-journal-verify-110M-partitioned.md); and without a time limit, a segment of millions of
    /// entries being one long read.
    /// </summary>
    public static async Task<DbConnection> ConnectAsync(DbConnection context, string connectionString, CancellationToken ct)
    {
        var provider = DbProviderFactories.GetFactory(context) ?? throw new InvalidOperationException("No provider factory for the journal's connection.");
        var connection = provider.CreateConnection()!;
        connection.ConnectionString = context is NpgsqlConnection
            ? new NpgsqlConnectionStringBuilder(connectionString) { ReadBufferSize = 1 << 20, CommandTimeout = 0 }.ConnectionString
            : connectionString;
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The entries numbered after <paramref name="after"/>, up to <paramref name="through"/> if given, in order, at most
    /// <paramref name="limit"/> of them; read on <paramref name="connection"/>, open.
    /// </summary>
    public static async Task<JournalChainReader> OpenAsync(DbConnection connection, long after, long? through, int? limit, CancellationToken ct)
    {
        // Numbers only, written into the statement (a COPY takes no parameters).
        var range = FormattableString.Invariant($"\"Seq\" > {after}{(through is { } t ? FormattableString.Invariant($" AND \"Seq\" <= {t}") : "")}");
        var top = limit is { } n ? FormattableString.Invariant($" LIMIT {n}") : "";
        string Select(Func<string, string> text) => $"SELECT {Columns(text)} FROM journal_entries WHERE {range} ORDER BY \"Seq\"{top}";
        if (connection is NpgsqlConnection npgsql)
            return new CopyReader(await npgsql.BeginRawBinaryCopyAsync($"COPY ({Select(c => $"\"{c}\"")}) TO STDOUT (FORMAT BINARY)", ct));
        var command = connection.CreateCommand();
        command.CommandText = Select(c => $"CAST(\"{c}\" AS BLOB)");
        command.CommandTimeout = 0; // a segment of millions of entries is one long read
        return new RowReader(command, await command.ExecuteReaderAsync(ct));
    }

    /// <summary>
    /// PostgreSQL's binary <c>COPY</c> format: a header, then per row a 16-bit field count and per field a 32-bit length
    /// (−1 for null) and its bytes, then a count of −1. A row is decoded once it is whole in the buffer.
    /// </summary>
    private sealed class CopyReader(NpgsqlRawCopyStream copy) : JournalChainReader
    {
        private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
        private const int Fields = 12;
        /// <summary>PostgreSQL's instants count microseconds from 2000-01-01 UTC.</summary>
        private static readonly long Epoch = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

        private byte[] _buffer = new byte[1 << 16]; // a row is a few hundred bytes; grown for a longer one
        private int _start, _end;
        private bool _started, _ended;
        private (int Offset, int Length) _previous, _hash;

        public override ReadOnlySpan<byte> PreviousHash => _buffer.AsSpan(_previous.Offset, _previous.Length);
        public override ReadOnlySpan<byte> Hash => _buffer.AsSpan(_hash.Offset, _hash.Length);

        public override async Task<bool> NextAsync(CancellationToken ct)
        {
            if (_ended) return false;
            if (!_started)
            {
                int header;
                while ((header = HeaderLength()) < 0) await FillAsync(ct);
                _start += header;
                _started = true;
            }
            int length;
            while ((length = RowLength()) < 0) await FillAsync(ct);
            if (length == 2)
            {
                _ended = true;
                return false;
            }
            Decode(_start);
            _start += length;
            return true;
        }

        /// <summary>The header's length once it is whole in the buffer, else −1.</summary>
        private int HeaderLength()
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            if (span.Length < Signature.Length + 8) return -1;
            if (!span[..Signature.Length].SequenceEqual(Signature)) throw new InvalidDataException("The journal's COPY stream has no binary COPY signature.");
            var extension = BinaryPrimitives.ReadInt32BigEndian(span[(Signature.Length + 4)..]);
            var length = Signature.Length + 8 + extension;
            return span.Length < length ? -1 : length;
        }

        /// <summary>The length of the row at the buffer's start once it is whole (2 for the end mark), else −1.</summary>
        private int RowLength()
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            if (span.Length < 2) return -1;
            var fields = BinaryPrimitives.ReadInt16BigEndian(span);
            if (fields == -1) return 2;
            if (fields != Fields) throw new InvalidDataException($"A journal row came with {fields} fields, not {Fields}.");
            var at = 2;
            for (var i = 0; i < Fields; i++)
            {
                if (span.Length - at < 4) return -1;
                var length = BinaryPrimitives.ReadInt32BigEndian(span[at..]);
                at += 4;
                if (length > 0)
                {
                    if (span.Length - at < length) return -1;
                    at += length;
                }
            }
            return at;
        }

        /// <summary>More bytes from the server: what is left of the buffer moved to its start, the buffer grown when one row fills it.</summary>
        private async Task FillAsync(CancellationToken ct)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            // One read per row the server sends: the token is checked here rather than registered on each read.
            ct.ThrowIfCancellationRequested();
            var read = await copy.ReadAsync(_buffer.AsMemory(_end), CancellationToken.None);
            if (read == 0) throw new EndOfStreamException("The journal's COPY stream ended inside a row.");
            _end += read;
        }

        private void Decode(int at)
        {
            at += 2;
            Seq = Number(ref at);
            Encoder.Start(Seq, Epoch + Number(ref at) * 10);
            Id(ref at); Bytes(ref at); Id(ref at); Bytes(ref at); Bytes(ref at); Bytes(ref at); Id(ref at); Bytes(ref at);
            _previous = Bytes(ref at);
            _hash = Field(ref at);
            if (_hash.Length < 0) _hash = (0, 0);
            Check();
        }

        private (int Offset, int Length) Field(ref int at)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(at));
            at += 4;
            var field = (at, length);
            if (length > 0) at += length;
            return field;
        }

        private long Number(ref int at)
        {
            var (offset, length) = Field(ref at);
            if (length != 8) throw new InvalidDataException("A journal row's number or instant is not an 8-byte integer.");
            return BinaryPrimitives.ReadInt64BigEndian(_buffer.AsSpan(offset));
        }

        private void Id(ref int at)
        {
            var (offset, length) = Field(ref at);
            if (length < 0) Encoder.Null();
            else if (length == 16) Encoder.Id(new Guid(_buffer.AsSpan(offset, 16), bigEndian: true));
            else throw new InvalidDataException("A journal row's id is not a 16-byte uuid.");
        }

        private (int Offset, int Length) Bytes(ref int at)
        {
            var (offset, length) = Field(ref at);
            if (length < 0)
            {
                Encoder.Null();
                return (0, 0);
            }
            Encoder.Bytes(_buffer.AsSpan(offset, length));
            return (offset, length);
        }

        public override async ValueTask DisposeAsync()
        {
            Encoder.Dispose();
            // Stopped before the end (a break found): the server is told to stop sending, rather than the rest of the
            // segment being read to no purpose.
            if (!_ended) await copy.CancelAsync();
            await copy.DisposeAsync();
        }
    }

    /// <summary>A query's results, texts cast to their bytes. Microsoft.Data.Sqlite's GetBytes crashed the process (a
    /// segmentation fault, reading a blob cast from a text): fields are read as whole arrays — a small journal.</summary>
    private sealed class RowReader(DbCommand command, DbDataReader reader) : JournalChainReader
    {
        private byte[] _previous = [];
        private byte[] _hash = [];

        public override ReadOnlySpan<byte> PreviousHash => _previous;
        public override ReadOnlySpan<byte> Hash => _hash;

        public override async Task<bool> NextAsync(CancellationToken ct)
        {
            if (!await reader.ReadAsync(ct)) return false;
            Seq = reader.GetInt64(0);
            Encoder.Start(Seq, reader.GetDateTime(1).Ticks);
            Id(2); Bytes(3); Id(4); Bytes(5); Bytes(6); Bytes(7); Id(8); Bytes(9);
            _previous = Bytes(10);
            _hash = reader.IsDBNull(11) ? [] : reader.GetFieldValue<byte[]>(11);
            Check();
            return true;
        }

        private void Id(int i)
        {
            if (reader.IsDBNull(i)) Encoder.Null(); else Encoder.Id(reader.GetGuid(i));
        }

        private byte[] Bytes(int i)
        {
            if (reader.IsDBNull(i))
            {
                Encoder.Null();
                return [];
            }
            var bytes = reader.GetFieldValue<byte[]>(i);
            Encoder.Bytes(bytes);
            return bytes;
        }

        public override async ValueTask DisposeAsync()
        {
            Encoder.Dispose();
            await reader.DisposeAsync();
            await command.DisposeAsync();
        }
    }
}
