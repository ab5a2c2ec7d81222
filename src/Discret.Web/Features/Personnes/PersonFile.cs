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
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == id, ct);
        IdentityPart? identity = null;
        if (access.CanRead(FieldGroup.Identite))
        {
            var circonscription = await db.Circonscriptions.Where(c => c.Id == person.CirconscriptionId).Select(c => c.Name).SingleAsync(ct);
            identity = new IdentityPart(person.BirthName, person.UsageName, person.FirstNames, person.BirthDate, circonscription, person.Provenance, person.Version);
        }
        ContactPart? contact = null;
        if (access.CanRead(FieldGroup.Coordonnees))
        {
            var h = await db.Households.AsNoTracking().SingleAsync(x => x.Id == person.HouseholdId, ct);
            contact = new ContactPart(person.Phone, person.Email, h.AddressLine, h.PostalCode, h.City);
        }
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
            var rows = await db.FollowUps.AsNoTracking().Include(f => f.Team).Where(f => f.PersonId == id)
                .OrderByDescending(f => f.Status == FollowUpStatus.Ouvert).ThenByDescending(f => f.OpenedOn).ToListAsync(ct);
            var staffIds = rows.SelectMany(f => f.Team.Select(m => m.StaffAccountId).Append(f.ReferentId)).Distinct().ToList();
            var names = await db.Users.AsNoTracking().Where(u => staffIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            var content = access.CanRead(FieldGroup.Accompagnement);
            var appointments = access.CanRead(FieldGroup.RendezVous);
            followUps = rows.Select(f => new FollowUpPart(f.Id, f.Status, names.GetValueOrDefault(f.ReferentId, "?"),
                f.Team.Select(m => names.GetValueOrDefault(m.StaffAccountId, "?")).ToList(),
                content ? f.OpenedOn : null, content ? f.ClosedOn : null, content ? f.Motives : null, content ? f.Provenance : null,
                appointments ? f.NextAppointmentAt : null, f.Version)).ToList();
        }

        var interviews = new List<InterviewPart>();
        if (access.CanRead(FieldGroup.Entretiens))
        {
            var followUpIds = followUps.Select(f => f.Id).ToList();
            var rows = await db.Interviews.AsNoTracking().Where(i => followUpIds.Contains(i.FollowUpId))
                .OrderByDescending(i => i.OccurredOn).ThenByDescending(i => i.CreatedAt).Take(RecentInterviews).ToListAsync(ct);
            var authorIds = rows.Select(i => i.AuthorId).Distinct().ToList();
            var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            interviews = rows.Select(i => new InterviewPart(i.Id, i.FollowUpId, i.OccurredOn, i.Kind, i.Motives, i.Actions, i.Summary, i.Provenance,
                authors.GetValueOrDefault(i.AuthorId, "?"))).ToList();
        }
        return new View(id, access, identity, contact, household, followUps, interviews);
    }
}
