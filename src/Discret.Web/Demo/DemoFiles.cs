using Discret.Catalogue;
using Discret.Web.Security;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Organisation;
using Discret.Domain.Persons;
using Discret.Domain.Rights;

namespace Discret.Web.Demo;

/// <summary>
/// Generated, fictional case files for demo mode: households with one to four members, follow-ups held by the
/// demo workers of each circonscription, interviews with neutral, factual summaries. Seeded: every demo is the same.
/// </summary>
[AcrossFiles("generates the demo data set (demo mode only)")]
public static class DemoFiles
{
    public const int PersonCount = 300;

    private static readonly string[] LastNames = ["Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont",
        "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin",
        "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément", "Morin",
        "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson"];
    private static readonly string[] AdultFirstNames = ["Camille", "Nathalie", "Sandrine", "Isabelle", "Sylvie", "Fatima", "Aïcha", "Mélanie", "Céline",
        "Thierry", "Pascal", "Didier", "Stéphane", "Julien", "Kevin", "Karim", "Mohamed", "Sophie", "Laurence", "Patrick"];
    private static readonly string[] ChildFirstNames = ["Léa", "Manon", "Chloé", "Emma", "Inès", "Jade", "Lina", "Lucas", "Hugo", "Nathan", "Enzo",
        "Louis", "Jules", "Gabriel", "Yanis", "Noah", "Rose", "Adam"];
    private static readonly string[] Streets = ["rue des Tilleuls", "avenue de la Gare", "place du Marché", "chemin des Vignes", "rue Victor-Hugo",
        "allée des Peupliers", "boulevard de la République", "rue du Moulin"];
    private static readonly string[] Cities = ["Valmont", "Saint-Fictif", "Les Coteaux", "Bourg-Imaginaire"];
    private static readonly string[] Summaries =
    [
        "Point sur les démarches en cours. Dossier de demande d'aide au logement complété ensemble ; pièces manquantes listées.",
        "Présentation du service et des droits. La personne souhaite être accompagnée pour constituer son dossier de retraite.",
        "Budget revu ensemble à partir des factures apportées. Orientation vers le point conseil budget.",
        "Échange téléphonique pour confirmer le rendez-vous à la caisse d'allocations familiales la semaine prochaine.",
        "Visite à domicile à la demande de la personne pour faire le point sur l'équipement du logement.",
        "Suivi de la demande de logement social : dossier déposé, numéro unique obtenu, relance prévue dans deux mois.",
        "Aide à la prise de rendez-vous auprès de France Travail ; la personne repart avec la liste des documents à fournir.",
        "Demande d'aide financière pour une facture d'énergie préparée ensemble, à présenter à la prochaine commission.",
    ];

