using Discret.Domain.Input;

namespace Discret.Web.Shared.Input;

/// <summary>
/// Logs each stored closed-list value shown as « valeur inconnue » (<see cref="ClosedList.UnknownShown"/>): the list's
/// name and the raw value — a number or a code, never a person's data — so that the administrator can find the row.
/// </summary>
public sealed partial class UnknownValuesLog(ILogger<UnknownValuesLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ClosedList.UnknownShown += Log;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        ClosedList.UnknownShown -= Log;
        return Task.CompletedTask;
    }

    private void Log(string list, string value) => UnknownValue(logger, list, value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored value that is no member of the closed list {List} ({Value}) was shown as « valeur inconnue »")]
    private static partial void UnknownValue(ILogger logger, string list, string value);
}
