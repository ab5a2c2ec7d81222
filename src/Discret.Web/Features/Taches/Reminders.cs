using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Input;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Web.Features.InformationDesPersonnes;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Taches;

/// <summary>Reminders settings (<c>Discret:Reminders</c>).</summary>
public sealed class ReminderSettings
{
    /// <summary>After how many months without contact an open follow-up is recalled to its worker.</summary>
    public int NoContactMonths { get; set; } = 6;
}

/// <summary>Liste fermée : NoticeToGive (notice d'information à remettre, 30 jours après la création du dossier) ; FactToTell (information d'un partenaire ou d'un tiers à porter à la connaissance de la personne, un mois) ; RightsRequestDue (demande d'exercice des droits en cours, son délai légal) ; ConsentExpiring (accord de partage qui expire dans les 30 jours) ; NoContact (accompagnement ouvert sans contact depuis 6 mois, réglable) ; MandateExpiring (mandat en vigueur dont le professionnel est nommé et qui prend fin dans les 30 jours, sans renouvellement signé).</summary>
/// <remarks>What a reminder recalls; each is derived from data Discret already holds.</remarks>
public enum ReminderKind
{
    /// <summary>The information notice not given yet (deadline: the file's creation + 30 days).</summary>
    NoticeToGive,
    /// <summary>A fact from a partner or third party not yet brought to the person's knowledge (one month).</summary>
    FactToTell,
    /// <summary>A rights request in progress (its legal deadline).</summary>
    RightsRequestDue,
    /// <summary>A consent to share that expires within 30 days and has not been renewed.</summary>
    ConsentExpiring,
    /// <summary>An open follow-up without contact for the set number of months.</summary>
    NoContact,
    /// <summary>A mandate in force, naming the worker, that ends within 30 days and has no signed renewal (« Mandat à renouveler »).</summary>
    MandateExpiring,
}

