using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Letters;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Pdf;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Courriers;

/// <summary>
/// Produces a letter for a person from the current template of its kind: the sender must send that kind and read its
/// subject on this file (404 otherwise); every merge field of the template is checked again against what the sender
/// reads on this file (a template saved for the role may still use a group this file does not open to this account);
/// the letter is recorded (kind, version, date, who) and journaled as an export in the same save, then written as PDF
/// with the département's name and colour. The PDF itself is not kept.
/// </summary>
public sealed class LetterProduction(DiscretDbContext db, LetterTemplates templates, Journal.AccessJournal journal, DepartementTheme theme,
    TimeProvider clock, IHttpContextAccessor http)
{
    public sealed record Produced(Guid LetterId, byte[] Pdf, string FileName);

    public async Task<Result<Produced>> ProduceAsync(PersonAccessView? file, LetterKind? kindAsked, Guid? referenceId, CancellationToken ct = default)
    {
        if (file is null) return Result.NotFound();
        if (kindAsked is not { } kind) return Result.Invalid("Kind", "Choisissez le type de courrier.");
        if (!LetterSenders.MaySend(file, kind)) return Result.NotFound();
        var template = await templates.CurrentAsync(kind, ct);
        if (template is null) return Result.Refused("Aucun modèle", $"Il n'y a pas encore de modèle pour le courrier « {kind.Label()} » : demandez-le à l'administrateur.");

        // The template is checked again, now against this file: the sender reads each field's group here, or nothing is produced.
        var used = MergeFields.Used(template.Title + "\n" + template.Body);
        foreach (var key in used)
        {
            var field = MergeFields.Find(key);
            if (field is null || !field.AvailableIn(kind))
                return Result.Refused("Modèle à corriger", $"Le modèle utilise « {{{{{key}}}}} », qui n'est pas un champ de fusion de ce courrier : demandez à l'administrateur de le corriger.");
            if (field.Group is { } group && !file.CanRead(group))
                return Result.Refused("Champ non lisible", $"Le modèle utilise le champ {{{{{key}}}}} ({field.Label.ToLowerInvariant()}), que vous ne pouvez pas lire dans ce dossier : le courrier n'est pas produit.");
        }

        var values = new Dictionary<string, string>();
        var problem = await ContextAsync(file, kind, referenceId, values, ct);
        if (problem is not null) return problem;
        await FillAsync(file, used, values, ct);

        // The PDF is written first: a letter is recorded only once it exists.
        var look = await theme.GetAsync();
        var pdf = new PdfFlow($"{template.Title} — {look.Name}", $"{look.Name} — courrier, modèle version {template.Version}", look.PrimaryColor);
        pdf.Heading(look.Name).Note(values["circonscription.nom"]);
        pdf.Title(MergeFields.Merge(template.Title, values).Replace('\n', ' '));
        foreach (var paragraph in MergeFields.Merge(template.Body, values).Split("\n\n"))
            pdf.Paragraph(paragraph.Trim('\n')).Space(5);
        var bytes = pdf.ToBytes();

        var letter = new Letter(file.PersonId, kind, template.Version, referenceId, file.AccountId, clock.GetUtcNow().UtcDateTime);
        db.Letters.Add(letter);
        // Saved with the letter's record: the kind and the parts of the file put in it, never a name or the text.
        var groups = used.Select(MergeFields.Find).Select(f => f!.Group).OfType<FieldGroup>().Append(LetterSenders.Subject(kind));
        await journal.WriteAsync(JournalAction.Export, file.PersonId, $"courrier {kind.Slug()}: {Journal.AccessJournal.Groups(groups)}", reference: letter.Id, ct: ct);
        return Result.Ok(new Produced(letter.Id, bytes, $"courrier-{kind.Slug()}-{ParisTime.Iso(clock.Today())}.pdf"));
    }

    /// <summary>The request or consent the kind is about, checked to belong to this person; its values.</summary>
    private async Task<Failure?> ContextAsync(PersonAccessView file, LetterKind kind, Guid? referenceId, Dictionary<string, string> values, CancellationToken ct)
    {
        switch (kind)
        {
            case LetterKind.AccuseReceptionDemande or LetterKind.ReponseDemandeAcces:
            {
                var request = referenceId is { } id
                    ? await db.RightsRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.PersonId == file.PersonId, ct)
                    : null;
                if (request is null || (kind == LetterKind.ReponseDemandeAcces && request.Kind != RightKind.Acces))
                    return Result.Invalid("Reference", kind == LetterKind.ReponseDemandeAcces
                        ? "Choisissez la demande d'accès de la personne à laquelle ce courrier répond."
                        : "Choisissez la demande de la personne dont ce courrier accuse réception.");
                values["demande.numero"] = RequestNumber(request.Id);
                values["demande.date"] = ParisTime.Day(request.ReceivedOn);
                values["demande.echeance"] = ParisTime.Day(request.DueOn);
                values["demande.droit"] = request.Kind.Label().ToLowerInvariant();
                return null;
            }
            case LetterKind.CourrierPartenaire:
            {
                var today = clock.Today();
                var consent = referenceId is { } id
                    ? await db.SharingConsents.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.PersonId == file.PersonId, ct)
                    : null;
                if (consent is null) return Result.Invalid("Reference", "Choisissez l'accord de partage de la personne sous lequel vous écrivez au partenaire.");
                if (consent.WithdrawnOn is not null || consent.ValidUntil < today)
                    return Result.Refused("Accord non valable", "Cet accord de partage a été retiré ou n'est plus valable : aucun courrier au partenaire ne peut être écrit sous lui.");
                values["partenaire.nom"] = consent.PartnerName;
                values["partage.objet"] = consent.Purpose.Label().ToLowerInvariant();
                return null;
            }
            case LetterKind.Convocation:
            {
                // A planned appointment of the person, from the agenda (Features/Agenda): its day, time, place and who receives her.
                var appointment = referenceId is { } id
                    ? await db.Appointments.AsNoTracking().Include(a => a.Workers)
                        .FirstOrDefaultAsync(a => a.Id == id && a.PersonId == file.PersonId && a.Status == Domain.Agenda.AppointmentStatus.Prevu, ct)
                    : null;
                if (appointment is null) return Result.Invalid("Reference", "Choisissez le rendez-vous à venir de la personne auquel elle est convoquée.");
                var room = appointment.RoomId is { } roomId ? await db.Rooms.Where(r => r.Id == roomId).Select(r => r.Name).FirstOrDefaultAsync(ct) : null;
                var workerIds = appointment.Workers.Select(w => w.StaffAccountId).ToList();
                var workers = await db.Users.Where(u => workerIds.Contains(u.Id)).OrderBy(u => u.DisplayName).Select(u => u.DisplayName).ToListAsync(ct);
                values["rendezvous.date"] = ParisTime.LongDay(ParisTime.DayOf(appointment.StartsAt));
                values["rendezvous.heure"] = ParisTime.Time(appointment.StartsAt).Replace(':', 'h');
                values["rendezvous.lieu"] = Domain.Agenda.AgendaLabels.Label(appointment.PlaceKind).ToLowerInvariant() + (room is null ? "" : $", {room}");
                values["rendezvous.professionnel"] = string.Join(" et ", workers);
                return null;
            }
            case LetterKind.ConfirmationRefusInformatisation:
                if (file.PaperOnlySince is not { } since)
                    return Result.Refused("Pas de refus", "La personne n'a pas refusé l'informatisation de son dossier : il n'y a pas de refus à confirmer.");
                values["refus.date"] = ParisTime.Day(since);
                return null;
            default:
                return null;
        }
    }

    /// <summary>The values of the fields the template uses, read only when used (and readable: checked above).</summary>
    private async Task FillAsync(PersonAccessView file, IReadOnlyList<string> used, Dictionary<string, string> values, CancellationToken ct)
    {
        if (used.Contains("personne.nom") || used.Contains("personne.adresse"))
        {
            var person = await db.Persons.AsNoTracking().Where(p => p.Id == file.PersonId)
                .Select(p => new { p.UsageName, p.BirthName, p.FirstNames, Household = db.Households.First(h => h.Id == p.HouseholdId) })
                .SingleAsync(ct);
            values["personne.nom"] = Person.NameOf(person.UsageName, person.BirthName, person.FirstNames);
            var h = person.Household;
            values["personne.adresse"] = string.Join("\n", new[] { h.AddressLine, $"{h.PostalCode} {h.City}".Trim() }.Where(s => !string.IsNullOrWhiteSpace(s)));
        }
        values["date.jour"] = ParisTime.Day(clock.Today());
        values["circonscription.nom"] = await CirconscriptionAsync(ct);
        values["professionnel.nom"] = await db.Users.Where(u => u.Id == file.AccountId).Select(u => u.DisplayName).FirstAsync(ct);
        values["professionnel.profession"] = file.Role.Label();
    }

    private async Task<string> CirconscriptionAsync(CancellationToken ct)
    {
        var id = http.HttpContext!.User.CirconscriptionId();
        return await db.Circonscriptions.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
    }

    /// <summary>How a request is named to the person: the first eight characters of its identifier.</summary>
    public static string RequestNumber(Guid requestId) => requestId.ToString("N")[..8].ToUpperInvariant();
}
