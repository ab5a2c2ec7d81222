using System.Net;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Web.Features.Droits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Droits;

/// <summary>
/// The right to erasure, executed by the DPO from the request: refused with its reason while a follow-up is open
/// (GDPR art. 17.3.b); otherwise the file is deleted for real, in one go, journaled without content, and the request
/// stays in the register with the opaque id.
/// </summary>
[Collection(RightsCollection.Name)]
public class ErasureTests(DiscretFactory app)
{
    private static Task<HttpResponseMessage> EraseAsync(StaffSession session, Guid id) =>
        session.PostFormAsync($"/droits/demandes/{id}?handler=Erase", new Dictionary<string, string>(), $"/droits/demandes/{id}");

    private async Task<StaffSession> DpoAsync() => await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));

    [Fact]
    public async Task Erasure_is_refused_with_its_reason_while_a_follow_up_is_open_and_nothing_is_deleted()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        var id = await app.CreateRequestAsync(file.PersonId, RightKind.Effacement, referent.Id);
        var dpo = await DpoAsync();
        Assert.Contains("l'effacement sera refusé", (await dpo.PageTextAsync($"/droits/demandes/{id}")).Replace("<strong>", "").Replace("</strong>", ""));
        var response = await EraseAsync(dpo, id);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var request = (await app.RequestAsync(id))!;
        Assert.Equal(RequestStatus.Refusee, request.Status);
        Assert.Equal(RightsLabels.ErasureRefusedAnswer, request.Answer);
        Assert.Contains(RightsLabels.ErasureRefusedAnswer, await dpo.PageTextAsync($"/droits/demandes/{id}"));
        Assert.True(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Persons.AnyAsync(p => p.Id == file.PersonId)));
        Assert.Equal(1, await app.InterviewCountAsync(file.FollowUpId!.Value));
    }

    [Fact]
    public async Task Without_an_open_follow_up_the_whole_file_is_deleted_the_request_stays_and_the_deletion_is_journaled()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent, [colleague], closed: true);
        var followUpId = file.FollowUpId!.Value;
        Guid householdId = default;
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var today = DateOnly.FromDateTime(now);
            householdId = await db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.HouseholdId).SingleAsync();
            db.WorkingNotes.Add(new WorkingNote(followUpId, referent.Id, "Note encore présente.", now, now.AddDays(10)));
            db.InformationRecords.Add(new InformationRecord(file.PersonId, 1, InformationMethod.Oral, today, referent.Id, now));
            db.FactDisclosures.Add(new FactDisclosure(file.PersonId, FactKind.Identite, file.PersonId, today, InformationMethod.Oral, referent.Id, now));
            var consent = new SharingConsent(file.PersonId, PartnerKind.Caf, "CAF de Valmont", SharingPurpose.OuvertureDeDroits, [DataCategory.Identite],
                ConsentForm.Oral, today, today.AddMonths(3), referent.Id, now);
            db.SharingConsents.Add(consent);
            db.Sharings.Add(new Sharing(consent, [DataCategory.Identite], referent.Id, now));
            var access = new BreakGlassAccess(colleague.Id, file.PersonId, BreakGlassReason.Remplacement, "Remplacement de la référente absente.", now.AddDays(-1), TimeSpan.FromHours(4));
            db.BreakGlassAccesses.Add(access);
            db.Notifications.Add(new Notification(referent.Id, NotificationKind.AccesExceptionnel, now.AddDays(-1), colleague.Id, file.PersonId, access.Id));
            await db.SaveChangesAsync();
        });
        var accessRequest = await app.CreateRequestAsync(file.PersonId, RightKind.Acces, referent.Id);
        var id = await app.CreateRequestAsync(file.PersonId, RightKind.Effacement, referent.Id);

        // Nobody but the DPO executes it.
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        Assert.Equal(HttpStatusCode.NotFound, (await EraseAsync(rc, id)).StatusCode);

        var dpo = await DpoAsync();
        // Before erasing: the partners who received the data, to be told (GDPR art. 19), from the disclosure log.
        var before = await dpo.PageTextAsync($"/droits/demandes/{id}");
        Assert.Contains("Partenaires à prévenir (article 19 du RGPD)", before);
        Assert.Contains("CAF de Valmont (CAF)", before);
        Assert.Equal(HttpStatusCode.Redirect, (await EraseAsync(dpo, id)).StatusCode);

        var left = await app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            var p = file.PersonId;
            return new Dictionary<string, int>
            {
                ["persons"] = await db.Persons.CountAsync(x => x.Id == p),
                ["households"] = await db.Households.CountAsync(x => x.Id == householdId),
                ["follow_ups"] = await db.FollowUps.CountAsync(x => x.PersonId == p),
                ["follow_up_members"] = await db.FollowUpMembers.CountAsync(x => x.FollowUpId == followUpId),
                ["interviews"] = await db.Interviews.CountAsync(x => x.FollowUpId == followUpId),
                ["working_notes"] = await db.WorkingNotes.CountAsync(x => x.FollowUpId == followUpId),
                ["information_records"] = await db.InformationRecords.CountAsync(x => x.PersonId == p),
                ["fact_disclosures"] = await db.FactDisclosures.CountAsync(x => x.PersonId == p),
                ["sharing_consents"] = await db.SharingConsents.CountAsync(x => x.PersonId == p),
                ["sharings"] = await db.Sharings.CountAsync(x => x.PersonId == p),
                ["break_glass_accesses"] = await db.BreakGlassAccesses.CountAsync(x => x.PersonId == p),
                ["notifications"] = await db.Notifications.CountAsync(x => x.PersonId == p),
            };
        });
        Assert.All(left, kv => Assert.True(kv.Value == 0, $"{kv.Key}: {kv.Value} left"));

        var request = (await app.RequestAsync(id))!;
        Assert.Equal(RequestStatus.Traitee, request.Status);
        Assert.Equal(file.PersonId, request.PersonId);
        var deletion = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .SingleAsync(e => e.Action == JournalAction.Suppression && e.Reference == id));
        Assert.Equal(file.PersonId, deletion.PersonId);
        Assert.DoesNotContain(file.BirthName, deletion.Detail ?? "");

        var page = await dpo.PageTextAsync($"/droits/demandes/{id}");
        Assert.Contains($"Dossier effacé (identifiant {file.PersonId})", page);
        var accueil = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        Assert.Equal(HttpStatusCode.NotFound, (await accueil.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);

        // The access request of an erased file has nothing left to export: said in French, no 500.
        var export = await dpo.PostFormAsync($"/droits/demandes/{accessRequest}?handler=Json", new Dictionary<string, string>(), $"/droits/demandes/{accessRequest}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains(AccessExport.ErasedMessage, await export.TextAsync());

        // Erasing again is refused.
        Assert.Equal(HttpStatusCode.Redirect, (await EraseAsync(dpo, id)).StatusCode);
        Assert.Contains(RequestDecisions.ClosedMessage, await dpo.PageTextAsync($"/droits/demandes/{id}"));
    }

    [Fact]
    public async Task The_household_stays_when_another_member_lives_in_it()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent, closed: true);
        Guid householdId = default, otherId = default;
        await app.WithDbAsync(async db =>
        {
            var person = await db.Persons.SingleAsync(p => p.Id == file.PersonId);
            householdId = person.HouseholdId;
            var other = new Person(new PersonIdentity("Essai" + Guid.NewGuid().ToString("N")[..6].Where(char.IsLetter).Aggregate("", (a, c) => a + c) + "z", null, "Sam",
                new DateOnly(2010, 1, 1), null, null), householdId, HouseholdLink.Enfant, person.CirconscriptionId, Provenance.ThePerson, DateTime.UtcNow);
            db.Persons.Add(other);
            otherId = other.Id;
            await db.SaveChangesAsync();
        });
        var id = await app.CreateRequestAsync(file.PersonId, RightKind.Effacement, referent.Id);
        var dpo = await DpoAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await EraseAsync(dpo, id)).StatusCode);
        await app.WithDbAsync(async db =>
        {
            Assert.False(await db.Persons.AnyAsync(p => p.Id == file.PersonId));
            Assert.True(await db.Persons.AnyAsync(p => p.Id == otherId));
            Assert.True(await db.Households.AnyAsync(h => h.Id == householdId));
        });
    }
}
