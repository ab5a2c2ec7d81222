using System.Data.Common;
using Discret.Data;
using Discret.Domain.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Journal;

/// <summary>
/// Walks the whole chain: every entry's hash recomputed, every link to the previous entry, no gap in the sequence,
/// every anchor authentic and matching the entry it sealed, none beyond the last entry, the head row matching the end.
/// Reports the first broken link in French and keeps the outcome (<see cref="JournalVerification"/>) for the DPO console.
/// <para>
/// The chain is read in segments (<see cref="JournalSettings.VerifySegment"/>), one per processor at a time, each on
/// its own connection; the segments are then put end to end — each one's first entry must follow the previous one's
/// last — so the report is the one a single walk from the start would give. The entries chained meanwhile are walked
/// after them.
/// </para>
/// </summary>
public sealed class JournalVerifier(DiscretDbContext db, JournalAnchors anchors, TimeProvider clock, IOptions<JournalSettings> settings)
{
    private const int TailBatch = 20_000;
    private const string Columns = "\"Seq\", \"At\", \"AccountId\", \"Role\", \"PersonId\", \"Action\", \"Detail\", \"Purpose\", \"Reference\", \"Address\", \"PreviousHash\", \"Hash\"";

    public async Task<JournalVerification> VerifyAsync(CancellationToken ct = default)
    {
        await JournalChain.DrainAsync(db, ct); // what is pending is chained first, then verified with the rest
        var (checkedCount, anchorsChecked, brokenAt, problem) = await WalkAsync(ct);
        var outcome = new JournalVerification(clock.GetUtcNow().UtcDateTime, problem is null, checkedCount, anchorsChecked, brokenAt, problem);
        db.JournalVerifications.Add(outcome);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>A stored entry as the verifier reads it: the raw values, without building an entity (most of the cost at 100M rows).</summary>
    private sealed record Row(long Seq, long Ticks, Guid? AccountId, string? Role, Guid? PersonId, string Action, string? Detail,
        string? Purpose, Guid? Reference, string? Address, byte[] PreviousHash, byte[] Hash);

    private static Row Read(DbDataReader reader)
    {
        Guid? IdAt(int i) => reader.IsDBNull(i) ? null : reader.GetGuid(i);
        string? TextAt(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return new Row(reader.GetInt64(0), reader.GetDateTime(1).Ticks, IdAt(2), TextAt(3), IdAt(4), reader.GetString(5), TextAt(6),
            TextAt(7), IdAt(8), TextAt(9), reader.GetFieldValue<byte[]>(10), reader.GetFieldValue<byte[]>(11));
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, long Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0; // a segment of millions of entries is one long read
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static string When(DateTime utc) => ParisTime.DayTime(utc);

    /// <summary>Where the chain breaks: the entry, and what a DPO reads.</summary>
    private sealed record Break(long At, string Problem);

    /// <summary>
    /// A walk along consecutive entries: the links between them, each entry's hash, the anchors met. Started without an
    /// entry before it (<see cref="Expected"/> −1), it leaves its first entry's link to the caller: to the segment
    /// before it when the segments are put end to end, or to the chain's start.
    /// </summary>
    private sealed class Walk(IReadOnlyDictionary<long, JournalAnchor> anchors)
    {
        public long Expected = -1;
        public byte[] Previous = JournalChain.Genesis;
        public long Count;
        public int Anchors;
        public Row? First;
        public long Last;
        public Break? Broken;

        /// <summary>Takes the next entry; false once the chain is broken (<see cref="Broken"/>).</summary>
        public bool Step(Row e)
        {
            if (Expected < 0)
            {
                First = e;
                Expected = e.Seq;
                Previous = e.PreviousHash;
            }
            Broken = LinkBreak(e, Expected, Previous) ?? ContentBreak(e);
            if (Broken is not null) return false;
            Previous = e.Hash;
            Expected++;
            Count++;
            Last = e.Seq;
            return true;
        }

        /// <summary>The entry's own hash, and the anchor that sealed it if any.</summary>
        private Break? ContentBreak(Row e)
        {
            if (!JournalChain.ComputeHash(e.Seq, e.Ticks, e.AccountId, e.Role, e.PersonId, e.Action, e.Detail, e.Purpose, e.Reference, e.Address,
                    e.PreviousHash).AsSpan().SequenceEqual(e.Hash))
                return new Break(e.Seq, $"L'entrée n° {e.Seq} a été modifiée : son contenu ne correspond plus à son empreinte.");
            if (anchors.TryGetValue(e.Seq, out var anchor))
            {
                if (!anchor.Hash.AsSpan().SequenceEqual(e.Hash))
                    return new Break(e.Seq, $"L'entrée n° {e.Seq} ne correspond pas au scellement du {When(anchor.SealedAt)} : le journal a été réécrit jusqu'à ce point.");
                Anchors++;
            }
            return null;
        }
    }

    /// <summary>Does <paramref name="e"/> come right after the entry numbered <paramref name="expected"/> − 1, whose hash is <paramref name="previous"/>?</summary>
    private static Break? LinkBreak(Row e, long expected, byte[] previous)
    {
        if (e.Seq != expected)
            return new Break(expected, expected == e.Seq - 1
                ? $"L'entrée n° {expected} est manquante : elle a été supprimée."
                : $"Les entrées n° {expected} à {e.Seq - 1} sont manquantes : elles ont été supprimées.");
        if (!e.PreviousHash.AsSpan().SequenceEqual(previous))
            return new Break(e.Seq, $"L'entrée n° {e.Seq} ne suit pas l'entrée n° {e.Seq - 1} : des entrées ont été déplacées, remplacées ou modifiées.");
        return null;
    }

    /// <summary>The first entry kept: entry 1, or the one right after a sealed point (a purge).</summary>
    private static Break? StartBreak(Row e, IReadOnlyDictionary<long, JournalAnchor> anchors, ref int anchorsChecked)
    {
        if (e.Seq == 1)
            return e.PreviousHash.AsSpan().SequenceEqual(JournalChain.Genesis)
                ? null
                : new Break(1, "L'entrée n° 1 ne commence pas la chaîne : le début du journal a été modifié.");
        if (!anchors.TryGetValue(e.Seq - 1, out var floor) || !floor.Hash.AsSpan().SequenceEqual(e.PreviousHash))
            return new Break(e.Seq, $"Les entrées antérieures au n° {e.Seq} ont été supprimées sans scellement : le journal ne peut pas être vérifié depuis son début.");
        anchorsChecked++;
        return null;
    }

    /// <summary>One segment, [<paramref name="from"/>, <paramref name="to"/>], on a connection of its own.</summary>
    private async Task<Walk> SegmentAsync(DbProviderFactory provider, string connectionString, IReadOnlyDictionary<long, JournalAnchor> bySeq,
        long from, long to, CancellationToken ct)
    {
        var walk = new Walk(bySeq);
        await using var connection = provider.CreateConnection()!;
        connection.ConnectionString = connectionString;
        await connection.OpenAsync(ct);
        await using var command = Command(connection,
            $"SELECT {Columns} FROM journal_entries WHERE \"Seq\" >= @from AND \"Seq\" <= @to ORDER BY \"Seq\"", ("@from", from), ("@to", to));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (!walk.Step(Read(reader))) break;
        return walk;
    }

    /// <summary>The entries after <paramref name="after"/>, in chain order, on the context's connection (the tail chained meanwhile).</summary>
    private async Task<List<Row>> TailAsync(long after, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = Command(connection, $"SELECT {Columns} FROM journal_entries WHERE \"Seq\" > @after ORDER BY \"Seq\" LIMIT {TailBatch}", ("@after", after));
            var rows = new List<Row>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rows.Add(Read(reader));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<(long Checked, int Anchors, long? BrokenAt, string? Problem)> WalkAsync(CancellationToken ct)
    {
        var sealedPoints = anchors.List();
        if (sealedPoints.FirstOrDefault(a => !a.Authentic) is { } forged)
            return (0, 0, null, $"Le scellement « {Path.GetFileName(forged.File)} » n'est pas authentique : sa signature ne correspond pas à la clé de scellement.");
        var bySeq = sealedPoints.GroupBy(a => a.Seq).ToDictionary(g => g.Key, g => g.First());

        // The segments, read several at once, then put end to end in order.
        var head = await db.JournalHeads.AsNoTracking().SingleAsync(ct);
        var first = await db.JournalEntries.AsNoTracking().MinAsync(e => (long?)e.Seq, ct);
        var size = Math.Max(1, settings.Value.VerifySegment);
        var segments = new List<(long From, long To)>();
        if (first is { } low)
            for (var from = low; from <= head.Seq; from += size) segments.Add((from, Math.Min(from + size - 1, head.Seq)));
        var connection = db.Database.GetDbConnection();
        var provider = DbProviderFactories.GetFactory(connection) ?? throw new InvalidOperationException("No provider factory for the journal's connection.");
        var connectionString = db.Database.GetConnectionString()!;
        var walks = new Walk[segments.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, segments.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            async (i, token) => walks[i] = await SegmentAsync(provider, connectionString, bySeq, segments[i].From, segments[i].To, token));

        long count = 0;
        var anchorsChecked = 0;
        long expected = -1;
        byte[] previous = JournalChain.Genesis;
        long last = 0;
        foreach (var walk in walks)
        {
            if (walk.First is not { } e) continue;
            var seam = expected < 0 ? StartBreak(e, bySeq, ref anchorsChecked) : LinkBreak(e, expected, previous);
            if (seam is not null) return (count, anchorsChecked, seam.At, seam.Problem);
            count += walk.Count;
            anchorsChecked += walk.Anchors;
            if (walk.Broken is { } broken) return (count, anchorsChecked, broken.At, broken.Problem);
            expected = walk.Expected;
            previous = walk.Previous;
            last = walk.Last;
        }

        // The journal grows while it is verified: entries chained since are read too, before the end of the chain is
        // compared with its head.
        var tail = new Walk(bySeq) { Expected = expected, Previous = previous };
        for (var caughtUp = 0; ;)
        {
            var batch = await TailAsync(last, ct);
            if (batch.Count == 0)
            {
                head = await db.JournalHeads.AsNoTracking().SingleAsync(ct);
                if (head.Seq > last && ++caughtUp <= 5) continue;
                break;
            }
            foreach (var e in batch)
            {
                if (tail.Expected < 0 && StartBreak(e, bySeq, ref anchorsChecked) is { } start) return (count, anchorsChecked, start.At, start.Problem);
                if (!tail.Step(e)) return (count + tail.Count, anchorsChecked + tail.Anchors, tail.Broken!.At, tail.Broken.Problem);
                last = e.Seq;
            }
        }
        count += tail.Count;
        anchorsChecked += tail.Anchors;
        previous = tail.Previous;

        if (count == 0 && head.Seq > 0)
        {
            // Everything was purged: the end of the chain must be the last sealed point.
            if (bySeq.TryGetValue(head.Seq, out var end) && end.Hash.AsSpan().SequenceEqual(head.Hash)) return (0, 1, null, null);
            return (0, 0, head.Seq, $"Le journal est vide alors qu'il comptait {head.Seq} entrées : elles ont été supprimées sans scellement.");
        }
        if (sealedPoints.LastOrDefault() is { } latest && latest.Seq > last)
            return (count, anchorsChecked, last + 1, $"Des entrées ont disparu après le n° {last} : le scellement du {When(latest.SealedAt)} couvrait le journal jusqu'au n° {latest.Seq}.");
        if (head.Seq != last || (last > 0 && !head.Hash.AsSpan().SequenceEqual(previous)))
            return (count, anchorsChecked, last + 1, $"La tête du journal (n° {head.Seq}) ne correspond pas à sa dernière entrée (n° {last}) : des entrées ont été supprimées à la fin.");
        return (count, anchorsChecked, null, null);
    }
}