    public static void Generate(DiscretDbContext db, IReadOnlyList<Circonscription> circonscriptions, IReadOnlyList<StaffAccount> accounts, DateTime now, Random random)
    {
        var today = ParisTime.DayOf(now);
        var workersByCirconscription = accounts
            .Where(a => a.Role == StaffRole.TravailleurSocial)
            .GroupBy(a => a.CirconscriptionId).ToDictionary(g => g.Key, g => g.ToList());
        var manager = accounts.FirstOrDefault(a => a.Role == StaffRole.ResponsableCirconscription);
        var created = 0;
        while (created < PersonCount)
        {
            var circonscription = circonscriptions[random.Next(circonscriptions.Count)];
            var household = new Household(new HouseholdAddress($"{random.Next(1, 120)} {Pick(random, Streets)}", $"99{random.Next(0, 10)}{random.Next(0, 10)}0", Pick(random, Cities)), now);
            db.Households.Add(household);
            var familyName = Pick(random, LastNames);
            var size = Math.Min(PersonCount - created, 1 + random.Next(4));
            var members = new List<Person>();
            for (var m = 0; m < size; m++)
            {
                var isChild = m >= 2 || (m == 1 && random.Next(3) == 0);
                var link = m == 0 ? HouseholdLink.PersonneDeReference : isChild ? HouseholdLink.Enfant : HouseholdLink.ConjointOuPartenaire;
                var birth = isChild ? today.AddDays(-random.Next(365, 365 * 17)) : today.AddDays(-random.Next(365 * 20, 365 * 85));
                var birthName = link == HouseholdLink.ConjointOuPartenaire && random.Next(2) == 0 ? Pick(random, LastNames) : familyName;
                var usageName = link == HouseholdLink.ConjointOuPartenaire && birthName != familyName && random.Next(2) == 0 ? familyName : null;
                var phone = isChild ? null : $"06 {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)}";
                var identity = new PersonIdentity(birthName, usageName, Pick(random, isChild ? ChildFirstNames : AdultFirstNames), birth, phone, null);
                members.Add(new Person(identity, household.Id, link, circonscription.Id, Provenance.ThePerson, now));
            }
            db.Persons.AddRange(members);
            created += members.Count;

            if (!workersByCirconscription.TryGetValue(circonscription.Id, out var workers) || random.Next(10) < 3) continue;
            var holder = members[0];
            var referent = workers[random.Next(workers.Count)];
            var motives = Enum.GetValues<FollowUpMotive>().OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToList();
            var followUp = new FollowUp(holder.Id, circonscription.Id, referent.Id, motives, today.AddDays(-random.Next(30, 700)), Provenance.AProfessional);
            if (manager is not null && manager.CirconscriptionId == circonscription.Id && random.Next(5) == 0)
                followUp.Assign(referent.Id, [manager.Id]);
            var closed = random.Next(6) == 0;
            var lastDay = closed ? today.AddDays(-random.Next(1, 25)) : today;
            db.FollowUps.Add(followUp);
            // Agenda (issue 16): half the open follow-ups have their next appointment booked with the referent.
            if (!closed && random.Next(2) == 0)
            {
                var start = ParisTime.ToUtc(today.AddDays(random.Next(1, 30)), new TimeOnly(9 + random.Next(8), 15 * random.Next(4)));
                db.Appointments.Add(new Discret.Domain.Agenda.Appointment(holder.Id, circonscription.Id, followUp.Id, [], [referent.Id],
                    new(start, start.AddMinutes(45), Discret.Domain.Agenda.AppointmentPlace.BureauCirconscription, null), referent.Id, now));
            }
            var interviews = 1 + random.Next(5);
            for (var i = 0; i < interviews; i++)
            {
                var provenance = random.Next(12) switch
                {
                    0 => Provenance.ReportedBy(ThirdPartyCategory.Voisinage),
                    1 => Provenance.Partner("CCAS de Valmont"),
                    < 6 => Provenance.ThePerson,
                    _ => Provenance.AProfessional,
                };
                var occurred = followUp.OpenedOn.AddDays(random.Next(0, Math.Max(1, lastDay.DayNumber - followUp.OpenedOn.DayNumber)));
                var content = new InterviewContent(occurred, Enum.GetValues<InterviewKind>()[random.Next(4)], [holder.Id],
                    motives, [Enum.GetValues<InterviewAction>()[random.Next(6)]], Pick(random, Summaries), provenance);
                var interview = new Interview(followUp.Id, referent.Id, content, now);
                db.Interviews.Add(interview);
                // Most facts reported by others were brought to the person's knowledge within the month; a few are still owed.
                if (provenance.Source is DataSource.Tiers or DataSource.Partenaire && random.Next(10) < 7)
                    db.FactDisclosures.Add(new FactDisclosure(holder.Id, FactKind.Entretien, interview.Id,
                        Min(occurred.AddDays(random.Next(1, 20)), today), InformationMethod.Oral, referent.Id, now));
            }
            // Four persons in five were given the notice when their follow-up opened; the others show the reminder.
            if (random.Next(5) != 0)
                db.InformationRecords.Add(new InformationRecord(holder.Id, 1, InformationMethod.RemiseEnMain, followUp.OpenedOn, referent.Id, now));
            if (closed) followUp.Close(lastDay);
        }
        AddDormantFiles(db, circonscriptions, workersByCirconscription, now, new Random(20261127));
    }

