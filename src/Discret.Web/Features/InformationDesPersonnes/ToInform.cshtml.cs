using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>
/// The referent's to-do list of information owed to the persons they follow: files with no record of the notice
/// given (30 days from the file's creation), and facts from a partner or a third party not yet brought to the
/// person's knowledge (one month, GDPR art. 14). Social workers, for the open follow-ups they are referent of.
/// The list is journaled like a search (its size, never the names).
/// </summary>
[AcrossFiles("the to-do list of the signed-in referent's open follow-ups, names only")]
public sealed class ToInformModel(DiscretDbContext db, PersonInformation information, Journal.AccessJournal journal, TimeProvider clock) : PageModel
{
    public sealed record Line(Guid PersonId, string Name, string What, DateOnly Deadline);

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var me = User.AccountId();
        Today = ParisTime.Today(clock);
        var mine = db.FollowUps.Where(f => f.ReferentId == me && f.Status == FollowUpStatus.Ouvert).Select(f => f.PersonId)
            .Where(id => db.Persons.Where(Person.InDailyWork).Any(p => p.Id == id));
        var persons = await db.Persons.AsNoTracking().Where(p => mine.Contains(p.Id))
            .Select(p => new { p.Id, Name = Person.NameOf(p.UsageName, p.BirthName, p.FirstNames), p.CreatedAt, Informed = db.InformationRecords.Any(r => r.PersonId == p.Id) })
            .ToListAsync(ct);
        var names = persons.ToDictionary(p => p.Id, p => p.Name);
        var facts = await information.PendingFactsAsync(mine, ct);
        Lines = persons.Where(p => !p.Informed)
            .Select(p => new Line(p.Id, p.Name, "Notice d'information à remettre", PersonInformation.NoticeDeadline(p.CreatedAt)))
            .Concat(facts.Select(f => new Line(f.PersonId, names.GetValueOrDefault(f.PersonId, "?"), $"{f.Describe()} — {f.Provenance.Describe()}", f.Deadline)))
            .OrderBy(l => l.Deadline).ToList();
        await journal.WriteAsync(JournalAction.Recherche, detail: $"à informer : {Lines.Select(l => l.PersonId).Distinct().Count()} dossier(s)", ct: ct);
    }
}
