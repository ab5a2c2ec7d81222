using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;

namespace Discret.Data;

/// <summary>
/// One rule, wherever the names are written (creation, identity change, a household member added, the demo): the words
/// a person is found by follow her names, in the same SaveChanges as the names themselves.
/// </summary>
internal static class NameWordsSync
{
    public static async Task FollowNamesAsync(DiscretDbContext db, CancellationToken ct)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        List<Person> created, renamed;
        try
        {
            var entries = db.ChangeTracker.Entries<Person>().ToList();
            created = entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
            renamed = entries.Where(e => e.State is EntityState.Modified or EntityState.Unchanged
                                         && (e.Property(p => p.BirthName).OriginalValue != e.Entity.BirthName
                                             || e.Property(p => p.UsageName).OriginalValue != e.Entity.UsageName
                                             || e.Property(p => p.FirstNames).OriginalValue != e.Entity.FirstNames))
                .Select(e => e.Entity).ToList();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        foreach (var person in created) db.PersonNameWords.AddRange(NameWords.For(person));
        if (renamed.Count == 0) return;
        var ids = renamed.Select(p => p.Id).ToList();
        var stored = await db.PersonNameWords.Where(w => ids.Contains(w.PersonId)).ToListAsync(ct);
        foreach (var person in renamed)
        {
            var wanted = NameWords.For(person).ToDictionary(w => w.Word);
            var mine = stored.Where(w => w.PersonId == person.Id).ToList();
            db.PersonNameWords.RemoveRange(mine.Where(w => !wanted.ContainsKey(w.Word)));
            var kept = mine.Select(w => w.Word).ToHashSet();
            db.PersonNameWords.AddRange(wanted.Values.Where(w => !kept.Contains(w.Word)));
        }
    }
}

/// <summary>
/// Fills the search words and keys of the persons written before they existed, a batch at a time, after the migrations
/// (the <c>migrate</c> command and the demo start). Finds nothing to do once it has run: the pending rows are a
/// partial index that is then empty.
/// </summary>
public static class NameWordsBackfill
{
    public static async Task<int> RunAsync(DiscretDbContext db, CancellationToken ct = default)
    {
        var done = 0;
        while (true)
        {
            var batch = await db.Persons.Where(p => p.FirstNamesKey == "").OrderBy(p => p.Id).Take(500).ToListAsync(ct);
            // First names without a letter (never accepted by the forms) keep an empty key: stop when only they are left.
            if (batch.All(p => NameKeys.Normalize(p.FirstNames).Length == 0)) return done;
            var ids = batch.Select(p => p.Id).ToList();
            await db.PersonNameWords.Where(w => ids.Contains(w.PersonId)).ExecuteDeleteAsync(ct);
            foreach (var person in batch)
            {
                person.RecomputeSearchKeys();
                db.PersonNameWords.AddRange(NameWords.For(person));
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += batch.Count;
        }
    }
}
