namespace Discret.Domain.Accounts;

/// <summary>
/// A session of a member of staff, open on the server. The session cookie names it (in its encrypted ticket); each
/// authenticated request finds it here or is refused, so that a session ends for every instance at once: at logout,
/// when its account's security stamp changes (deactivation, reset, role or circonscription change, new password, new
/// second factor), and at <see cref="EndsAt"/>, the absolute lifetime however active the session was.
/// </summary>
/// <remarks>
/// What it holds about the member of staff: which account has a session open, since when, and until when at the latest.
/// No address, no browser, no activity (the journal records sign-ins and sign-outs). How long it is kept: deleted at
/// logout and at a security-stamp change, otherwise by the hourly purge once <see cref="EndsAt"/> is past — at most the
/// absolute lifetime (<c>Discret:Security:AbsoluteLifetime</c>, 10 hours by default) and one hour.
/// </remarks>
public sealed class ServerSession
{
    private ServerSession() { }

    public ServerSession(Guid accountId, DateTime startedAt, DateTime endsAt)
    {
        Id = Guid.NewGuid(); // random (not time-ordered): it travels in the cookie, encrypted
        AccountId = accountId;
        StartedAt = startedAt;
        EndsAt = endsAt;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public DateTime StartedAt { get; private set; }
    /// <summary>The absolute end: start + absolute lifetime; a session renewed within a session (new password, charter) keeps it.</summary>
    public DateTime EndsAt { get; private set; }

    public bool IsOpenFor(Guid accountId, DateTime now) => AccountId == accountId && now < EndsAt;
}
