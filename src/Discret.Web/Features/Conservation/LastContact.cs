using Discret.Data;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// Keeps <see cref="Domain.Persons.Person.LastContactOn"/>, the day the retention clock of a file runs from. Called by
/// the use cases where the service was in contact with the person (an interview, a follow-up opened, a rights request
/// received, information given, computerisation accepted again), never by a member of staff merely opening or editing
/// the file. One set-based update, forward only, outside the person's concurrency token (<c>Version</c>), so it never
/// makes an identity edit in progress fail as a conflict, and two events landing together keep the later date.
/// </summary>
[AcrossFiles("moves a file's last-contact day for use cases that have already reached the file")]
public static class LastContact
{
    /// <summary>Moves the person's last contact to <paramref name="on"/> when it is later than the recorded one; a date
    /// after today (Europe/Paris) is ignored. Call it once the use case's save succeeded.</summary>
    public static async Task TouchAsync(DiscretDbContext db, TimeProvider clock, Guid personId, DateOnly on, CancellationToken ct)
    {
        if (on > ParisTime.Today(clock)) return;
        await db.Persons.Where(p => p.Id == personId && p.LastContactOn < on)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastContactOn, on), ct);
    }
}
