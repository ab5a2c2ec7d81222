using System.Security.Claims;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Orientation;

/// <summary>
/// « À orienter »: the circonscription's files that no follow-up has ever been opened for, newest first — what
/// reception created and the head of circonscription must give a referent to. Only files the account may see
/// (<see cref="PersonAccess.VisiblePersons"/>: its circonscription, daily work) and only identity is shown. Journaled
/// like a search: how many files were listed, never a name.
/// </summary>
/// <remarks>Keyset-paginated on (creation instant, id): a page is an index range of persons(circonscription, created)
/// whatever the circonscription's size; the cursor is the last file of the previous page, an id without meaning.</remarks>
[AcrossFiles("the circonscription's files without a follow-up, through PersonAccess.VisiblePersons")]
public sealed class NewFiles(DiscretDbContext db, PersonAccess access, Journal.AccessJournal journal)
{
    public const int PageSize = 50;

    public sealed record Line(Guid PersonId, string Name, DateOnly BirthDate, DateTime CreatedAt, bool PaperOnly);

    public sealed record Page(IReadOnlyList<Line> Lines, Guid? Next, bool First);

    public async Task<Page> ListAsync(ClaimsPrincipal user, Guid? after, int size, CancellationToken ct)
    {
        var circonscription = user.CirconscriptionId();
        var files = access.VisiblePersons(user)
            .Where(p => p.CirconscriptionId == circonscription && !db.FollowUps.Any(f => f.PersonId == p.Id));
        if (after is { } id && await db.Persons.AsNoTracking().Where(p => p.Id == id).Select(p => (DateTime?)p.CreatedAt).FirstOrDefaultAsync(ct) is { } createdAt)
            files = files.Where(p => p.CreatedAt < createdAt || (p.CreatedAt == createdAt && p.Id.CompareTo(id) < 0));
        var rows = await files.AsNoTracking().OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(size + 1)
            .Select(p => new { p.Id, p.UsageName, p.BirthName, p.FirstNames, p.BirthDate, p.CreatedAt, p.PaperOnlySince })
            .ToListAsync(ct);
        var next = rows.Count > size ? rows[size - 1].Id : (Guid?)null;
        var lines = rows.Take(size).Select(r => new Line(r.Id, Person.NameOf(r.UsageName, r.BirthName, r.FirstNames), r.BirthDate, r.CreatedAt,
            r.PaperOnlySince is not null)).ToList();
        await journal.WriteAsync(JournalAction.Recherche, detail: $"à orienter : {lines.Count} dossier(s)", ct: ct);
        return new Page(lines, next, after is null);
    }
}
