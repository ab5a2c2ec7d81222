using Discret.Catalogue;
using Discret.Web.Security;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Web.Features.Journal;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Demo;

/// <summary>
/// Four weeks of generated journal for the demo, so that the DPO console has something to show: the demo accounts'
/// working days (sign-in, searches, reads, writes), and in the last week one of each anomaly — a worker reading far
/// more files than her peer, a refused-access burst, reads at night, activity on a weekend day, break-glass
/// accesses up to the weekly limit, with their written justification, then one refused; resets of accounts asked
/// beyond the alert's threshold. Added through the real chain, in batches.
/// </summary>
[AcrossFiles("generates the demo journal (demo mode only)")]
public static class DemoJournal
{
    public const int Days = 28;

    private static readonly string[] Justifications =
    [
        "Référente en congé ; la personne s'est présentée pour une facture d'énergie à régler avant coupure.",
        "Remplacement de la collègue absente cette semaine : rendez-vous déjà fixé avec la personne.",
        "Permanence sans rendez-vous : la personne demande où en est sa demande de logement.",
        "La personne demande une copie de l'attestation remise le mois dernier ; référent absent.",
    ];

    public static async Task GenerateAsync(DiscretDbContext db, DateTime now, Random random, CancellationToken ct = default)
    {
        var accounts = await db.Users.AsNoTracking().ToListAsync(ct);
        StaffAccount Demo(string login) => accounts.First(a => a.UserName == login);
        var persons = await db.Persons.AsNoTracking().Select(p => new { p.Id, p.CirconscriptionId }).ToListAsync(ct);
        List<Guid> PersonsOf(StaffAccount a) => persons.Where(p => p.CirconscriptionId == a.CirconscriptionId).Select(p => p.Id).ToList();

        var entries = new List<JournalEntry>();
        var breakGlass = new List<BreakGlassAccess>();
        var today = ParisTime.DayOf(now);
        DateTime At(DateOnly day, int hour, int minute) => ParisTime.ToUtc(day, new TimeOnly(hour, minute)).AddSeconds(random.Next(60));
        string Address(StaffAccount a) => $"10.20.{Math.Abs(a.CirconscriptionId.GetHashCode() % 200)}.{10 + Math.Abs(a.Id.GetHashCode() % 200)}";
        void Add(StaffAccount a, DateTime at, JournalAction action, Guid? person = null, string? detail = null, string? purpose = null, Guid? reference = null)
        {
            if (at < now) entries.Add(new JournalEntry(at, a.Id, a.Role, person, action, detail, purpose, reference, Address(a)));
        }

        var groupsByRole = new Dictionary<StaffRole, FieldGroup[]>
        {
            [StaffRole.Accueil] = [FieldGroup.Identite, FieldGroup.Coordonnees, FieldGroup.Equipe, FieldGroup.RendezVous],
            [StaffRole.Secretariat] = [FieldGroup.Identite, FieldGroup.Coordonnees, FieldGroup.Equipe, FieldGroup.RendezVous],
            [StaffRole.TravailleurSocial] = [FieldGroup.Identite, FieldGroup.Coordonnees, FieldGroup.Menage, FieldGroup.Equipe, FieldGroup.RendezVous, FieldGroup.Accompagnement, FieldGroup.Entretiens],
            [StaffRole.ResponsableCirconscription] = [FieldGroup.Identite, FieldGroup.Equipe],
        };
        var workers = new[] { Demo("accueil"), Demo("secretariat"), Demo("ts"), Demo("ts.sud"), Demo("rc") };

        // The anomalies of the last week, each on a weekday of its own.
        var lastWeek = Enumerable.Range(1, 6).Select(i => today.AddDays(-i)).ToList();
        var weekdays = lastWeek.Where(d => !FrenchCalendar.IsDayOff(d)).ToList();
        var overReadingDay = weekdays.ElementAtOrDefault(0);
        var refusedDay = weekdays.ElementAtOrDefault(1);
        var nightDay = weekdays.ElementAtOrDefault(2);
        var weekendDay = lastWeek.FirstOrDefault(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);

        for (var day = today.AddDays(-Days); day <= today; day = day.AddDays(1))
        {
            if (FrenchCalendar.IsDayOff(day)) continue;
            foreach (var a in workers)
            {
                var reach = PersonsOf(a);
                if (reach.Count == 0) continue;
                Add(a, At(day, 8, 30).AddMinutes(random.Next(40)), JournalAction.Connexion);
                var reads = a.Role == StaffRole.TravailleurSocial ? 10 + random.Next(10) : 8 + random.Next(8);
                if (a.UserName == "ts.sud" && day == overReadingDay) reads = Math.Min(reach.Count, 90);
                var files = reach.OrderBy(_ => random.Next()).Take(reads).ToList();
                var minute = 0;
                foreach (var person in files)
                {
                    minute += 3 + random.Next(a.UserName == "ts.sud" && day == overReadingDay ? 3 : 25);
                    var at = At(day, 9, 0).AddMinutes(minute);
                    if (random.Next(3) == 0) Add(a, at.AddSeconds(-40), JournalAction.Recherche, detail: (1 + random.Next(6)).ToString());
                    var groups = groupsByRole[a.Role];
                    Add(a, at, JournalAction.Lecture, person, AccessJournal.Groups(groups.Take(2 + random.Next(groups.Length - 1))));
                    if (random.Next(5) == 0)
                        Add(a, at.AddMinutes(2), JournalAction.Ecriture, person,
                            a.Role == StaffRole.TravailleurSocial ? AccessJournal.Groups([FieldGroup.Entretiens]) : AccessJournal.Groups([FieldGroup.RendezVous]));
                }
                Add(a, At(day, 17, random.Next(50)), JournalAction.Deconnexion);
            }

            if (day == refusedDay)
            {
                var accueil = Demo("accueil");
                var elsewhere = persons.Where(p => p.CirconscriptionId != accueil.CirconscriptionId).Select(p => p.Id).OrderBy(_ => random.Next()).Take(12);
                var m = 0;
                foreach (var person in elsewhere) Add(accueil, At(day, 10, 0).AddMinutes(m += 1 + random.Next(2)), JournalAction.AccesRefuse, person);
            }
            if (day == nightDay)
            {
                var ts = Demo("ts");
                var reach = PersonsOf(ts);
                Add(ts, At(day, 22, 40), JournalAction.Connexion);
                Add(ts, At(day, 22, 43), JournalAction.Lecture, reach[random.Next(reach.Count)], AccessJournal.Groups([FieldGroup.Identite, FieldGroup.Entretiens]));
                Add(ts, At(day, 23, 5), JournalAction.Lecture, reach[random.Next(reach.Count)], AccessJournal.Groups([FieldGroup.Identite, FieldGroup.Accompagnement]));
            }
        }

        if (weekendDay != default)
        {
            var tsSud = Demo("ts.sud");
            var reach = PersonsOf(tsSud);
            Add(tsSud, At(weekendDay, 10, 5), JournalAction.Connexion);
            for (var i = 0; i < 3; i++)
                Add(tsSud, At(weekendDay, 10, 10 + 7 * i), JournalAction.Lecture, reach[random.Next(reach.Count)], AccessJournal.Groups([FieldGroup.Identite, FieldGroup.RendezVous]));
        }

        // Break-glass: the worker of Valmont-Sud opens three files she does not follow in the week (the weekly limit), then
        // asks for a fourth, refused. The demo "ts" keeps its own accesses free to try the feature.
        var worker = Demo("ts.sud");
        var others = PersonsOf(worker).OrderBy(_ => random.Next()).Take(3).ToList();
        for (var i = 0; i < others.Count && weekdays.Count > 0; i++)
        {
            var at = At(weekdays[i % weekdays.Count], 14 + i / weekdays.Count, 10).AddMinutes(random.Next(30));
            var reason = Enum.GetValues<BreakGlassReason>()[i % 4];
            var access = new BreakGlassAccess(worker.Id, others[i], reason, Justifications[i % Justifications.Length], at, TimeSpan.FromHours(4));
            breakGlass.Add(access);
            Add(worker, at, JournalAction.AccesExceptionnel, others[i], purpose: reason.ToString(), reference: access.Id);
            Add(worker, at.AddMinutes(1), JournalAction.Lecture, others[i], AccessJournal.Groups([FieldGroup.Identite, FieldGroup.Accompagnement, FieldGroup.Entretiens]),
                AccessJournal.BreakGlassPurpose, access.Id);
        }
        if (weekdays.Count > 0)
            Add(worker, At(weekdays[0], 16, 45), JournalAction.AccesExceptionnelRefuse, PersonsOf(worker)[0], "seuil hebdomadaire", nameof(BreakGlassReason.PermanenceSansRendezVous));
        // Resets: the administrator asks four in the week (beyond the alert's threshold); the heads who confirm refuse them
        // (journal only: no request stays pending on a demo account).
        if (weekdays.Count > 0)
        {
            var admin = Demo("admin");
            var day = weekdays[^1];
            foreach (var (login, i) in new[] { "accueil", "secretariat", "ts", "direction" }.Select((l, i) => (l, i)))
            {
                var target = Demo(login);
                var asked = At(day, 9, 5 + 10 * i);
                Add(admin, asked, JournalAction.DemandeCompte, detail: $"rôle: {target.Role}", purpose: nameof(AccountRequestKind.Reinitialisation), reference: target.Id);
                Add(Demo(login == "direction" ? "dpo" : "rc"), asked.AddHours(2), JournalAction.RefusCompte, purpose: nameof(AccountRequestKind.Reinitialisation), reference: target.Id);
            }
        }
        db.BreakGlassAccesses.AddRange(breakGlass);
        await db.SaveChangesAsync(ct);

        // Oldest first, so that the chain's order is the order of time; in batches, each chained by its SaveChanges.
        foreach (var batch in entries.OrderBy(e => e.At).Chunk(500))
        {
            db.JournalEntries.AddRange(batch);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
