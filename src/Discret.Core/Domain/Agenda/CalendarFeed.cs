namespace Discret.Domain.Agenda;

/// <summary>
/// The secret address of a worker's calendar feed (iCalendar): only the SHA-256 of the secret is stored; revoking it
/// deletes the row, and the address answers 404 from then on.
/// </summary>
public class CalendarFeed
{
    private CalendarFeed() { }

    public CalendarFeed(Guid accountId, string secretHash, DateTime now)
    {
        AccountId = accountId;
        SecretHash = secretHash;
        CreatedAt = now;
    }

    public Guid AccountId { get; private set; }
    public string SecretHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
}
