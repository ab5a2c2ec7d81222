using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Persons;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Personnes;

/// <summary>
/// A person's file as one account may see it: each part is loaded only when the account may read its field
/// group, so what it may not read is never put into the view, rendered or serialised (absent, not hidden).
/// </summary>
public sealed class PersonFile(DiscretDbContext db, Journal.AccessJournal journal, TimeProvider clock)
{
    public const int RecentInterviews = 20;

    public sealed record View(
        Guid Id, PersonAccessView Access, IdentityPart? Identity, ContactPart? Contact, HouseholdPart? Household,
        IReadOnlyList<FollowUpPart> FollowUps, IReadOnlyList<InterviewPart> Interviews);

    /// <summary>L'identité de la personne et sa provenance.</summary>
    /// <param name="BirthName">Nom de naissance.</param>
    /// <param name="UsageName">Nom d'usage ; null s'il n'y en a pas.</param>
    /// <param name="FirstNames">Prénoms.</param>
    /// <param name="BirthDate">Date de naissance, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="Circonscription">Nom de la circonscription du dossier.</param>
    /// <param name="Provenance">D'où viennent ces informations.</param>
    /// <param name="Version">Version du dossier, à renvoyer dans version de PUT /api/v1/personnes/{id}/identite (une version périmée répond 409).</param>
    public sealed record IdentityPart(string BirthName, string? UsageName, string FirstNames, DateOnly BirthDate, string Circonscription, Provenance Provenance, int Version);
    /// <summary>Les coordonnées de la personne et l'adresse de son ménage ; chaque champ null quand il n'est pas renseigné.</summary>
    /// <param name="Phone">Téléphone, tel qu'il a été saisi.</param>
    /// <param name="Email">Adresse électronique.</param>
    /// <param name="AddressLine">Adresse du ménage (numéro et voie).</param>
    /// <param name="PostalCode">Code postal (5 chiffres).</param>
    /// <param name="City">Commune.</param>
    public sealed record ContactPart(string? Phone, string? Email, string? AddressLine, string? PostalCode, string? City);
    /// <summary>Le ménage de la personne.</summary>
    /// <param name="Id">Identifiant (UUID) du ménage.</param>
    /// <param name="Members">Ses membres, la personne de référence d'abord.</param>
    public sealed record HouseholdPart(Guid Id, IReadOnlyList<MemberPart> Members);
    /// <summary>Un membre du ménage.</summary>
    /// <param name="PersonId">Identifiant (UUID) de son dossier.</param>
    /// <param name="Name">Son nom (nom d'usage ou de naissance, puis prénoms).</param>
    /// <param name="Link">Son lien avec la personne de référence du ménage.</param>
    /// <param name="BirthDate">Sa date de naissance, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    public sealed record MemberPart(Guid PersonId, string Name, HouseholdLink Link, DateOnly BirthDate);

    /// <summary>Un accompagnement de la personne : l'équipe toujours ; le contenu et le prochain rendez-vous seulement quand leur groupe de données est lisible (null sinon).</summary>
    /// <param name="Id">Identifiant (UUID) de l'accompagnement (GET /api/v1/accompagnements/{id}).</param>
    /// <param name="Status">Ouvert ou Clos.</param>
    /// <param name="Referent">Nom du référent.</param>
    /// <param name="Team">Noms des co-intervenants.</param>
    /// <param name="OpenedOn">Date d'ouverture, jour (AAAA-MM-JJ, calendrier de Paris) ; null si le rôle ne lit pas le contenu.</param>
    /// <param name="ClosedOn">Date de clôture, jour (AAAA-MM-JJ, calendrier de Paris) ; null tant qu'il est ouvert, ou si le rôle ne lit pas le contenu.</param>
    /// <param name="Motives">Motifs ; null si le rôle ne lit pas le contenu.</param>
    /// <param name="Provenance">D'où viennent les motifs ; null si le rôle ne lit pas le contenu.</param>
    /// <param name="NextAppointmentAt">Début du prochain rendez-vous prévu, instant en UTC (AAAA-MM-JJThh:mm:ssZ) ; null s'il n'y en a pas ou si le rôle ne lit pas les rendez-vous.</param>
    /// <param name="Version">Version de l'enregistrement, à renvoyer avec la prochaine modification (verrouillage optimiste : une version périmée répond 409).</param>
    /// <remarks>Equipe fields always; Accompagnement and RendezVous fields only when readable (null otherwise).</remarks>
    public sealed record FollowUpPart(Guid Id, FollowUpStatus Status, string Referent, IReadOnlyList<string> Team,
        DateOnly? OpenedOn, DateOnly? ClosedOn, IReadOnlyList<FollowUpMotive>? Motives, Provenance? Provenance, DateTime? NextAppointmentAt, int Version);

