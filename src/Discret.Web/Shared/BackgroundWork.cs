using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Discret.Web.Shared;

/// <summary>
/// Work taken out of a request: a page enqueues it and answers at once, and <see cref="BackgroundWorkRunner"/> runs it
/// in a fresh scope, one item after another. Work of a given name is queued or running at most once per instance, so a
/// second request for it is told so. In-process only: what must hold across instances (one retention run at a time)
/// is the job's database lock. Work still queued when the application stops is dropped.
/// </summary>
public sealed class BackgroundWork
{
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> _pending = new();

    /// <summary>Registers the queue and its runner (idempotent: each area that uses it may call this).</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.TryAddSingleton<BackgroundWork>();
        services.AddHostedService<BackgroundWorkRunner>();
    }

    /// <param name="work">Runs in a scope of its own, with no request: whatever it journals must name its actor.</param>
    /// <returns>False when work of that name is already queued or running on this instance.</returns>
    public bool TryEnqueue(string name, Func<IServiceProvider, CancellationToken, Task> work)
    {
        if (!_pending.TryAdd(name, 0)) return false;
        if (_queue.Writer.TryWrite(new Item(name, work))) return true;
        _pending.TryRemove(name, out _);
        return false;
    }

    /// <summary>Whether work of that name is queued or running on this instance.</summary>
    public bool IsPending(string name) => _pending.ContainsKey(name);

    internal ChannelReader<Item> Reader => _queue.Reader;

    internal void Done(string name) => _pending.TryRemove(name, out _);

    internal sealed record Item(string Name, Func<IServiceProvider, CancellationToken, Task> Work);
}

/// <summary>Runs the <see cref="BackgroundWork"/> queue. A failure is logged by exception type only (its message may quote data).</summary>
public sealed partial class BackgroundWorkRunner(BackgroundWork work, IServiceScopeFactory scopes, ILogger<BackgroundWorkRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in work.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await item.Work(scope.ServiceProvider, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailure(logger, item.Name, ErrorKinds.Describe(e));
                }
                finally
                {
                    work.Done(item.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background work {Name} failed ({ExceptionType}).")]
    private static partial void LogFailure(ILogger logger, string name, string exceptionType);
}
