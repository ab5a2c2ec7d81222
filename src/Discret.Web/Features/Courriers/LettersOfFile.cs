using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Letters;
using Discret.Domain.Rights;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Courriers;

/// <summary>The letters produced for a person (« Courriers » on the file) and what a new one may be about, for the account's view.</summary>
public sealed class LettersOfFile(DiscretDbContext db, TimeProvider clock)
{
    /// <summary>One letter as listed: the sender by profession, never by name.</summary>
    public sealed record Row(Guid Id, LetterKind Kind, DateTime ProducedAt, int TemplateVersion, StaffRole? ProducedBy);

    public sealed record Choice(Guid Id, string Label);

    /// <summary>The person's letters, newest first; empty when the account does not read the file's Droits group.</summary>
    public async Task<IReadOnlyList<Row>> ListAsync(PersonAccessView file, CancellationToken ct = default)
    {
        if (!file.CanRead(FieldGroup.Droits)) return [];
        return await db.Letters.AsNoTracking().Where(l => l.PersonId == file.PersonId).OrderByDescending(l => l.ProducedAt)
            .Select(l => new Row(l.Id, l.Kind, l.ProducedAt, l.TemplateVersion, db.Users.Where(u => u.Id == l.ProducedById).Select(u => (StaffRole?)u.Role).FirstOrDefault()))
            .ToListAsync(ct);
    }

    /// <summary>The kinds this account may produce on this file (the convocation included, to say why it waits).</summary>
    public static IReadOnlyList<LetterKind> Kinds(PersonAccessView file) =>
        Enum.GetValues<LetterKind>().Where(k => LetterSenders.MaySend(file, k)).ToList();

    /// <summary>The requests, consents and appointments a letter of this kind may be about.</summary>
    public async Task<IReadOnlyList<Choice>> ChoicesAsync(PersonAccessView file, LetterKind kind, CancellationToken ct = default)
    {
        if (!LetterSenders.MaySend(file, kind)) return [];
        switch (kind)
        {
            case LetterKind.AccuseReceptionDemande or LetterKind.ReponseDemandeAcces:
                var requests = await db.RightsRequests.AsNoTracking().Where(r => r.PersonId == file.PersonId)
                    .Where(r => kind != LetterKind.ReponseDemandeAcces || r.Kind == RightKind.Acces)
                    .OrderByDescending(r => r.ReceivedOn).Select(r => new { r.Id, r.Kind, r.ReceivedOn }).ToListAsync(ct);
                return requests.Select(r => new Choice(r.Id, $"Demande n° {LetterProduction.RequestNumber(r.Id)} — {r.Kind.Label()} — reçue le {ParisTime.Day(r.ReceivedOn)}")).ToList();
            case LetterKind.CourrierPartenaire:
                var today = clock.Today();
                var consents = await db.SharingConsents.AsNoTracking().Where(c => c.PersonId == file.PersonId && c.WithdrawnOn == null && c.ValidUntil >= today)
                    .OrderByDescending(c => c.GivenOn).Select(c => new { c.Id, c.PartnerName, c.Purpose }).ToListAsync(ct);
                return consents.Select(c => new Choice(c.Id, $"{c.PartnerName} — {c.Purpose.Label()}")).ToList();
            case LetterKind.Convocation:
                var now = clock.GetUtcNow().UtcDateTime;
                var appointments = await db.Appointments.AsNoTracking().Where(a => a.PersonId == file.PersonId)
                    .Where(Domain.Agenda.Appointment.Upcoming.For(now)).OrderBy(a => a.StartsAt)
                    .Select(a => new { a.Id, a.StartsAt, a.PlaceKind }).ToListAsync(ct);
                return appointments.Select(a => new Choice(a.Id, $"Rendez-vous du {ParisTime.Appointment(a.StartsAt)} — {Domain.Agenda.AgendaLabels.Label(a.PlaceKind)}")).ToList();
            default:
                return [];
        }
    }

    /// <summary>Whether a kind needs a request or a consent chosen.</summary>
    public static bool NeedsReference(LetterKind kind) =>
        kind is LetterKind.AccuseReceptionDemande or LetterKind.ReponseDemandeAcces or LetterKind.CourrierPartenaire or LetterKind.Convocation;
}