    /// <summary>Un entretien récent de la personne.</summary>
    /// <param name="Id">Identifiant (UUID) de l'entretien (GET /api/v1/entretiens/{id}).</param>
    /// <param name="FollowUpId">Identifiant (UUID) de son accompagnement.</param>
    /// <param name="OccurredOn">Date de l'entretien, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="Kind">Type d'entretien.</param>
    /// <param name="Motives">Motifs abordés.</param>
    /// <param name="Actions">Actions décidées.</param>
    /// <param name="Summary">Synthèse partagée ; null s'il n'y en a pas.</param>
    /// <param name="Provenance">D'où viennent les informations de l'entretien.</param>
    /// <param name="Author">Nom de son auteur.</param>
    public sealed record InterviewPart(Guid Id, Guid FollowUpId, DateOnly OccurredOn, InterviewKind Kind, IReadOnlyList<FollowUpMotive> Motives,
        IReadOnlyList<InterviewAction> Actions, string? Summary, Provenance Provenance, string Author);

    // The three queries below are compiled once (EF.CompileAsyncQuery) rather than translated on every call: opening a
    // file is the app's most frequent read, and the per-call LINQ translation and cache lookup were a measurable part
    // of its cost against plain SQL (bench/README.md, scenario c).

    private sealed record MemberRow(Guid Id, string BirthName, string? UsageName, string FirstNames, HouseholdLink Link, DateOnly BirthDate);
    private sealed record PersonRow(string BirthName, string? UsageName, string FirstNames, DateOnly BirthDate, Provenance Provenance, int Version,
        Guid HouseholdId, string? Phone, string? Email, string Circonscription, string? AddressLine, string? PostalCode, string? City, MemberRow? Member);
    private sealed record FollowUpRow(Guid Id, FollowUpStatus Status, DateOnly OpenedOn, DateOnly? ClosedOn, List<FollowUpMotive> Motives,
        Provenance Provenance, DateTime? NextAppointmentAt, int Version, string? Referent, List<string?> Team);
    private sealed record InterviewRow(Guid Id, Guid FollowUpId, DateOnly OccurredOn, InterviewKind Kind, List<FollowUpMotive> Motives,
        List<InterviewAction> Actions, string? Summary, Provenance Provenance, string? Author);

    /// <summary>
    /// The person, the circonscription's name, the household's address and the household members in one round trip:
    /// one flat row per member (a left join, so the person's row comes back alone when the household is not readable).
    /// </summary>
    private static readonly Func<DiscretDbContext, Guid, bool, IAsyncEnumerable<PersonRow>> PersonQuery = EF.CompileAsyncQuery(
        (DiscretDbContext db, Guid id, bool householdReadable) =>
            from p in db.Persons.AsNoTracking()
            where p.Id == id
            join c in db.Circonscriptions on p.CirconscriptionId equals c.Id
            join h in db.Households on p.HouseholdId equals h.Id
            from m in db.Persons.Where(Person.InDailyWork).Where(m => householdReadable && m.HouseholdId == p.HouseholdId).DefaultIfEmpty()
            // Then the id: members born the same day (twins) keep one order from one opening to the next.
            orderby m.HouseholdLink == HouseholdLink.PersonneDeReference ? 0 : 1, m.BirthDate, m.Id
            select new PersonRow(p.BirthName, p.UsageName, p.FirstNames, p.BirthDate, p.Provenance, p.Version, p.HouseholdId, p.Phone, p.Email,
                c.Name, h.AddressLine, h.PostalCode, h.City,
                m == null ? null : new MemberRow(m.Id, m.BirthName, m.UsageName, m.FirstNames, m.HouseholdLink, m.BirthDate)));

    /// <summary>Follow-ups with the names of the referent and the team, open ones first; the next appointment is derived
    /// from the agenda (the first planned appointment from <c>now</c>, <see cref="Discret.Domain.Agenda.Appointment.Upcoming"/>).</summary>
    private static readonly Func<DiscretDbContext, Guid, DateTime, IAsyncEnumerable<FollowUpRow>> FollowUpQuery = EF.CompileAsyncQuery(
        (DiscretDbContext db, Guid id, DateTime now) =>
            db.FollowUps.AsNoTracking().Where(f => f.PersonId == id)
                .OrderByDescending(f => f.Status == FollowUpStatus.Ouvert).ThenByDescending(f => f.OpenedOn).ThenByDescending(f => f.Id)
                .Select(f => new FollowUpRow(f.Id, f.Status, f.OpenedOn, f.ClosedOn, f.Motives, f.Provenance,
                    db.Appointments.Where(a => a.FollowUpId == f.Id && a.Status == Discret.Domain.Agenda.AppointmentStatus.Prevu && a.StartsAt >= now).Min(a => (DateTime?)a.StartsAt), f.Version,
                    db.Users.Where(u => u.Id == f.ReferentId).Select(u => u.DisplayName).FirstOrDefault(),
                    f.Team.OrderBy(m => m.StaffAccountId)
                        .Select(m => db.Users.Where(u => u.Id == m.StaffAccountId).Select(u => u.DisplayName).FirstOrDefault()).ToList())));

