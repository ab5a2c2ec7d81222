using Discret.Data;
using Discret.Domain.Journal;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Journal;

/// <summary>
/// Walks the whole chain: every entry's hash recomputed, every link to the previous entry, no gap in the sequence,
/// every anchor authentic and matching the entry it sealed, none beyond the last entry, the head row matching the end.
/// Reports the first broken link in French and keeps the outcome (<see cref="JournalVerification"/>) for the DPO console.
/// </summary>
public sealed class JournalVerifier(DiscretDbContext db, JournalAnchors anchors, TimeProvider clock)
{
    private const int Batch = 20_000;

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

    /// <summary>The next entries after <paramref name="after"/>, in chain order, read with a plain data reader.</summary>
    private async Task<List<Row>> RowsAsync(long after, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Seq\", \"At\", \"AccountId\", \"Role\", \"PersonId\", \"Action\", \"Detail\", \"Purpose\", \"Reference\", "
                + $"\"Address\", \"PreviousHash\", \"Hash\" FROM journal_entries WHERE \"Seq\" > @after ORDER BY \"Seq\" LIMIT {Batch}";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@after";
            parameter.Value = after;
            command.Parameters.Add(parameter);
            var rows = new List<Row>(Batch);
            await using var reader = await command.ExecuteReaderAsync(ct);
            Guid? IdAt(int i) => reader.IsDBNull(i) ? null : reader.GetGuid(i);
            string? TextAt(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            while (await reader.ReadAsync(ct))
                rows.Add(new Row(reader.GetInt64(0), reader.GetDateTime(1).Ticks, IdAt(2), TextAt(3), IdAt(4), reader.GetString(5), TextAt(6),
                    TextAt(7), IdAt(8), TextAt(9), reader.GetFieldValue<byte[]>(10), reader.GetFieldValue<byte[]>(11)));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string When(DateTime utc) => ParisTime.DayTime(utc);

    private async Task<(long Checked, int Anchors, long? BrokenAt, string? Problem)> WalkAsync(CancellationToken ct)
    {
        var sealedPoints = anchors.List();
        if (sealedPoints.FirstOrDefault(a => !a.Authentic) is { } forged)
            return (0, 0, null, $"Le scellement « {Path.GetFileName(forged.File)} » n'est pas authentique : sa signature ne correspond pas à la clé de scellement.");
        var bySeq = sealedPoints.GroupBy(a => a.Seq).ToDictionary(g => g.Key, g => g.First());
        var anchorsChecked = 0;

        long count = 0;
        long expected = -1;
        byte[] previous = JournalChain.Genesis;
        long last = 0;
        JournalHead head;
        var caughtUp = 0;
        while (true)
        {
            var after = last;
            var batch = await RowsAsync(after, ct);
            if (batch.Count == 0)
            {
                // The journal grows while it is verified: entries chained since the last read are read too, before the
                // end of the chain is compared with its head.
                head = await db.JournalHeads.AsNoTracking().SingleAsync(ct);
                if (head.Seq > last && ++caughtUp <= 5) continue;
                break;
            }
            foreach (var e in batch)
            {
                if (expected < 0)
                {
                    // The first entry kept: entry 1, or the one right after a sealed purge.
                    if (e.Seq == 1)
                    {
                        if (!e.PreviousHash.AsSpan().SequenceEqual(JournalChain.Genesis))
                            return (count, anchorsChecked, 1, "L'entrée n° 1 ne commence pas la chaîne : le début du journal a été modifié.");
                    }
                    else if (!bySeq.TryGetValue(e.Seq - 1, out var floor) || !floor.Hash.AsSpan().SequenceEqual(e.PreviousHash))
                        return (count, anchorsChecked, e.Seq, $"Les entrées antérieures au n° {e.Seq} ont été supprimées sans scellement : le journal ne peut pas être vérifié depuis son début.");
                    else anchorsChecked++;
                    expected = e.Seq;
                    previous = e.PreviousHash;
                }
                if (e.Seq != expected)
                    return (count, anchorsChecked, expected, expected == e.Seq - 1
                        ? $"L'entrée n° {expected} est manquante : elle a été supprimée."
                        : $"Les entrées n° {expected} à {e.Seq - 1} sont manquantes : elles ont été supprimées.");
                if (!e.PreviousHash.AsSpan().SequenceEqual(previous))
                    return (count, anchorsChecked, e.Seq, $"L'entrée n° {e.Seq} ne suit pas l'entrée n° {e.Seq - 1} : des entrées ont été déplacées, remplacées ou modifiées.");
                if (!JournalChain.ComputeHash(e.Seq, e.Ticks, e.AccountId, e.Role, e.PersonId, e.Action, e.Detail, e.Purpose, e.Reference, e.Address,
                        e.PreviousHash).AsSpan().SequenceEqual(e.Hash))
                    return (count, anchorsChecked, e.Seq, $"L'entrée n° {e.Seq} a été modifiée : son contenu ne correspond plus à son empreinte.");
                if (bySeq.TryGetValue(e.Seq, out var anchor))
                {
                    if (!anchor.Hash.AsSpan().SequenceEqual(e.Hash))
                        return (count, anchorsChecked, e.Seq, $"L'entrée n° {e.Seq} ne correspond pas au scellement du {When(anchor.SealedAt)} : le journal a été réécrit jusqu'à ce point.");
                    anchorsChecked++;
                }
                previous = e.Hash;
                expected++;
                count++;
                last = e.Seq;
            }
        }

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
