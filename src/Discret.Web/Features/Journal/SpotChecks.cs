using System.Security.Claims;
using System.Security.Cryptography;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Web.Features.Garde;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Discret.Domain.Input;

namespace Discret.Web.Features.Journal;

/// <summary>Spot-check settings (<c>Discret:Journal:SpotChecks</c>).</summary>
public sealed class SpotCheckSettings
{
    /// <summary>How many accesses a check draws.</summary>
    public int SampleSize { get; set; } = 20;
    /// <summary>How far back the accesses are drawn from.</summary>
    public int WindowDays { get; set; } = 30;
}

/// <summary>
/// The "contrôles inopinés": a random sample of recent accesses to files — break-glass accesses first, then reads and
/// writes drawn at random — each then judged by the DPO. The draw never sorts the journal at random: it picks random
/// sequence numbers within the window's range of the chain (the journal is numbered 1, 2, 3… without gaps) and looks
/// them up by primary key, so its cost does not grow with the journal.
/// </summary>
[AcrossFiles("the DPO's spot checks draw accesses to any file from the journal, with their break-glass accesses")]
public sealed class SpotChecks(DiscretDbContext db, AccessJournal journal, TimeProvider clock, IOptions<SpotCheckSettings> options)
{
    public sealed record Summary(Guid Id, DateTime DrawnAt, Guid DrawnBy, int Items, int Decided, int ToExamine);

    public sealed record ItemView(SpotCheckItem Item, JournalEntry? Entry, BreakGlassAccess? BreakGlass);

    public sealed record DecisionRequest(SpotCheckVerdict? Verdict, string? Observation);

    public async Task<IReadOnlyList<Summary>> ListAsync(CancellationToken ct = default) =>
        await db.SpotChecks.AsNoTracking().OrderByDescending(c => c.DrawnAt).Take(100)
            .Select(c => new Summary(c.Id, c.DrawnAt, c.DrawnBy, c.Items.Count, c.Items.Count(i => i.Verdict != null),
                c.Items.Count(i => i.Verdict == SpotCheckVerdict.AExaminer)))
            .ToListAsync(ct);

    /// <summary>Draws a new check and saves it with its journal entry (<see cref="JournalAction.ControleInopine"/>).</summary>
    public async Task<SpotCheck> DrawAsync(ClaimsPrincipal dpo, CancellationToken ct = default)
    {
        var size = Math.Max(1, options.Value.SampleSize);
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now.AddDays(-Math.Max(1, options.Value.WindowDays));
        var chosen = new List<long>();

        // Break-glass accesses first (up to half the sample), at random among the window's: a small set, read from the (Action, At) index.
        var breakGlass = await db.JournalEntries.AsNoTracking()
            .Where(e => e.Action == JournalAction.AccesExceptionnel && e.At >= from)
            .OrderByDescending(e => e.At).Select(e => e.Seq).Take(1000).ToListAsync(ct);
        chosen.AddRange(breakGlass.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).Take(Math.Max(1, size / 2)));

        // Then reads and writes of files: random sequence numbers in the window's range of the chain.
        var low = await db.JournalEntries.AsNoTracking().Where(e => e.At >= from).OrderBy(e => e.At).Select(e => (long?)e.Seq).FirstOrDefaultAsync(ct);
        var high = await db.JournalHeads.AsNoTracking().Select(h => h.Seq).FirstAsync(ct);
        if (low is { } lo && high >= lo)
        {
            var wanted = size - chosen.Count;
            for (var round = 0; round < 4 && wanted > 0; round++)
            {
                var candidates = Enumerable.Range(0, wanted * 3)
                    .Select(_ => lo + (long)(Random.Shared.NextDouble() * (high - lo + 1))).Distinct().Except(chosen).ToList();
                var hits = await db.JournalEntries.AsNoTracking()
                    .Where(e => candidates.Contains(e.Seq) && e.At >= from && e.PersonId != null
                                && (e.Action == JournalAction.Lecture || e.Action == JournalAction.Ecriture))
                    .Select(e => e.Seq).ToListAsync(ct);
                foreach (var seq in hits.OrderBy(_ => Random.Shared.Next()).Take(wanted)) chosen.Add(seq);
                wanted = size - chosen.Count;
            }
            // Sparse window (few reads among many other entries): walk forward from random points, still by primary key.
            for (var attempt = 0; attempt < size * 2 && chosen.Count < size; attempt++)
            {
                var start = lo + (long)(Random.Shared.NextDouble() * (high - lo + 1));
                var next = await db.JournalEntries.AsNoTracking()
                    .Where(e => e.Seq >= start && e.At >= from && e.PersonId != null && (e.Action == JournalAction.Lecture || e.Action == JournalAction.Ecriture))
                    .OrderBy(e => e.Seq).Select(e => (long?)e.Seq).FirstOrDefaultAsync(ct);
                if (next is { } n && !chosen.Contains(n)) chosen.Add(n);
            }
        }

