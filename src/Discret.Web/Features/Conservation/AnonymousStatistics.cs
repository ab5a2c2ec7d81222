using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Retention;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// Before a batch is deleted, keeps what statistics need in a form that cannot lead back to a person: counts by year,
/// circonscription and a value of a closed list (follow-ups closed, their motives, interviews by kind, digital helps by level) — no identifier,
/// no date finer than the year, and no count under <see cref="StatisticCell.MinimumCount"/>. A small cell is merged into
/// the whole département's cell for the same value; if still small, into « autres » for the year; if still small, it is
/// dropped. Each batch adds only cells of at least 5, so every stored cell stays at least 5.
/// </summary>
[AcrossFiles("anonymous counts over an elimination batch's files, no person named")]
public static class AnonymousStatistics
{
    /// <summary>A count; <see cref="Value"/> is empty for a measure's total (follow-ups closed).</summary>
    public sealed record Cell(int Year, Guid? CirconscriptionId, StatisticMeasure Measure, string Value, int Count);

    /// <summary>Counts the follow-ups and interviews of the batch (those of its files and its own closed follow-ups) and
    /// adds them to the stored cells. The caller saves, in the transaction that marks the batch aggregated.</summary>
    public static async Task KeepAsync(DiscretDbContext db, Guid batchId, CancellationToken ct = default)
    {
        // Two sets, each an index range: the follow-ups of the batch's files, and the batch's own closed follow-ups
        // (one query with OR would make PostgreSQL read every interview of the département).
        var ofFiles = db.FollowUps.Where(f => db.Persons.Any(p => p.Id == f.PersonId && p.EliminationBatchId == batchId));
        var own = db.FollowUps.Where(f => f.EliminationBatchId == batchId);
        var raw = new List<Cell>();
        foreach (var followUps in new[] { ofFiles, own })
        {
            // Follow-ups and their motives: a few per file, read as (year, circonscription, motives).
            await foreach (var f in followUps.Where(f => f.ClosedOn != null)
                               .Select(f => new { f.ClosedOn, f.CirconscriptionId, f.Motives }).AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
            {
                var year = f.ClosedOn!.Value.Year;
                raw.Add(new(year, f.CirconscriptionId, StatisticMeasure.AccompagnementsClos, "", 1));
                raw.AddRange(f.Motives.Select(m => new Cell(year, f.CirconscriptionId, StatisticMeasure.MotifsAccompagnement, m.ToString(), 1)));
            }
            // Interviews: many per file, counted by the database.
            var interviews = await db.Interviews.Join(followUps, i => i.FollowUpId, f => f.Id, (i, f) => new { i.OccurredOn.Year, f.CirconscriptionId, i.Kind })
                .GroupBy(x => new { x.Year, x.CirconscriptionId, x.Kind })
                .Select(g => new { g.Key.Year, g.Key.CirconscriptionId, g.Key.Kind, Count = g.Count() })
                .ToListAsync(ct);
            raw.AddRange(interviews.Select(i => new Cell(i.Year, i.CirconscriptionId, StatisticMeasure.EntretiensParType, i.Kind.ToString(), i.Count)));
            // Digital helps recorded on the follow-ups, by level (the procedures done under a mandate live with the mandate).
            var helps = await db.DigitalHelps.Join(followUps, h => h.FollowUpId, f => f.Id, (h, f) => new { h.OccurredOn.Year, f.CirconscriptionId, h.Level })
                .GroupBy(x => new { x.Year, x.CirconscriptionId, x.Level })
                .Select(g => new { g.Key.Year, g.Key.CirconscriptionId, g.Key.Level, Count = g.Count() })
                .ToListAsync(ct);
            raw.AddRange(helps.Select(h => new Cell(h.Year, h.CirconscriptionId, StatisticMeasure.AidesNumeriquesParNiveau, h.Level.ToString(), h.Count)));
        }

        var cells = Suppress(raw);
        var years = cells.Select(c => c.Year).Distinct().ToList();
        var stored = await db.StatisticCells.Where(c => years.Contains(c.Year)).ToListAsync(ct);
        foreach (var cell in cells)
        {
            var existing = stored.FirstOrDefault(s => s.Year == cell.Year && s.CirconscriptionId == cell.CirconscriptionId
                && s.Measure == cell.Measure && s.Value == cell.Value);
            if (existing is not null) existing.Add(cell.Count);
            else
            {
                var added = new StatisticCell(cell.Year, cell.CirconscriptionId, cell.Measure, cell.Value, cell.Count);
                db.StatisticCells.Add(added);
                stored.Add(added);
            }
        }
    }

    /// <summary>Sums the raw counts into cells and applies the small-cell rule (each returned cell counts at least 5).</summary>
    public static IReadOnlyList<Cell> Suppress(IEnumerable<Cell> raw)
    {
        var min = StatisticCell.MinimumCount;
        var result = new List<Cell>();
        foreach (var byYearMeasure in raw.GroupBy(c => (c.Year, c.Measure)))
        {
            var other = 0;
            foreach (var byValue in byYearMeasure.GroupBy(c => c.Value))
            {
                var merged = 0;
                foreach (var byCirconscription in byValue.GroupBy(c => c.CirconscriptionId))
                {
                    var count = byCirconscription.Sum(c => c.Count);
                    if (count >= min && byCirconscription.Key is not null) result.Add(new(byYearMeasure.Key.Year, byCirconscription.Key, byYearMeasure.Key.Measure, byValue.Key, count));
                    else merged += count;
                }
                if (merged >= min) result.Add(new(byYearMeasure.Key.Year, null, byYearMeasure.Key.Measure, byValue.Key, merged));
                else other += merged;
            }
            if (other >= min) result.Add(new(byYearMeasure.Key.Year, null, byYearMeasure.Key.Measure, StatisticCell.Other, other));
        }
        return result;
    }
}
