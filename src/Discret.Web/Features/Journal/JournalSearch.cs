using Discret.Data;
using Discret.Domain.Journal;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Journal;

/// <summary>
/// The DPO's search of the journal: by person file, by account, by action, over a period, newest first, one page at a
/// time by keyset (no OFFSET, no COUNT: both grow with the journal, which reaches a hundred million rows). Each filter
/// is served by one of the journal's (column, At) indexes.
/// </summary>
public sealed class JournalSearch(DiscretDbContext db)
{
    public const int PageSize = 50;

    /// <summary>Filters; all optional. <see cref="To"/> is exclusive.</summary>
    public sealed record Query(Guid? PersonId = null, Guid? AccountId = null, JournalAction? Action = null, DateTime? From = null, DateTime? To = null);

    /// <summary>One page, and the cursor of the next (older) page when there is one.</summary>
    public sealed record Page(IReadOnlyList<JournalEntry> Entries, long? Next);

    /// <summary>The entries matching <paramref name="query"/>, older than the entry <paramref name="before"/> when given.</summary>
    public async Task<Page> SearchAsync(Query query, long? before = null, int pageSize = PageSize, CancellationToken ct = default)
    {
        var entries = db.JournalEntries.AsNoTracking();
        if (query.PersonId is { } person) entries = entries.Where(e => e.PersonId == person);
        if (query.AccountId is { } account) entries = entries.Where(e => e.AccountId == account);
        if (query.Action is { } action) entries = entries.Where(e => e.Action == action);
        if (query.From is { } from) entries = entries.Where(e => e.At >= from);
        if (query.To is { } to) entries = entries.Where(e => e.At < to);
        if (before is { } seq)
        {
            var cursor = await db.JournalEntries.AsNoTracking().Where(e => e.Seq == seq).Select(e => (DateTime?)e.At).FirstOrDefaultAsync(ct);
            if (cursor is { } at)
                // "e.At <= at" repeats the bound so that the index range starts at the cursor.
                entries = entries.Where(e => e.At <= at && (e.At < at || e.Seq < seq));
        }
        var page = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Seq).Take(pageSize + 1).ToListAsync(ct);
        return page.Count > pageSize ? new Page(page.Take(pageSize).ToList(), page[pageSize - 1].Seq) : new Page(page, null);
    }

    /// <summary>
    /// Breach support (GDPR art. 33): the distinct files an account read or changed between two instants, as opaque ids.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> FilesTouchedAsync(Guid accountId, DateTime from, DateTime to, CancellationToken ct = default) =>
        await db.JournalEntries.AsNoTracking()
            .Where(e => e.AccountId == accountId && e.At >= from && e.At < to && e.PersonId != null
                        && (e.Action == JournalAction.Lecture || e.Action == JournalAction.Ecriture || e.Action == JournalAction.Export
                            || e.Action == JournalAction.AccesExceptionnel))
            .Select(e => e.PersonId!.Value).Distinct().ToListAsync(ct);
}
