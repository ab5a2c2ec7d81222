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

    public async Task<JournalVerification> VerifyAsync(CancellationToken ct = default)
    {
        await JournalChain.DrainAsync(db, ct); // what is pending is chained first, then verified with the rest
        var (checkedCount, anchorsChecked, brokenAt, problem) = await WalkAsync(ct);
        var outcome = new JournalVerification(clock.GetUtcNow().UtcDateTime, problem is null, checkedCount, anchorsChecked, brokenAt, problem);
        db.JournalVerifications.Add(outcome);
        await db.SaveChangesAsync(ct);
        return outcome;
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
        public byte[] Previous = (byte[])JournalChain.Genesis.Clone();
        public long Count;
        public int Anchors;
        /// <summary>The first entry walked: its number and the hash it names as its predecessor's.</summary>
        public (long Seq, byte[] PreviousHash)? First;
        public long Last;
        public Break? Broken;

        /// <summary>Takes the entry the reader is on; false once the chain is broken (<see cref="Broken"/>).</summary>
        public bool Step(JournalChainReader e)
        {
            if (Expected < 0)
            {
                First = (e.Seq, e.PreviousHash.ToArray());
                Expected = e.Seq;
                Previous = e.PreviousHash.ToArray();
            }
            Broken = LinkBreak(e.Seq, e.PreviousHash, Expected, Previous) ?? ContentBreak(e);
            if (Broken is not null) return false;
            // The first entry may name a predecessor's hash of another length; an entry's own hash is 32 bytes, else it is broken.
            if (Previous.Length != 32) Previous = new byte[32];
            e.Hash.CopyTo(Previous);
            Expected++;
            Count++;
            Last = e.Seq;
            return true;
        }

        /// <summary>The entry's own hash, and the anchor that sealed it if any.</summary>
        private Break? ContentBreak(JournalChainReader e)
        {
            if (!e.Intact)
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

    /// <summary>Does the entry <paramref name="seq"/> come right after the entry numbered <paramref name="expected"/> − 1, whose hash is <paramref name="previous"/>?</summary>
    private static Break? LinkBreak(long seq, ReadOnlySpan<byte> previousHash, long expected, ReadOnlySpan<byte> previous)
    {
        if (seq != expected)
            return new Break(expected, expected == seq - 1
                ? $"L'entrée n° {expected} est manquante : elle a été supprimée."
                : $"Les entrées n° {expected} à {seq - 1} sont manquantes : elles ont été supprimées.");
        if (!previousHash.SequenceEqual(previous))
            return new Break(seq, $"L'entrée n° {seq} ne suit pas l'entrée n° {seq - 1} : des entrées ont été déplacées, remplacées ou modifiées.");
        return null;
    }

    /// <summary>The first entry kept: entry 1, or the one right after a sealed point (a purge).</summary>
    private static Break? StartBreak(long seq, ReadOnlySpan<byte> previousHash, IReadOnlyDictionary<long, JournalAnchor> anchors, ref int anchorsChecked)
    {
        if (seq == 1)
            return previousHash.SequenceEqual(JournalChain.Genesis)
                ? null
                : new Break(1, "L'entrée n° 1 ne commence pas la chaîne : le début du journal a été modifié.");
        if (!anchors.TryGetValue(seq - 1, out var floor) || !floor.Hash.AsSpan().SequenceEqual(previousHash))
            return new Break(seq, $"Les entrées antérieures au n° {seq} ont été supprimées sans scellement : le journal ne peut pas être vérifié depuis son début.");
        anchorsChecked++;
        return null;
    }

    /// <summary>One segment, [<paramref name="from"/>, <paramref name="to"/>], on a connection of its own.</summary>
    private async Task<Walk> SegmentAsync(IReadOnlyDictionary<long, JournalAnchor> bySeq, long from, long to, CancellationToken ct)
    {
        var walk = new Walk(bySeq);
        await using var connection = await JournalChainReader.ConnectAsync(db.Database.GetDbConnection(), db.Database.GetConnectionString()!, ct);
        await using var entries = await JournalChainReader.OpenAsync(connection, from - 1, to, null, ct);
        while (await entries.NextAsync(ct))
            if (!walk.Step(entries)) break;
        return walk;
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
        var walks = new Walk[segments.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, segments.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            async (i, token) => walks[i] = await SegmentAsync(bySeq, segments[i].From, segments[i].To, token));

        long count = 0;
        var anchorsChecked = 0;
        long expected = -1;
        byte[] previous = JournalChain.Genesis;
        long last = 0;
        foreach (var walk in walks)
        {
            if (walk.First is not { } e) continue;
            var seam = expected < 0 ? StartBreak(e.Seq, e.PreviousHash, bySeq, ref anchorsChecked) : LinkBreak(e.Seq, e.PreviousHash, expected, previous);
            if (seam is not null) return (count, anchorsChecked, seam.At, seam.Problem);
            count += walk.Count;
            anchorsChecked += walk.Anchors;
            if (walk.Broken is { } broken) return (count, anchorsChecked, broken.At, broken.Problem);
            expected = walk.Expected;
            previous = walk.Previous;
            last = walk.Last;
        }

        // The journal grows while it is verified: entries chained since are read too, before the end of the chain is
        // compared with its head. Read on the context's connection, a batch at a time.
        var tail = new Walk(bySeq) { Expected = expected, Previous = previous };
        for (var caughtUp = 0; ;)
        {
            var read = 0;
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var entries = await JournalChainReader.OpenAsync(db.Database.GetDbConnection(), last, null, TailBatch, ct);
                while (await entries.NextAsync(ct))
                {
                    read++;
                    if (tail.Expected < 0 && StartBreak(entries.Seq, entries.PreviousHash, bySeq, ref anchorsChecked) is { } start)
                        return (count, anchorsChecked, start.At, start.Problem);
                    if (!tail.Step(entries)) return (count + tail.Count, anchorsChecked + tail.Anchors, tail.Broken!.At, tail.Broken.Problem);
                    last = entries.Seq;
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            if (read > 0) continue;
            head = await db.JournalHeads.AsNoTracking().SingleAsync(ct);
            if (head.Seq > last && ++caughtUp <= 5) continue;
            break;
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