    /// <summary>Surnames of the old files only, so that they never mix with the searches the demo is shown with.</summary>
    private static readonly string[] OldFileNames = ["Besson", "Carpentier", "Delmas", "Marchand", "Renaud", "Tessier", "Aubert", "Lemaire"];

    /// <summary>How many old files of <see cref="OldFileNames"/> are already in the intermediate archive (the last ones).</summary>
    public const int ArchivedFiles = 2;

    /// <summary>
    /// Old files for the retention job to work on: households seen for the last time more than two years ago, every
    /// follow-up closed; the last <see cref="ArchivedFiles"/> ones already in the intermediate archive, for the DPO's
    /// archive page. Created on their own random sequence, so that the 300 files above stay the same.
    /// </summary>
    private static void AddDormantFiles(DiscretDbContext db, IReadOnlyList<Circonscription> circonscriptions,
        Dictionary<Guid, List<StaffAccount>> workersByCirconscription, DateTime now, Random random)
    {
        var today = ParisTime.DayOf(now);
        var served = circonscriptions.Where(c => workersByCirconscription.ContainsKey(c.Id)).ToList();
        if (served.Count == 0) return;
        for (var n = 0; n < OldFileNames.Length; n++)
        {
            var archived = n >= OldFileNames.Length - ArchivedFiles;
            var circonscription = served[n % served.Count];
            var workers = workersByCirconscription[circonscription.Id];
            var referent = workers[random.Next(workers.Count)];
            // Last contact between 2 years + 1 month and 3 years ago (archived: at least 2 years + 2 months, archived on its 2-year mark).
            var lastContact = today.AddDays(-(730 + (archived ? 60 : 30) + random.Next(0, 300)));
            var opened = lastContact.AddDays(-random.Next(90, 500));
            var created = opened.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
            var household = new Household(new HouseholdAddress($"{random.Next(1, 120)} {Pick(random, Streets)}", $"99{random.Next(0, 10)}{random.Next(0, 10)}0", Pick(random, Cities)), created);
            db.Households.Add(household);
            var members = new List<Person>();
            var size = 1 + random.Next(3);
            for (var m = 0; m < size; m++)
            {
                var isChild = m >= 1 && random.Next(2) == 0;
                var link = m == 0 ? HouseholdLink.PersonneDeReference : isChild ? HouseholdLink.Enfant : HouseholdLink.ConjointOuPartenaire;
                var birth = isChild ? today.AddDays(-random.Next(365 * 3, 365 * 17)) : today.AddDays(-random.Next(365 * 25, 365 * 80));
                var phone = isChild ? null : $"06 {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)}";
                var person = new Person(new PersonIdentity(OldFileNames[n], null, Pick(random, isChild ? ChildFirstNames : AdultFirstNames), birth, phone, null),
                    household.Id, link, circonscription.Id, Provenance.ThePerson, created);
                person.RecordContact(lastContact);
                if (archived) person.Archive(lastContact.AddDays(730 + 1));
                members.Add(person);
            }
            db.Persons.AddRange(members);
            var holder = members[0];
            var motives = Enum.GetValues<FollowUpMotive>().OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToList();
            var followUp = new FollowUp(holder.Id, circonscription.Id, referent.Id, motives, opened, Provenance.AProfessional);
            db.FollowUps.Add(followUp);
            db.InformationRecords.Add(new InformationRecord(holder.Id, 1, InformationMethod.RemiseEnMain, opened, referent.Id, created));
            var interviews = 1 + random.Next(4);
            for (var i = 0; i < interviews; i++)
            {
                var occurred = i == interviews - 1 ? lastContact : opened.AddDays(random.Next(0, lastContact.DayNumber - opened.DayNumber));
                var content = new InterviewContent(occurred, Enum.GetValues<InterviewKind>()[random.Next(4)], [holder.Id],
                    motives, [Enum.GetValues<InterviewAction>()[random.Next(6)]], Pick(random, Summaries), Provenance.ThePerson);
                db.Interviews.Add(new Interview(followUp.Id, referent.Id, content, occurred.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc)));
            }
            followUp.Close(lastContact.AddDays(random.Next(0, 20)));
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
