using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Journal;

/// <summary>
/// Every writer takes the journal's head before anything else, so that two writers never wait on each other in opposite
/// orders (the deadlock the API fuzz found on PostgreSQL: a confirmed reset wrote the account row, then waited on the
/// head, held by another change to that account waiting on the row).
/// </summary>
[Collection(JournalCollection.Name)]
public class JournalTransactionTests(DiscretFactory app)
{
    [Fact]
    public async Task A_journal_entry_saved_in_a_transaction_that_did_not_take_the_head_first_is_refused_and_nothing_is_saved()
    {
        var detail = $"transaction-{Guid.NewGuid():N}";
        await app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            sp.GetRequiredService<AccessJournal>().Record(JournalAction.Recherche, detail: detail);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            return 0;
        });
        Assert.False(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AnyAsync(e => e.Detail == detail)));
    }

    [SqliteFact]
    public async Task A_journaled_transaction_holds_the_head_from_its_first_statement_so_another_writer_waits_until_it_ends()
    {
        var first = $"premier-{Guid.NewGuid():N}";
        var second = $"second-{Guid.NewGuid():N}";
        using var holderScope = app.Services.CreateScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<DiscretDbContext>();
        var transaction = await holder.BeginJournaledTransactionAsync();
        Task other;
        try
        {
            // Nothing written yet by the holder: the other writer waits on the head all the same (on a thread of its own:
            // SQLite's provider waits for a lock synchronously).
            other = Task.Run(() => app.WithAsync(async sp =>
            {
                await sp.GetRequiredService<AccessJournal>().WriteAsync(JournalAction.Recherche, detail: second);
                return 0;
            }));
            await Task.WhenAny(other, Task.Delay(TimeSpan.FromMilliseconds(750)));
            Assert.False(other.IsCompleted, "another writer saved its entry while a journaled transaction held the head");

            holderScope.ServiceProvider.GetRequiredService<AccessJournal>().Record(JournalAction.Recherche, detail: first);
            await holder.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        finally
        {
            await transaction.DisposeAsync();
        }
        await other;

        var seqs = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries
            .Where(e => e.Detail == first || e.Detail == second).OrderBy(e => e.Seq).Select(e => e.Detail).ToListAsync());
        Assert.Equal([first, second], seqs);
    }

    /// <summary>PostgreSQL (issue 20 §2): no transaction holds the head; entries are chained once committed, in commit order.</summary>
    [PostgresFact]
    public async Task On_postgresql_an_open_journaled_transaction_holds_nothing_and_its_entries_are_chained_once_it_commits()
    {
        var first = $"premier-{Guid.NewGuid():N}";
        var second = $"second-{Guid.NewGuid():N}";
        using var holderScope = app.Services.CreateScope();
        var holder = holderScope.ServiceProvider.GetRequiredService<DiscretDbContext>();
        var transaction = await holder.BeginJournaledTransactionAsync();
        try
        {
            holderScope.ServiceProvider.GetRequiredService<AccessJournal>().Record(JournalAction.Recherche, detail: first);
            await holder.SaveChangesAsync();
            // The holder's entry is written but not committed: another writer's entry is saved and chained at once.
            var other = app.WithAsync(async sp =>
            {
                await sp.GetRequiredService<AccessJournal>().WriteAsync(JournalAction.Recherche, detail: second);
                return 0;
            });
            Assert.Same(other, await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(10))));
            Assert.Equal([second], await DetailsAsync(first, second));
            await transaction.CommitAsync();
        }
        finally
        {
            await transaction.DisposeAsync();
        }
        // Chained on commit, after the other: the journal's order is the order of commits.
        Assert.Equal([second, first], await DetailsAsync(first, second));
        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Database
            .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM journal_pending").SingleAsync()));
    }

    private Task<List<string?>> DetailsAsync(string first, string second) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries
            .Where(e => e.Detail == first || e.Detail == second).OrderBy(e => e.Seq).Select(e => e.Detail).ToListAsync());
}
