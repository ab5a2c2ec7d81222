using System.Globalization;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Pdf;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Partages;

/// <summary>
/// Sharing information with a partner under the person's consent (R17, R27): the worker who may write
/// <see cref="FieldGroup.Partages"/> picks categories among those the consent covers and gets the sheet « Informations
/// transmises à … » holding those categories and nothing else. The sharing (disclosure log) and its journal entry
/// (<see cref="JournalAction.Partage"/>, the consent as reference, the categories as detail) are saved together
/// before the sheet is returned. Without a consent valid on the day, or for a category it does not cover, nothing is
/// shared and the refusal is journaled (<see cref="JournalAction.PartageRefuse"/>).
/// </summary>
public sealed class SharingDisclosure(DiscretDbContext db, Consents consents, TimeProvider clock, AccessJournal journal, DepartementTheme theme)
{
    /// <summary>Un partage sous un accord valable ce jour : les catégories de données transmises au partenaire.</summary>
    /// <param name="Categories">Catégories à transmettre, toutes couvertes par l'accord ; au moins une.</param>
    public sealed record Request(IReadOnlyList<DataCategory>? Categories);

    /// <summary>The sheet handed to the partner.</summary>
    public sealed record Sheet(byte[] Pdf, string FileName);

    public const string RefusedTitle = "Partage refusé";

    public const string SecrecyNotice =
        "Ces informations vous sont transmises avec l'accord de la personne, pour l'objet indiqué ci-dessus et pour lui seul "
        + "(article L.1110-4 du code de la santé publique, article L.121-6-2 du code de l'action sociale et des familles). "
        + "Elles sont couvertes par le secret professionnel (article 226-13 du code pénal) : ne les communiquez à personne d'autre "
        + "et ne les conservez que le temps nécessaire à cet objet. La personne peut retirer son accord à tout moment.";

    public static string RefusalMessage(Consents.ConsentLine consent) => consent.State switch
    {
        Consents.State.Retire => $"Partage refusé : la personne a retiré son accord le {ParisTime.Day(consent.WithdrawnOn)}. Rien n'a été transmis. Si elle le souhaite, enregistrez un nouvel accord.",
        Consents.State.Expire => $"Partage refusé : l'accord n'est plus valable depuis le {ParisTime.Day(consent.ValidUntil.AddDays(1))}. Rien n'a été transmis. Si la personne le souhaite, enregistrez un nouvel accord.",
        Consents.State.PasEncoreValide => $"Partage refusé : l'accord ne prend effet que le {ParisTime.Day(consent.GivenOn)}. Rien n'a été transmis.",
        _ => "",
    };

    public static string NotCoveredMessage(IEnumerable<DataCategory> missing, IEnumerable<DataCategory> covered) =>
        $"Partage refusé : l'accord de la personne ne couvre pas {string.Join(", ", missing.Select(c => $"« {c.Label()} »"))}. Rien n'a été transmis. "
        + $"Seules les catégories qu'elle a acceptées peuvent être transmises : {string.Join(", ", covered.Select(c => c.Label()))}.";

