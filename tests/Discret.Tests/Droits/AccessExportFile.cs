using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Droits;

/// <summary>
/// A generated person with a row in every entity the catalogue declares for a person, as a demo file has them: a household of
/// three, a follow-up and its team, interviews (one reported by a third party, one by a partner, one corrected and completed),
/// two authors' working notes, appointments (one with another member of the household, one cancelled), a task, information
/// given, a fact brought to knowledge, a consent and a sharing, digital helps, a mandate and a procedure done under it, a letter, an access request and a rectification (its value
/// kept), a legal hold, a break-glass access and its notification, and a journal of reads, writes, a confirmed guard warning and
/// a sharing. For the access export's tests.
/// </summary>
public static class AccessExportFile
{
    public sealed record Fixture(TestAccount Referent, TestAccount Colleague, TestCase Case, Guid RequestId, string NoteOfReferent, string NoteOfColleague,
        string ThirdPartySummary, string Justification);

    public static string Marker() => new(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());

    public static async Task<Fixture> CreateAsync(DiscretFactory app)
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var reception = await app.CreateAccountAsync(StaffRole.Accueil);
        var file = await app.CreateCaseAsync(0, referent, [colleague], nextAppointment: DateTime.UtcNow.AddDays(4)); // an appointment of the agenda (issue 16)
        var noteA = "Penser au dossier logement " + Marker();
        var noteB = "Rappeler la CAF pour la prime " + Marker();
        var reported = "Le voisinage signale des difficultés de chauffage " + Marker();
        var justification = "Remplacement de la référente absente pour le dossier logement " + Marker();
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var today = DateOnly.FromDateTime(now);
            var followUpId = file.FollowUpId!.Value;
            var person = await db.Persons.SingleAsync(p => p.Id == file.PersonId);
            // The household: a partner and a child beside the person.
            var partner = new Person(new PersonIdentity("Essai" + Marker(), null, "Camille", new DateOnly(1982, 9, 3), null, null),
                person.HouseholdId, HouseholdLink.ConjointOuPartenaire, person.CirconscriptionId, Provenance.ThePerson, now);
            var child = new Person(new PersonIdentity("Essai" + Marker(), null, "Sacha", new DateOnly(2014, 2, 11), null, null),
                person.HouseholdId, HouseholdLink.Enfant, person.CirconscriptionId, Provenance.ThePerson, now);
            db.Persons.AddRange(partner, child);
            db.Interviews.Add(new Interview(followUpId, colleague.Id, new InterviewContent(today, InterviewKind.VisiteADomicile, [file.PersonId, partner.Id],
                [FollowUpMotive.Logement], [InterviewAction.OrientationPartenaire, InterviewAction.DemandeAideFinanciere], reported,
                Provenance.ReportedBy(ThirdPartyCategory.Voisinage)), now));
            db.Interviews.Add(new Interview(followUpId, referent.Id, new InterviewContent(today, InterviewKind.Telephone, [],
                [FollowUpMotive.AccesAuxDroits], [], "Point sur les droits avec le CCAS.", Provenance.Partner("CCAS de Valmont")), now));
            db.WorkingNotes.Add(new WorkingNote(followUpId, referent.Id, noteA, now, now.AddDays(30)));
            db.WorkingNotes.Add(new WorkingNote(followUpId, colleague.Id, noteB, now, now.AddDays(30)));
            db.InformationRecords.Add(new InformationRecord(file.PersonId, 1, InformationMethod.RemiseEnMain, today, reception.Id, now));
            var interviewId = await db.Interviews.Where(i => i.FollowUpId == followUpId).Select(i => i.Id).FirstAsync();
            db.FactDisclosures.Add(new FactDisclosure(file.PersonId, FactKind.Entretien, interviewId, today, InformationMethod.Oral, referent.Id, now));
            var consent = new SharingConsent(file.PersonId, PartnerKind.Ccas, "CCAS de Valmont", SharingPurpose.AideFinanciere, [DataCategory.Identite, DataCategory.Logement],
                ConsentForm.Ecrit, today, today.AddMonths(6), referent.Id, now);
            db.SharingConsents.Add(consent);
            db.Sharings.Add(new Sharing(consent, [DataCategory.Identite], referent.Id, now));
            var access = new BreakGlassAccess(colleague.Id, file.PersonId, BreakGlassReason.Remplacement, justification, now.AddDays(-2), TimeSpan.FromHours(4));
            db.BreakGlassAccesses.Add(access);
            db.Notifications.Add(new Notification(referent.Id, NotificationKind.AccesExceptionnel, now.AddDays(-2), colleague.Id, file.PersonId, access.Id));
            db.LegalHolds.Add(new Discret.Domain.Retention.LegalHold(file.PersonId, Discret.Domain.Retention.HoldReason.RecoursOuReclamation, "Recours gracieux n° 12",
                today, today.AddMonths(6), colleague.Id, now));
            // A letter sent to the person (Features/Courriers), about the consent.
            db.Letters.Add(new Discret.Domain.Letters.Letter(file.PersonId, Discret.Domain.Letters.LetterKind.AccuseReceptionDemande, 1, consent.Id, referent.Id, now));
            // A task about the person (issue 16 §3), given to the colleague: in the export, the colleague named by profession.
            var task = new Discret.Domain.Tasks.WorkTask(referent.Id, person.CirconscriptionId, file.PersonId, followUpId, now);
            task.Describe("Relancer le bailleur " + Marker(), colleague.Id, false, today.AddDays(7), Discret.Domain.Tasks.TaskVisibility.Equipe);
            db.Tasks.Add(task);
            // Two more appointments: a past one with the partner, honoured; one cancelled at the person's request.
            var past = now.AddDays(-10);
            var withPartner = new Discret.Domain.Agenda.Appointment(file.PersonId, person.CirconscriptionId, followUpId, [partner.Id], [referent.Id],
                new(past, past.AddHours(1), Discret.Domain.Agenda.AppointmentPlace.VisiteADomicile, null), referent.Id, past.AddDays(-7));
            withPartner.Mark(Discret.Domain.Agenda.AppointmentStatus.Honore, null);
            var later = now.AddDays(12);
            var cancelled = new Discret.Domain.Agenda.Appointment(file.PersonId, person.CirconscriptionId, followUpId, [], [colleague.Id],
                new(later, later.AddMinutes(30), Discret.Domain.Agenda.AppointmentPlace.Telephone, null), reception.Id, now);
            cancelled.Mark(Discret.Domain.Agenda.AppointmentStatus.Annule, Discret.Domain.Agenda.CancellationReason.DemandeDeLaPersonne);
            db.Appointments.AddRange(withPartner, cancelled);
            // Online procedures (issue 19): a training, an accompanied procedure, a signed mandate naming the referent (one of
            // its authorisations revoked since) and a procedure done under it.
            db.DigitalHelps.Add(Discret.Domain.Mandates.DigitalHelp.Training(followUpId, file.PersonId, Discret.Domain.Mandates.DigitalTrainingTheme.ReconnaitreLesArnaques, today, referent.Id, now));
            db.DigitalHelps.Add(Discret.Domain.Mandates.DigitalHelp.Accompanying(followUpId, file.PersonId, Discret.Domain.Mandates.ProcedureDomain.Logement,
                Discret.Domain.Mandates.OnlineOrganisation.BailleurSocial, Discret.Domain.Mandates.ProcedureOutcome.EnCours, today, colleague.Id, now));
            var mandate = new Discret.Domain.Mandates.Mandate(file.PersonId, followUpId, new Discret.Domain.Mandates.MandateTerms(today.AddDays(-7), today.AddMonths(6),
                Discret.Domain.Mandates.ProtectionMeasure.Aucune, null, [referent.Id], [Discret.Domain.Mandates.MandateDataKind.Ressources],
                [(Discret.Domain.Mandates.ProcedureDomain.Social, [Discret.Domain.Mandates.OnlineOrganisation.Caf]),
                 (Discret.Domain.Mandates.ProcedureDomain.Travail, [Discret.Domain.Mandates.OnlineOrganisation.FranceTravail])]), referent.Id, now.AddDays(-7));
            mandate.Seal("test-1", "{}");
            mandate.RecordSignature(today.AddDays(-7), Discret.Domain.Mandates.MandateSigner.LaPersonne, referent.Id, now.AddDays(-7));
            mandate.AuthorisationFor(Discret.Domain.Mandates.ProcedureDomain.Travail)!.Revoke(today, referent.Id, Discret.Domain.Mandates.MandateRevocationReason.DemandeDeLaPersonne);
            db.Mandates.Add(mandate);
            db.MandateActions.Add(new Discret.Domain.Mandates.MandateAction(mandate, mandate.AuthorisationFor(Discret.Domain.Mandates.ProcedureDomain.Social)!,
                Discret.Domain.Mandates.OnlineOrganisation.Caf, Discret.Domain.Mandates.OnlineProcedure.DeclarationDeRessources, Discret.Domain.Mandates.ProcedureOutcome.Aboutie,
                today.AddDays(-1), referent.Id, now));
            // The journal as the day's work writes it: a confirmed guard warning, a sharing, a read under the break-glass access.
            db.JournalEntries.Add(new JournalEntry(now, colleague.Id, StaffRole.TravailleurSocial, file.PersonId, JournalAction.AvertissementConfirme,
                "Summary:Judgement", null, null, "127.0.0.1"));
            db.JournalEntries.Add(new JournalEntry(now, referent.Id, StaffRole.TravailleurSocial, file.PersonId, JournalAction.Partage,
                "Identite", null, consent.Id, "127.0.0.1"));
            db.JournalEntries.Add(new JournalEntry(now.AddDays(-2), colleague.Id, StaffRole.TravailleurSocial, file.PersonId, JournalAction.Lecture,
                "Accompagnement,Entretiens,Identite", "AccesExceptionnel", access.Id, "127.0.0.1"));
            await db.SaveChangesAsync();
        });
        // Consultations in the journal: the referent and reception open the file.
        var ts = await StaffSession.LoginAsync(app, referent);
        Assert.Equal(HttpStatusCode.OK, (await ts.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        var accueil = await StaffSession.LoginAsync(app, reception);
        Assert.Equal(HttpStatusCode.OK, (await accueil.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        var requestId = await (await ts.RegisterAsync(file.PersonId)).RegisteredIdAsync();
        // A rectification of the phone number on the person's request: the value replaced is kept (R20).
        var rectification = await (await ts.RegisterAsync(file.PersonId, "Rectification")).RegisteredIdAsync();
        var version = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Persons.Where(p => p.Id == file.PersonId).Select(p => p.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/personnes/{file.PersonId}/identite",
            new { version, birthName = file.BirthName, firstNames = "Alex", birthDate = "1980-05-17", phone = "06 00 00 00 77", addressLine = "1 rue de l'Essai", postalCode = "99000", city = "Valmont", source = "Personne", rightsRequestId = rectification })).StatusCode);
        // The interview corrected by its author (the text replaced is kept), then completed by a dated addendum.
        var interviewId = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Interviews.Where(i => i.FollowUpId == file.FollowUpId && i.AuthorId == referent.Id).OrderBy(i => i.CreatedAt).Select(i => i.Id).FirstAsync());
        var interviewVersion = (await ts.Client.GetFromJsonAsync<JsonElement>($"/api/v1/entretiens/{interviewId}")).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/entretiens/{interviewId}",
            new { version = interviewVersion, summary = "Synthèse corrigée : dossier logement déposé." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/entretiens/{interviewId}/complements",
            new { text = "Le bailleur a accusé réception." })).StatusCode);
        return new Fixture(referent, colleague, file, requestId, noteA, noteB, reported, justification);
    }

    public static Task<HttpResponseMessage> ExportAsync(StaffSession session, Guid requestId, string format) =>
        session.PostFormAsync($"/droits/demandes/{requestId}?handler={format}", new Dictionary<string, string>(), $"/droits/demandes/{requestId}");
}
