using Discret.Web.Shared;
using Microsoft.Data.Sqlite;

namespace Discret.Tests.Idempotency;

/// <summary>
/// A key's release (or its kept answer) is retried until the database is back, so a request that ended while the
/// database was restarting does not leave its key « en cours » for the client's retry; an error that is not the
/// database being away is not retried.
/// </summary>
public class EventualBookkeepingTests
{
    [Fact]
    public async Task A_step_the_database_refuses_while_it_restarts_is_done_once_it_is_back()
    {
        var calls = 0;
        var done = new TaskCompletionSource();
        Task Step()
        {
            if (++calls <= 4) throw new SqliteException("disk I/O error", 10); // the database away for four attempts
            done.TrySetResult();
            return Task.CompletedTask;
        }
        await StorageFailures.EventuallyAsync(Step, every: TimeSpan.FromMilliseconds(20)); // returns at once, nothing thrown
        Assert.True(calls <= 2);
        Assert.Same(done.Task, await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal(5, calls);
    }

    [Fact]
    public async Task An_error_that_is_not_the_database_being_away_is_thrown_and_not_retried()
    {
        var calls = 0;
        Task Step()
        {
            calls++;
            throw new InvalidOperationException("bug");
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() => StorageFailures.EventuallyAsync(Step, every: TimeSpan.FromMilliseconds(20)));
        await Task.Delay(200);
        Assert.Equal(1, calls);
    }
}
