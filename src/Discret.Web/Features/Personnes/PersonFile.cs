using Discret.Web.Catalogue;
using Discret.Web.Data;
using Discret.Web.Domain.Persons;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Personnes;

/// <summary>
/// A person's file as one account may see it: each part is loaded only when the account may read its field
/// group, so what it may not read is never put into the view, rendered or serialised (absent, not hidden).
/// </summary>
public sealed class PersonFile(DiscretDbContext db)
{
    public const int RecentInterviews = 20;

    public sealed record View(
        Guid Id, PersonAccessView Access, IdentityPart? Identity, ContactPart? Contact, HouseholdPart? Household,
        IReadOnlyList<FollowUpPart> FollowUps, IReadOnlyList<InterviewPart> Interviews);

    public sealed record IdentityPart(string BirthName, string? UsageName, string FirstNames, DateOnly BirthDate, string Circonscription, Provenance Provenance, int Version);
    public sealed record ContactPart(string? Phone, string? Email, string? AddressLine, string? PostalCode, string? City);
    public sealed record HouseholdPart(Guid Id, IReadOnlyList<MemberPart> Members);
    public sealed record MemberPart(Guid PersonId, string Name, HouseholdLink Link, DateOnly BirthDate);

    /// <summary>Equipe fields always; Accompagnement and RendezVous fields only when readable (null otherwise).</summary>
    public sealed record FollowUpPart(Guid Id, FollowUpStatus Status, string Referent, IReadOnlyList<string> Team,
        DateOnly? OpenedOn, DateOnly? ClosedOn, IReadOnlyList<FollowUpMotive>? Motives, Provenance? Provenance, DateTime? NextAppointmentAt, int Version);

    public sealed record InterviewPart(Guid Id, Guid FollowUpId, DateOnly OccurredOn, InterviewKind Kind, IReadOnlyList<FollowUpMotive> Motives,
        IReadOnlyList<InterviewAction> Actions, string? Summary, Provenance Provenance, string Author);

    public async Task<View> LoadAsync(PersonAccessView access, CancellationToken ct = default)
    {
        var id = access.PersonId;
        var identityReadable = access.CanRead(FieldGroup.Identite);
        var contactReadable = access.CanRead(FieldGroup.Coordonnees);
        // One round trip for the person, the circonscription's name and the household's address; the last two are
        // selected only when readable (the database returns NULL otherwise).
        var row = await (
            from p in db.Persons.AsNoTracking()
            where p.Id == id
            join c in db.Circonscriptions on p.CirconscriptionId equals c.Id
            join h in db.Households on p.HouseholdId equals h.Id
            select new
            {
                Person = p,
                Circonscription = identityReadable ? c.Name : null,
                AddressLine = contactReadable ? h.AddressLine : null,
                PostalCode = contactReadable ? h.PostalCode : null,
                City = contactReadable ? h.City : null,
            }).SingleAsync(ct);
        var person = row.Person;
        IdentityPart? identity = identityReadable
            ? new IdentityPart(person.BirthName, person.UsageName, person.FirstNames, person.BirthDate, row.Circonscription!, person.Provenance, person.Version)
            : null;
        ContactPart? contact = contactReadable ? new ContactPart(person.Phone, person.Email, row.AddressLine, row.PostalCode, row.City) : null;
        HouseholdPart? household = null;
        if (access.CanRead(FieldGroup.Menage))
        {
            var members = await db.Persons.AsNoTracking().Where(p => p.HouseholdId == person.HouseholdId)
                .OrderBy(p => p.HouseholdLink == HouseholdLink.PersonneDeReference ? 0 : 1).ThenBy(p => p.BirthDate)
                .Select(p => new { p.Id, p.BirthName, p.UsageName, p.FirstNames, p.HouseholdLink, p.BirthDate }).ToListAsync(ct);
            household = new HouseholdPart(person.HouseholdId,
                members.Select(m => new MemberPart(m.Id, $"{m.UsageName ?? m.BirthName} {m.FirstNames}", m.HouseholdLink, m.BirthDate)).ToList());
        }

        var followUps = new List<FollowUpPart>();
        if (access.CanRead(FieldGroup.Equipe))
        {
            // Follow-ups with the names of the referent and the team, in one query.
            var rows = await db.FollowUps.AsNoTracking().Where(f => f.PersonId == id)
                .OrderByDescending(f => f.Status == FollowUpStatus.Ouvert).ThenByDescending(f => f.OpenedOn)
                .Select(f => new
                {
                    FollowUp = f,
                    Referent = db.Users.Where(u => u.Id == f.ReferentId).Select(u => u.DisplayName).FirstOrDefault(),
                    Team = f.Team.OrderBy(m => m.StaffAccountId)
                        .Select(m => db.Users.Where(u => u.Id == m.StaffAccountId).Select(u => u.DisplayName).FirstOrDefault()).ToList(),
                })
                .ToListAsync(ct);
            var content = access.CanRead(FieldGroup.Accompagnement);
            var appointments = access.CanRead(FieldGroup.RendezVous);
            followUps = rows.Select(r => (f: r.FollowUp, r.Referent, r.Team)).Select(x => new FollowUpPart(x.f.Id, x.f.Status, x.Referent ?? "?",
                x.Team.Select(n => n ?? "?").ToList(),
                content ? x.f.OpenedOn : null, content ? x.f.ClosedOn : null, content ? x.f.Motives : null, content ? x.f.Provenance : null,
                appointments ? x.f.NextAppointmentAt : null, x.f.Version)).ToList();
        }

        var interviews = new List<InterviewPart>();
        if (access.CanRead(FieldGroup.Entretiens))
        {
            var followUpIds = followUps.Select(f => f.Id).ToList();
            var rows = await db.Interviews.AsNoTracking().Where(i => followUpIds.Contains(i.FollowUpId))
                .OrderByDescending(i => i.OccurredOn).ThenByDescending(i => i.CreatedAt).Take(RecentInterviews)
                .Select(i => new { Interview = i, Author = db.Users.Where(u => u.Id == i.AuthorId).Select(u => u.DisplayName).FirstOrDefault() })
                .ToListAsync(ct);
            interviews = rows.Select(r => (i: r.Interview, r.Author)).Select(x => new InterviewPart(x.i.Id, x.i.FollowUpId, x.i.OccurredOn, x.i.Kind,
                x.i.Motives, x.i.Actions, x.i.Summary, x.i.Provenance, x.Author ?? "?")).ToList();
        }
        return new View(id, access, identity, contact, household, followUps, interviews);
    }
}