        var check = new SpotCheck(dpo.AccountId(), now);
        foreach (var seq in chosen.Distinct()) check.Items.Add(new SpotCheckItem(check.Id, seq));
        db.SpotChecks.Add(check);
        journal.Record(JournalAction.ControleInopine, detail: $"tirage:{check.Items.Count}", reference: check.Id);
        await db.SaveChangesAsync(ct);
        return check;
    }

    public Task<SpotCheck?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.SpotChecks.AsNoTracking().Include(c => c.Items).FirstOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>The check's items with their journal entries (break-glass items: the access, its reason and justification).</summary>
    public async Task<IReadOnlyList<ItemView>> ItemsAsync(SpotCheck check, CancellationToken ct = default)
    {
        var seqs = check.Items.Select(i => i.JournalSeq).ToList();
        var entries = await db.JournalEntries.AsNoTracking().Where(e => seqs.Contains(e.Seq)).ToDictionaryAsync(e => e.Seq, ct);
        var accessIds = entries.Values.Where(e => e.Reference is not null && (e.Action == JournalAction.AccesExceptionnel || e.Purpose == AccessJournal.BreakGlassPurpose))
            .Select(e => e.Reference!.Value).Distinct().ToList();
        var accesses = accessIds.Count == 0 ? new Dictionary<Guid, BreakGlassAccess>()
            : await db.BreakGlassAccesses.AsNoTracking().Where(b => accessIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        return check.Items
            .Select(i =>
            {
                var entry = entries.GetValueOrDefault(i.JournalSeq);
                var access = entry?.Reference is { } r ? accesses.GetValueOrDefault(r) : null;
                return new ItemView(i, entry, access);
            })
            .OrderByDescending(v => v.Entry?.Action == JournalAction.AccesExceptionnel).ThenByDescending(v => v.Entry?.At)
            .ToList();
    }

    /// <summary>
    /// Records the DPO's verdict and observation. The observation passes the sobriety guard: an identifier (NIR…) is
    /// refused and nothing is saved. The decision and its journal entry are saved together.
    /// </summary>
    /// <returns>Null when the item does not exist; otherwise the errors by field (empty: saved).</returns>
    public async Task<IReadOnlyDictionary<string, string>?> DecideAsync(Guid checkId, Guid itemId, DecisionRequest request, CancellationToken ct = default)
    {
        var item = await db.SpotCheckItems.FirstOrDefaultAsync(i => i.Id == itemId && i.SpotCheckId == checkId, ct);
        if (item is null) return null;
        var errors = new Dictionary<string, string>();
        if (request.Verdict is null) errors["Verdict"] = "Indiquez si l'accès est justifié ou à examiner.";
        var observation = request.Observation?.Trim();
        if (observation is { Length: > SpotCheckItem.MaxObservationLength })
            errors["Observation"] = $"L'observation compte {observation.Length} caractères : elle doit en compter {SpotCheckItem.MaxObservationLength} au plus. Rien n'a été enregistré.";
        else if (!string.IsNullOrEmpty(observation))
            FreeTextCheck.Check(observation, "Observation", confirmed: true, errors);
        if (errors.Count > 0) return errors;

        item.Decide(request.Verdict!.Value, observation, clock.GetUtcNow().UtcDateTime);
        journal.Record(JournalAction.ControleInopine, detail: $"decision:{request.Verdict}", reference: checkId);
        await db.SaveChangesAsync(ct);
        return errors;
    }

    public static string Label(SpotCheckVerdict? verdict) => verdict switch
    {
        SpotCheckVerdict.Justifie => "Justifié",
        SpotCheckVerdict.AExaminer => "À examiner",
        null => "Non examiné",
        { } unknown => ClosedList.Unknown(unknown),
    };
}
