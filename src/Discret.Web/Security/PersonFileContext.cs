using Discret.Data;
using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Security;

/// <summary>A follow-up together with the account's access to its person's file.</summary>
public sealed record FollowUpInFile(FollowUp FollowUp, PersonAccessView File)
{
    /// <summary>An API endpoint's parameter: the follow-up of the route's <c>{id}</c> and its file; null when either does not exist for the account.</summary>
    public static async ValueTask<FollowUpInFile?> BindAsync(HttpContext http) =>
        Guid.TryParse(http.Request.RouteValues["id"]?.ToString(), out var id)
            ? await http.RequestServices.GetRequiredService<PersonFileContext>().FollowUpAsync(id)
            : null;
}

/// <summary>
/// The person-file request context: the signed-in account's access to each file this request touches, resolved once
/// (<see cref="PersonAccess.ForAsync"/>) and kept for the rest of the request. Pages and endpoints ask it for the file;
/// use cases take the resolved <see cref="PersonAccessView"/> (or <see cref="FollowUpInFile"/>) and the input, never a
/// bare account and id. A write that changes who reaches the file (team, refusal of computerisation, limitation,
/// break-glass) calls <see cref="Forget"/>, so that the rest of the request sees the new access.
/// A test reads the compiled code and fails when a use case reads person data without a view from this context.
/// </summary>
public sealed class PersonFileContext(PersonAccess access, DiscretDbContext db, IHttpContextAccessor http)
{
    private readonly Dictionary<Guid, PersonAccessView?> _views = [];
    private readonly HashSet<Guid> _refusalsJournaled = [];
    private readonly Dictionary<Guid, FollowUp?> _followUps = [];

    /// <summary>The account's access to the person's file, or null when the file does not exist for it (404).</summary>
    /// <param name="journalRefusal">False when the application only checks where to send the user (no refusal journaled).</param>
    public async Task<PersonAccessView?> PersonAsync(Guid personId, bool journalRefusal = true)
    {
        if (_views.TryGetValue(personId, out var known) && (known is not null || !journalRefusal || _refusalsJournaled.Contains(personId)))
            return known;
        var user = http.HttpContext?.User ?? throw new InvalidOperationException("A person's file is only reached within a request.");
        var view = await access.ForAsync(user, personId, journalRefusal);
        _views[personId] = view;
        if (view is null && journalRefusal) _refusalsJournaled.Add(personId);
        return view;
    }

    /// <summary>
    /// A follow-up (tracked, with its team) and the account's access to its person, or null when either does not exist
    /// for the account. Loaded once per request, whatever the number of checks a page makes.
    /// </summary>
    public async Task<FollowUpInFile?> FollowUpAsync(Guid followUpId)
    {
        // Reloaded when a failed save cleared the change tracker (FollowUpRules.SaveAsync on a conflict).
        if (!_followUps.TryGetValue(followUpId, out var followUp) || (followUp is not null && db.Entry(followUp).State == EntityState.Detached))
            _followUps[followUpId] = followUp = await db.FollowUps.Include(f => f.Team).FirstOrDefaultAsync(f => f.Id == followUpId);
        if (followUp is null) return null;
        var file = await PersonAsync(followUp.PersonId);
        return file is null ? null : new FollowUpInFile(followUp, file);
    }

    /// <summary>After a write that changes who reaches the file: the next question resolves the access again.</summary>
    public void Forget(Guid personId)
    {
        _views.Remove(personId);
        _refusalsJournaled.Remove(personId);
    }
}
