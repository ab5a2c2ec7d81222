using Discret.Tests.Support;
using Discret.Data;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Conservation;

/// <summary>
/// An application of its own for a class of retention tests, on a clock the tests move: elimination batches, marked rows,
/// runs and statistics stay out of the collections' applications (whose retention job would otherwise see them).
/// </summary>
public sealed class ConservationApp : DiscretFactory
{
    public ConservationApp() => Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

    public DateOnly Today => ParisTime.Today(Clock!);

    public Task<Guid> CirconscriptionIdAsync(int index) =>
        WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Circonscriptions.OrderBy(c => c.Name).Skip(index).Select(c => c.Id).FirstAsync());

    public Task<string> CirconscriptionNameAsync(int index) =>
        WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Circonscriptions.OrderBy(c => c.Name).Skip(index).Select(c => c.Name).FirstAsync());
}