/// <summary>
/// The system reminders (« rappels ») of a worker: computed when read from the files themselves, so that there is no copy
/// to keep or to delete — a reminder disappears as soon as what it recalls is done (the notice given, the fact told, the
/// request closed, the consent renewed, a contact recorded). Only for the open follow-ups where she is referent or
/// co-worker, on files she reaches (<see cref="PersonAccess.VisiblePersons"/>), and only from the field groups her role
/// reads there. The one place where each rule's deadline is computed: « Mes accompagnements » shows the ones past due
/// (<see cref="Reminder.Overdue"/>), « Mes tâches » all of them.
/// </summary>
[AcrossFiles("the signed-in worker's own follow-ups, through PersonAccess.VisiblePersons")]
public sealed class Reminders(DiscretDbContext db, PersonAccess access, PersonInformation information, Journal.AccessJournal journal, TimeProvider clock,
    IOptions<ReminderSettings> settings)
{
    public const int ConsentNoticeDays = 30;
    public const int MandateNoticeDays = 30;

    /// <summary>Un rappel, calculé à la lecture à partir du dossier : il disparaît dès que ce qu'il rappelle est fait.</summary>
    /// <param name="Kind">Ce que rappelle le rappel.</param>
    /// <param name="PersonId">Identifiant (UUID) de la personne concernée.</param>
    /// <param name="What">Ce qu'il faut faire, en français.</param>
    /// <param name="Deadline">Échéance, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="Href">Chemin de la page de Discret où le faire (par exemple /personnes/{id}/information) : une page de l'application, pas une route de l'API.</param>
    /// <param name="Overdue">true si l'échéance est passée.</param>
    public sealed record Reminder(ReminderKind Kind, Guid PersonId, string What, DateOnly Deadline, string Href, bool Overdue)
    {
        /// <summary>Nom de la personne concernée (nom d'usage ou de naissance, puis prénoms).</summary>
        public string? PersonName { get; init; }
    }

    /// <summary>The persons of the open follow-ups where the account is referent or co-worker, among those it reaches.</summary>
    public IQueryable<Guid> MyPersonIds(ClaimsPrincipal user)
    {
        var me = user.AccountId();
        var open = db.FollowUps.Where(f => f.Status == FollowUpStatus.Ouvert);
        var mine = open.Where(f => f.ReferentId == me).Select(f => f.PersonId)
            .Concat(db.FollowUpMembers.Where(m => m.StaffAccountId == me).Join(open, m => m.FollowUpId, f => f.Id, (m, f) => f.PersonId));
        return access.VisiblePersons(user).Where(p => mine.Contains(p.Id)).Select(p => p.Id);
    }

    /// <summary>The account's reminders on all its follow-ups (a social worker's or an assigned head's), by deadline.</summary>
    public async Task<IReadOnlyList<Reminder>> MineAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.Role() is not (StaffRole.TravailleurSocial or StaffRole.ResponsableCirconscription)) return [];
        var persons = await MyPersonIds(user).Distinct().ToListAsync(ct);
        var names = await db.Persons.AsNoTracking().Where(p => persons.Contains(p.Id))
            .Select(p => new { p.Id, Name = Person.NameOf(p.UsageName, p.BirthName, p.FirstNames) }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var mine = (await ForPersonsAsync(user, persons, null, ct)).SelectMany(p => p.Value)
            .Select(r => r with { PersonName = names.GetValueOrDefault(r.PersonId) }).OrderBy(r => r.Deadline).ToList();
        await journal.WriteAsync(Domain.Journal.JournalAction.Recherche, detail: $"mes rappels : {mine.Count} rappel(s)", ct: ct);
        return mine;
    }

    /// <summary>The reminders on these persons' files (the caller's own follow-ups), per person, by deadline;
    /// <paramref name="kinds"/> null for every kind.</summary>
    public async Task<Dictionary<Guid, List<Reminder>>> ForPersonsAsync(ClaimsPrincipal user, IReadOnlyCollection<Guid> personIds,
        IReadOnlySet<ReminderKind>? kinds, CancellationToken ct = default)
    {
        var result = new Dictionary<Guid, List<Reminder>>();
        if (personIds.Count == 0 || user.Role() is not { } role) return result;
        var today = clock.Today();
        var ids = personIds.ToList();
        var readable = PersonAccess.Groups(role, sameCirconscription: true, assigned: true, write: false);
        bool Wanted(ReminderKind k) => kinds is null || kinds.Contains(k);
        void Add(ReminderKind kind, Guid person, string what, DateOnly deadline, string href) =>
            (result.TryGetValue(person, out var list) ? list : result[person] = []).Add(new Reminder(kind, person, what, deadline, href, deadline < today));

        if (readable.Contains(FieldGroup.Information))
        {
            if (Wanted(ReminderKind.NoticeToGive))
                foreach (var p in await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id) && !db.InformationRecords.Any(r => r.PersonId == p.Id))
                             .Select(p => new { p.Id, p.CreatedAt }).ToListAsync(ct))
                    Add(ReminderKind.NoticeToGive, p.Id, "Notice d'information à remettre", PersonInformation.NoticeDeadline(p.CreatedAt), $"/personnes/{p.Id}/information");
            if (Wanted(ReminderKind.FactToTell))
                foreach (var f in await information.PendingFactsAsync(db.Persons.Where(p => ids.Contains(p.Id)).Select(p => p.Id), ct))
                    Add(ReminderKind.FactToTell, f.PersonId, $"À porter à sa connaissance : {f.Describe()}", f.Deadline, $"/personnes/{f.PersonId}/information");
        }
        if (readable.Contains(FieldGroup.Droits) && Wanted(ReminderKind.RightsRequestDue))
            foreach (var r in await db.RightsRequests.AsNoTracking().Where(r => ids.Contains(r.PersonId) && r.Status == RequestStatus.EnCours)
                         .Select(r => new { r.PersonId, r.Kind, r.DueOn }).ToListAsync(ct))
                Add(ReminderKind.RightsRequestDue, r.PersonId, $"Demande de droits à traiter ({r.Kind.Label()})", r.DueOn, $"/personnes/{r.PersonId}");
        if (readable.Contains(FieldGroup.Partages) && Wanted(ReminderKind.ConsentExpiring))
        {
            var limit = today.AddDays(ConsentNoticeDays);
            var valid = db.SharingConsents.Where(SharingConsent.ValidOn.For(today));
            // A consent renewed for the same kind of partner, valid beyond the limit, settles the one that expires.
            foreach (var c in await valid.AsNoTracking().Where(c => ids.Contains(c.PersonId) && c.ValidUntil <= limit
                             && !valid.Any(o => o.PersonId == c.PersonId && o.Partner == c.Partner && o.ValidUntil > limit))
                         .Select(c => new { c.PersonId, c.Partner, c.ValidUntil }).ToListAsync(ct))
                Add(ReminderKind.ConsentExpiring, c.PersonId, $"Accord de partage qui expire ({c.Partner.ShortLabel()})", c.ValidUntil, $"/personnes/{c.PersonId}");
        }
        if (readable.Contains(FieldGroup.DemarchesEnLigne) && Wanted(ReminderKind.MandateExpiring))
        {
            // To the named workers only; a one-day mandate is not renewed, and a signed renewal settles the mandate it renews.
            var limit = today.AddDays(MandateNoticeDays);
            var me = user.AccountId();
            foreach (var m in await db.Mandates.AsNoTracking().Where(Discret.Domain.Mandates.Mandate.InForceOn.For(today))
                         .Where(m => ids.Contains(m.PersonId) && m.EndsOn <= limit && m.StartsOn != m.EndsOn && m.Mandataires.Contains(me)
                                     && !db.Mandates.Any(r => r.RenewsId == m.Id && r.SignedOn != null && r.RevokedOn == null))
                         .Select(m => new { m.Id, m.PersonId, m.EndsOn }).ToListAsync(ct))
                Add(ReminderKind.MandateExpiring, m.PersonId, "Mandat à renouveler", m.EndsOn, $"/personnes/{m.PersonId}/mandats/{m.Id}");
        }
        if (readable.Contains(FieldGroup.Accompagnement) && Wanted(ReminderKind.NoContact))
        {
            var months = settings.Value.NoContactMonths;
            var since = today.AddMonths(-months);
            foreach (var p in await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id) && p.LastContactOn <= since)
                         .Select(p => new { p.Id, p.LastContactOn }).ToListAsync(ct))
                Add(ReminderKind.NoContact, p.Id, $"Pas de contact depuis {months} mois (dernier le {ParisTime.Day(p.LastContactOn)})", p.LastContactOn.AddMonths(months), $"/personnes/{p.Id}");
        }
        foreach (var list in result.Values) list.Sort((a, b) => a.Deadline.CompareTo(b.Deadline));
        return result;
    }

    public static string Label(ReminderKind kind) => kind switch
    {
        ReminderKind.NoticeToGive => "Notice d'information",
        ReminderKind.FactToTell => "Information venant d'un tiers",
        ReminderKind.RightsRequestDue => "Demande de droits",
        ReminderKind.ConsentExpiring => "Accord de partage",
        ReminderKind.NoContact => "Sans contact",
        ReminderKind.MandateExpiring => "Mandat à renouveler",
        _ => ClosedList.Unknown(kind),
    };
}
