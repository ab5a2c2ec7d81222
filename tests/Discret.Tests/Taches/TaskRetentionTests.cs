using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Retention;
using Discret.Domain.Tasks;
using Discret.Tests.Conservation;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Taches;

/// <summary>
/// The retention job deletes tasks (rule « tache »): 3 months after their follow-up's closure; about no follow-up,
/// 3 months after their due day and the day they were done. Tasks of an open follow-up stay. Its own application, on a
/// clock the test moves.
/// </summary>
public sealed class TaskRetentionTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Guid> AddTaskAsync(TestAccount author, Guid? personId, Guid? followUpId, DateOnly due, DateOnly? doneOn = null) =>
        await _app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            var circonscription = await db.Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
            var task = new WorkTask(author.Id, circonscription, personId, followUpId, DateTime.UtcNow);
            task.Describe("Rappeler le bailleur", author.Id, false, due, TaskVisibility.MoiEtAssignee);
            if (doneOn is { } d) task.MarkDone(d);
            db.Tasks.Add(task);
            await db.SaveChangesAsync();
            return task.Id;
        });

    private Task<bool> ExistsAsync(Guid id) => _app.DbAsync(db => db.Tasks.AnyAsync(t => t.Id == id));

    [Fact]
    public async Task Tasks_past_their_time_are_deleted_and_the_others_kept()
    {
        var worker = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var closed = await _app.CreateCaseAsync(0, worker, closed: true); // closed on 2026-03-01: more than 3 months ago
        var open = await _app.CreateCaseAsync(0, worker);
        var today = ParisTime.Today(_app.Clock!);
        var onClosed = await AddTaskAsync(worker, closed.PersonId, closed.FollowUpId, today);
        var onOpen = await AddTaskAsync(worker, open.PersonId, open.FollowUpId, today.AddDays(-400), today.AddDays(-400));
        var alone = await AddTaskAsync(worker, null, null, today.AddDays(-10), today.AddDays(-5));

        var first = (await _app.RunRetentionAsync())!;
        Assert.Contains(first.Planned, l => l.Rule == RetentionRule.Tache.Code && l.Action == RunAction.Suppression);
        Assert.False(await ExistsAsync(onClosed));
        Assert.True(await ExistsAsync(onOpen));
        Assert.True(await ExistsAsync(alone));

        _app.Clock!.Advance(TimeSpan.FromDays(90));
        await _app.RunRetentionAsync();
        Assert.False(await ExistsAsync(alone));
        Assert.True(await ExistsAsync(onOpen));
    }
}
