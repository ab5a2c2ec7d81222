using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Retention;
using Discret.Web.Features.Conservation;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Conservation;

/// <summary>Steps of the retention tests: run the job, approve the batch in preparation as the archives service would, read rows back.</summary>
public static class RetentionScenario
{
    public static Task<RetentionRun?> RunRetentionAsync(this DiscretFactory app, bool simulation = false) =>
        app.WithAsync(sp => sp.GetRequiredService<RetentionEngine>().RunAsync(RunTrigger.LigneDeCommande, simulation));

    /// <summary>
    /// Waits for a run asked for from the console (it runs in the background) to end, polling its row; fails after
    /// <paramref name="timeoutSeconds"/>. Returns the run as stored.
    /// </summary>
    public static async Task<RetentionRun> WaitForRunAsync(this DiscretFactory app, System.Linq.Expressions.Expression<Func<RetentionRun, bool>> which, int timeoutSeconds = 60)
    {
        RetentionRun? run = null;
        await app.WaitUntilAsync(async () =>
        {
            run = await app.DbAsync(db => db.RetentionRuns.AsNoTracking().Where(which).Where(r => r.Outcome != RunOutcome.EnCours).FirstOrDefaultAsync());
            return run is not null;
        }, timeoutSeconds);
        return run!;
    }

    /// <summary>Polls a condition on what the application does in the background (every 20 ms); fails after <paramref name="timeoutSeconds"/>.</summary>
    public static async Task WaitUntilAsync(this DiscretFactory app, Func<Task<bool>> condition, int timeoutSeconds = 60)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Still waiting after {timeoutSeconds} s for the background work.");
            await Task.Delay(20);
        }
    }

    /// <summary>Submits the batch in preparation and records the archives service's visa; returns it.</summary>
    public static Task<EliminationBatch> ApproveBatchAsync(this DiscretFactory app) =>
        app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            var clock = sp.GetRequiredService<TimeProvider>();
            var batch = await db.EliminationBatches.SingleAsync(b => b.Status == BatchStatus.EnPreparation);
            batch.Submit("[]", Guid.NewGuid(), clock.GetUtcNow().UtcDateTime);
            batch.Approve(ParisTime.Today(clock), "VISA-" + batch.Number, Guid.NewGuid());
            await db.SaveChangesAsync();
            return batch;
        });

    public static Task<T> DbAsync<T>(this DiscretFactory app, Func<DiscretDbContext, Task<T>> read) =>
        app.WithAsync(sp => read(sp.GetRequiredService<DiscretDbContext>()));

    public static Task SetLastContactAsync(this DiscretFactory app, Guid personId, DateOnly on) =>
        app.WithDbAsync(db => db.Persons.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastContactOn, on)));

    public static Task<Guid?> BatchOfAsync(this DiscretFactory app, Guid personId) =>
        app.DbAsync(db => db.Persons.Where(p => p.Id == personId).Select(p => p.EliminationBatchId).SingleOrDefaultAsync());

    public static Task<bool> PersonExistsAsync(this DiscretFactory app, Guid personId) =>
        app.DbAsync(db => db.Persons.AnyAsync(p => p.Id == personId));
}
