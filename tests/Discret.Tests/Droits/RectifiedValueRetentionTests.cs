using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Retention;
using Discret.Domain.Rights;
using Discret.Tests.Conservation;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Droits;

/// <summary>
/// The value a rectification replaced is kept only for the delays of a dispute (issue 17 §3, rule « valeur-rectifiee »,
/// 6 months): the retention job deletes it then, while the request stays as evidence of the answer. Its own application,
/// on a clock the test moves.
/// </summary>
public sealed class RectifiedValueRetentionTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<Guid> RectifyAsync(TestCase file, TestAccount worker)
    {
        var requestId = await _app.CreateRequestAsync(file.PersonId, RightKind.Rectification, worker.Id);
        await _app.WithDbAsync(db =>
        {
            db.RectifiedValues.Add(new RectifiedValue(requestId, file.PersonId, "BirthName", "Ancien", worker.Id, _app.Clock!.GetUtcNow().UtcDateTime));
            return db.SaveChangesAsync();
        });
        return requestId;
    }

    [Fact]
    public async Task A_replaced_value_goes_after_the_delays_of_a_dispute_and_the_request_stays()
    {
        var worker = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await _app.CreateCaseAsync(0, worker);
        var early = await RectifyAsync(file, worker);
        _app.Clock!.Advance(TimeSpan.FromDays(100));
        var late = await RectifyAsync(file, worker);

        await _app.RunRetentionAsync();
        Assert.Equal(2, await _app.DbAsync(db => db.RectifiedValues.CountAsync(v => v.PersonId == file.PersonId)));   // 100 days: both kept

        _app.Clock.Advance(TimeSpan.FromDays(90));                                                                    // 190 and 90 days
        var run = (await _app.RunRetentionAsync())!;

        Assert.Contains(run.Planned, l => l.Rule == RetentionRule.ValeurRectifiee.Code && l.Action == RunAction.Suppression && l.Count == 1);
        var left = await _app.DbAsync(db => db.RectifiedValues.Where(v => v.PersonId == file.PersonId).Select(v => v.RightsRequestId).ToListAsync());
        Assert.Equal(late, Assert.Single(left));
        Assert.NotNull(await _app.RequestAsync(early));   // the request itself stays in the register
    }
}