    /// <summary>The person's last interviews, found through the follow-ups' PersonId (no need to wait for the follow-ups' ids).</summary>
    private static readonly Func<DiscretDbContext, Guid, IAsyncEnumerable<InterviewRow>> InterviewQuery = EF.CompileAsyncQuery(
        (DiscretDbContext db, Guid id) =>
            (from i in db.Interviews.AsNoTracking()
             join f in db.FollowUps on i.FollowUpId equals f.Id
             where f.PersonId == id
             orderby i.OccurredOn descending, i.CreatedAt descending, i.Id descending
             select new InterviewRow(i.Id, i.FollowUpId, i.OccurredOn, i.Kind, i.Motives, i.Actions, i.Summary, i.Provenance,
                 db.Users.Where(u => u.Id == i.AuthorId).Select(u => u.DisplayName).FirstOrDefault()))
            .Take(RecentInterviews));

    /// <param name="alsoShown">Groups the calling page shows through sections of other features (the file page: the
    /// person's information…), which load without a journal entry of their own: this read entry names them too.</param>
    public async Task<View> LoadAsync(PersonAccessView access, CancellationToken ct = default, IEnumerable<FieldGroup>? alsoShown = null)
    {
        var id = access.PersonId;
        var identityReadable = access.CanRead(FieldGroup.Identite);
        var contactReadable = access.CanRead(FieldGroup.Coordonnees);
        var householdReadable = access.CanRead(FieldGroup.Menage);
        var teamReadable = access.CanRead(FieldGroup.Equipe);
        var content = access.CanRead(FieldGroup.Accompagnement);
        var appointments = access.CanRead(FieldGroup.RendezVous);
        // Interviews are reached through the follow-ups, so they stay out of the file when the team is not readable.
        var interviewsReadable = teamReadable && access.CanRead(FieldGroup.Entretiens);

        // The read is journaled — which groups, never the values — before anything is loaded or returned.
        FieldGroup[] groups = [FieldGroup.Identite, FieldGroup.Coordonnees, FieldGroup.Menage, FieldGroup.Equipe, FieldGroup.Accompagnement,
            FieldGroup.RendezVous, FieldGroup.Entretiens];
        bool[] read = [identityReadable, contactReadable, householdReadable, teamReadable, teamReadable && content, teamReadable && appointments, interviewsReadable];
        await journal.ReadAsync(access, groups.Where((_, i) => read[i]).Concat((alsoShown ?? []).Where(access.CanRead)), ct);

        // What the account may not read is not put into the view.
        var rows = await PersonQuery(db, id, householdReadable).ToListAsync(ct);
        var row = rows.Count > 0 ? rows[0] : throw new InvalidOperationException($"Person {id} not found.");
        IdentityPart? identity = identityReadable
            ? new IdentityPart(row.BirthName, row.UsageName, row.FirstNames, row.BirthDate, row.Circonscription, row.Provenance, row.Version)
            : null;
        ContactPart? contact = contactReadable ? new ContactPart(row.Phone, row.Email, row.AddressLine, row.PostalCode, row.City) : null;
        HouseholdPart? household = householdReadable
            ? new HouseholdPart(row.HouseholdId, rows.Where(r => r.Member is not null).Select(r => r.Member!)
                .Select(m => new MemberPart(m.Id, Person.NameOf(m.UsageName, m.BirthName, m.FirstNames), m.Link, m.BirthDate)).ToList())
            : null;

        var followUps = new List<FollowUpPart>();
        if (teamReadable)
        {
            followUps = (await FollowUpQuery(db, id, clock.GetUtcNow().UtcDateTime).ToListAsync(ct)).Select(f => new FollowUpPart(f.Id, f.Status, f.Referent ?? "?",
                f.Team.Select(n => n ?? "?").ToList(),
                content ? f.OpenedOn : null, content ? f.ClosedOn : null, content ? f.Motives : null, content ? f.Provenance : null,
                appointments ? f.NextAppointmentAt : null, f.Version)).ToList();
        }

        var interviews = new List<InterviewPart>();
        if (interviewsReadable)
        {
            interviews = (await InterviewQuery(db, id).ToListAsync(ct)).Select(x => new InterviewPart(x.Id, x.FollowUpId, x.OccurredOn, x.Kind,
                x.Motives, x.Actions, x.Summary, x.Provenance, x.Author ?? "?")).ToList();
        }
        return new View(id, access, identity, contact, household, followUps, interviews);
    }
}