    public async Task<Result<Sheet>> ShareAsync(PersonAccessView? file, Guid consentId, Request request, CancellationToken ct = default)
    {
        var found = await consents.FindAsync(file, consentId, Consents.CanRecord, ct);
        if (found is not { } f) return Result.NotFound();
        var (view, consent) = f;
        var personId = view.PersonId;
        var categories = (request.Categories ?? []).Distinct().Order().ToList();
        if (categories.Count == 0)
            return Result.Invalid(nameof(Request.Categories), "Cochez au moins une catégorie de données à transmettre.");

        if (consent.State != Consents.State.Valide)
        {
            await journal.WriteAsync(JournalAction.PartageRefuse, personId, consent.State.ToString(), reference: consent.Id, ct: ct);
            return Result.Refused(RefusedTitle, RefusalMessage(consent));
        }
        var missing = categories.Where(c => !consent.Categories.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            await journal.WriteAsync(JournalAction.PartageRefuse, personId, "non couvert: " + string.Join(",", missing.Select(c => Enum.IsDefined(c) ? c.ToString() : "inconnue")),
                reference: consent.Id, ct: ct);
            return Result.Refused(RefusedTitle, NotCoveredMessage(missing.Where(Enum.IsDefined), consent.Categories));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var me = view.AccountId;
        var sharer = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        var pdf = await SheetAsync(view, consent, categories, sharer, now, ct);
        var entity = await db.SharingConsents.SingleAsync(c => c.Id == consent.Id, ct);
        db.Sharings.Add(new Sharing(entity, categories, me, now));
        journal.Record(JournalAction.Partage, personId, string.Join(",", categories), reference: consent.Id);
        await db.SaveChangesAsync(ct);
        return Result.Ok(new Sheet(pdf, $"informations-transmises-{ParisTime.Iso(ParisTime.DayOf(now))}.pdf"));
    }


    /// <summary>The sheet: the consent, then one section per category shared, then the secrecy notice. Nothing of another category is read.</summary>
    private async Task<byte[]> SheetAsync(PersonAccessView view, Consents.ConsentLine consent, IReadOnlyList<DataCategory> categories, string sharer,
        DateTime now, CancellationToken ct)
    {
        var departement = await theme.GetAsync();
        var title = $"Informations transmises à {consent.PartnerName}";
        var pdf = new PdfFlow(title, "Document confidentiel, couvert par le secret professionnel",
            departement.PrimaryColor);
        pdf.Title(title);
        pdf.Note($"{departement.Name} — service social départemental. Document établi le {ParisTime.LongDayAtTime(now)} par {sharer}.");

        pdf.Heading("Accord de la personne");
        pdf.Field("Partenaire", $"{consent.PartnerName} ({consent.Partner.Label()})");
        pdf.Field("Objet du partage", consent.Purpose.Label());
        pdf.Field("Accord", $"{consent.Form.ShortLabel(capitalised: true)}, donné le {ParisTime.Day(consent.GivenOn)}");
        pdf.Field("Valable jusqu'au", ParisTime.Day(consent.ValidUntil));
        pdf.Field("Informations transmises", string.Join(", ", categories.Select(c => c.Label())));

        var person = await db.Persons.AsNoTracking().Where(p => p.Id == view.PersonId)
            .Select(p => new { p.BirthName, p.UsageName, p.FirstNames, p.BirthDate, p.Phone, p.Email, p.HouseholdId, p.HouseholdLink, p.CirconscriptionId })
            .SingleAsync(ct);
        var followUps = await db.FollowUps.AsNoTracking().Where(x => x.PersonId == view.PersonId && x.Status == FollowUpStatus.Ouvert)
            .OrderBy(x => x.OpenedOn)
            .Select(x => new { x.Id, x.OpenedOn, x.Motives, NextAppointmentAt = db.Appointments.Where(a => a.FollowUpId == x.Id && a.Status == Discret.Domain.Agenda.AppointmentStatus.Prevu && a.StartsAt >= now).Min(a => (DateTime?)a.StartsAt), Referent = db.Users.Where(u => u.Id == x.ReferentId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(ct);

        foreach (var category in categories)
        {
            pdf.Heading(category.Label());
            switch (category)
            {
                case DataCategory.Identite when view.CanRead(FieldGroup.Identite):
                    pdf.Field("Nom de naissance", person.BirthName);
                    if (person.UsageName is { Length: > 0 }) pdf.Field("Nom d'usage", person.UsageName);
                    pdf.Field("Prénoms", person.FirstNames);
                    pdf.Field("Date de naissance", ParisTime.Day(person.BirthDate));
                    break;
                case DataCategory.Coordonnees when view.CanRead(FieldGroup.Coordonnees):
                    var address = await db.Households.AsNoTracking().Where(h => h.Id == person.HouseholdId)
                        .Select(h => new HouseholdAddress(h.AddressLine, h.PostalCode, h.City)).SingleAsync(ct);
                    pdf.Field("Téléphone", person.Phone);
                    pdf.Field("Adresse électronique", person.Email);
                    pdf.Field("Adresse", address.ToString());
                    break;
                case DataCategory.CompositionMenage when view.CanRead(FieldGroup.Menage):
                    var members = await db.Persons.AsNoTracking().Where(m => m.HouseholdId == person.HouseholdId).Where(Person.InDailyWork)
                        .OrderBy(m => m.HouseholdLink == HouseholdLink.PersonneDeReference ? 0 : 1).ThenBy(m => m.BirthDate)
                        .Select(m => new { Self = m.Id == view.PersonId, m.HouseholdLink, m.BirthDate }).ToListAsync(ct);
                    pdf.Table(["Membre", "Lien avec la personne de référence", "Né(e) le"], [0.3, 0.45, 0.25],
                        members.Select(m => (IReadOnlyList<string>)[m.Self ? "La personne" : "Autre membre", m.HouseholdLink.Label(), ParisTime.Day(m.BirthDate)]));
                    pdf.Note("Les noms des autres membres du ménage ne sont pas transmis : cet accord est celui de la personne seule.");
                    break;
                case DataCategory.MotifsAccompagnement when view.CanRead(FieldGroup.Accompagnement):
                    var motives = followUps.SelectMany(x => x.Motives).Distinct().ToList();
                    if (motives.Count == 0) pdf.Paragraph("Aucun motif enregistré.");
                    foreach (var m in motives) pdf.Bullet(m.Label());
                    break;
                case DataCategory.Interventions when view.CanRead(FieldGroup.Entretiens):
                    var withMotives = categories.Contains(DataCategory.MotifsAccompagnement);
                    var interviews = await (from i in db.Interviews.AsNoTracking()
                                            join x in db.FollowUps on i.FollowUpId equals x.Id
                                            where x.PersonId == view.PersonId
                                            orderby i.OccurredOn descending
                                            select new { i.OccurredOn, i.Kind, i.Motives, i.Actions, i.Summary, i.Provenance }).Take(50).ToListAsync(ct);
                    if (interviews.Count == 0) pdf.Paragraph("Aucun entretien enregistré.");
                    foreach (var i in interviews)
                    {
                        pdf.Subheading($"{ParisTime.Day(i.OccurredOn)} — {i.Kind.Label()}");
                        if (withMotives && i.Motives.Count > 0) pdf.Paragraph("Motifs abordés : " + string.Join(", ", i.Motives.Select(m => m.Label())));
                        if (i.Actions.Count > 0) pdf.Paragraph("Actions décidées : " + string.Join(", ", i.Actions.Select(a => a.Label())));
                        if (i.Summary is { Length: > 0 }) pdf.Paragraph(i.Summary);
                        pdf.Note(i.Provenance.Describe());
                    }
                    break;
                case DataCategory.Organisation when view.CanRead(FieldGroup.Equipe):
                    var circonscription = await db.Circonscriptions.AsNoTracking().Where(c => c.Id == person.CirconscriptionId).Select(c => c.Name).SingleAsync(ct);
                    pdf.Field("Circonscription", circonscription);
                    foreach (var x in followUps)
                    {
                        pdf.Field("Référent", x.Referent);
                        if (view.CanRead(FieldGroup.Accompagnement)) pdf.Field("Accompagnement ouvert le", ParisTime.Day(x.OpenedOn));
                        if (view.CanRead(FieldGroup.RendezVous) && x.NextAppointmentAt is { } at)
                            pdf.Field("Prochain rendez-vous", ParisTime.Appointment(at));
                    }
                    break;
                default:
                    pdf.Paragraph("Non transmis.");
                    break;
            }
        }

        pdf.Heading("Secret professionnel");
        pdf.Paragraph(SecrecyNotice);
        return pdf.ToBytes();
    }
}
