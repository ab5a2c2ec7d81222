using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Rights;
using Discret.Web.Features.Garde;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Discret.Domain.Input;

namespace Discret.Web.Features.Partages;

/// <summary>
/// The person's consents to sharing (CSP L.1110-4 III; HCTS/CNIL: act with the person): recorded for one partner,
/// one purpose and some categories of data, from a date given for at most 12 months; withdrawn at any time. Who may
/// read and write them is <see cref="FieldGroup.Partages"/> in <see cref="PersonAccess"/>: without it the person's
/// consents do not exist for the account (404).
/// </summary>
public sealed class Consents(DiscretDbContext db, TimeProvider clock, AccessJournal journal)
{
    /// <summary>L'accord de la personne à un partage d'informations avec un partenaire (travailleur social de l'accompagnement).</summary>
    /// <param name="Partner">Type de partenaire. Obligatoire.</param>
    /// <param name="PartnerName">Nom de l'organisme, par exemple « CCAS de Valmont » : 120 caractères au plus ; passe la garde de sobriété. Obligatoire.</param>
    /// <param name="Purpose">Objet du partage. Obligatoire.</param>
    /// <param name="Categories">Catégories de données que la personne accepte de partager, parmi celles qui peuvent l'être ; au moins une.</param>
    /// <param name="Form">Forme de l'accord : Ecrit ou Oral. Obligatoire.</param>
    /// <param name="GivenOn">Date de l'accord, jour (AAAA-MM-JJ, calendrier de Paris), pas dans le futur. Obligatoire.</param>
    /// <param name="ValidUntil">Fin de validité, jour (AAAA-MM-JJ, calendrier de Paris) : pas avant givenOn, 12 mois au plus après ; absente, 12 mois après givenOn.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record Request(PartnerKind? Partner, string? PartnerName, SharingPurpose? Purpose, IReadOnlyList<DataCategory>? Categories,
        ConsentForm? Form, DateOnly? GivenOn, DateOnly? ValidUntil, bool ConfirmWarnings = false);

    public enum State { Valide, PasEncoreValide, Expire, Retire }

    public sealed record ConsentLine(Guid Id, PartnerKind Partner, string PartnerName, SharingPurpose Purpose, IReadOnlyList<DataCategory> Categories,
        ConsentForm Form, DateOnly GivenOn, DateOnly ValidUntil, DateOnly? WithdrawnOn, string? WithdrawnBy, string RecordedBy, State State);

    public sealed record SharingLine(Guid Id, Guid ConsentId, string PartnerName, IReadOnlyList<DataCategory> Categories, DateTime SharedAt, string SharedBy);

    public sealed record Overview(PersonAccessView Access, IReadOnlyList<ConsentLine> Consents, IReadOnlyList<SharingLine> Sharings)
    {
        public bool CanWrite => CanRecord(Access);
    }

    public const string AlreadyWithdrawnMessage = "Cet accord a déjà été retiré : rien n'a changé.";

    public static bool CanRead(PersonAccessView view) => view.CanRead(FieldGroup.Partages);
    public static bool CanRecord(PersonAccessView view) => view.CanWrite(FieldGroup.Partages);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => ParisTime.DayOf(Now);

    public static State StateOn(SharingConsent c, DateOnly day) =>
        SharingConsent.ValidOn.Holds(c, day) ? State.Valide : c.WithdrawnOn is not null ? State.Retire : day < c.GivenOn ? State.PasEncoreValide : State.Expire;

    public static string Label(State s) => s switch
    {
        State.Valide => "Valable",
        State.PasEncoreValide => "Pas encore valable",
        State.Expire => "Expiré",
        State.Retire => "Retiré",
        _ => ClosedList.Unknown(s),
    };

    /// <summary>
    /// The consents and sharings of the person, for an account that may read them, else null. Journaled unless
    /// <paramref name="journaled"/> says the caller already did (the file page journals all its sections in one entry).
    /// </summary>
    public async Task<Overview?> OverviewAsync(PersonAccessView view, bool journaled = false, CancellationToken ct = default)
    {
        if (!CanRead(view)) return null;
        if (!journaled) await journal.ReadAsync(view, [FieldGroup.Partages], ct);
        var consents = await LinesAsync(db.SharingConsents.Where(c => c.PersonId == view.PersonId), ct);
        var names = consents.ToDictionary(c => c.Id, c => c.PartnerName);
        var sharings = await db.Sharings.AsNoTracking().Where(s => s.PersonId == view.PersonId).OrderByDescending(s => s.SharedAt)
            .Select(s => new { s.Id, s.ConsentId, s.Categories, s.SharedAt, By = db.Users.Where(u => u.Id == s.SharedById).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(ct);
        return new Overview(view, consents,
            sharings.Select(s => new SharingLine(s.Id, s.ConsentId, names.GetValueOrDefault(s.ConsentId, "?"), s.Categories, s.SharedAt, s.By ?? "?")).ToList());
    }

    /// <summary>One consent of the person, when the account's access passes <paramref name="allowed"/>; else null (404).</summary>
    public async Task<(PersonAccessView View, ConsentLine Consent)?> FindAsync(PersonAccessView? view, Guid consentId,
        Func<PersonAccessView, bool> allowed, CancellationToken ct = default)
    {
        if (view is null || !allowed(view)) return null;
        var line = (await LinesAsync(db.SharingConsents.Where(c => c.Id == consentId && c.PersonId == view.PersonId), ct)).FirstOrDefault();
        return line is null ? null : (view, line);
    }

    private async Task<List<ConsentLine>> LinesAsync(IQueryable<SharingConsent> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().OrderByDescending(c => c.GivenOn).ThenByDescending(c => c.RecordedAt)
            .Select(c => new
            {
                Consent = c,
                WithdrawnBy = db.Users.Where(u => u.Id == c.WithdrawnById).Select(u => u.DisplayName).FirstOrDefault(),
                RecordedBy = db.Users.Where(u => u.Id == c.RecordedById).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var today = Today;
        return rows.Select(r => new ConsentLine(r.Consent.Id, r.Consent.Partner, r.Consent.PartnerName, r.Consent.Purpose, r.Consent.Categories,
            r.Consent.Form, r.Consent.GivenOn, r.Consent.ValidUntil, r.Consent.WithdrawnOn, r.WithdrawnBy, r.RecordedBy ?? "?", StateOn(r.Consent, today))).ToList();
    }

    /// <summary>Records the consent; its id when saved.</summary>
    public async Task<Result<Guid>> RecordAsync(PersonAccessView? view, Request request, CancellationToken ct = default)
    {
        if (view is null || !CanRecord(view)) return Result.NotFound();
        var personId = view.PersonId;

        var today = Today;
        var errors = new Dictionary<string, string>();
        if (request.Partner is not { } partner || !Enum.IsDefined(partner)) errors["Partner"] = "Choisissez le type de partenaire.";
        var name = request.PartnerName?.Trim();
        GuardResult? guard = null;
        if (string.IsNullOrEmpty(name)) errors["PartnerName"] = "Indiquez le nom de l'organisme partenaire, par exemple « CCAS de Valmont ».";
        else if (name.Length > SharingConsent.MaxPartnerNameLength)
            errors["PartnerName"] = $"Le nom du partenaire compte {name.Length} caractères : il doit en compter {SharingConsent.MaxPartnerNameLength} au plus.";
        else guard = FreeTextCheck.Check(name, "PartnerName", request.ConfirmWarnings, errors);
        if (request.Purpose is not { } purpose || !Enum.IsDefined(purpose)) errors["Purpose"] = "Choisissez l'objet du partage.";
        var categories = request.Categories ?? [];
        if (categories.Count == 0) errors["Categories"] = "Cochez au moins une catégorie de données que la personne accepte de partager.";
        else if (categories.Any(c => !SharingLabels.Shareable.Contains(c)))
            errors["Categories"] = "Une catégorie cochée ne peut pas être partagée : choisissez parmi les catégories proposées.";
        if (request.Form is not { } form || !Enum.IsDefined(form)) errors["Form"] = "Indiquez si l'accord est écrit ou oral.";
        if (request.GivenOn is not { } givenOn) errors["GivenOn"] = "Saisissez la date de l'accord (jour, mois, année).";
        else if (givenOn > today) errors["GivenOn"] = "La date de l'accord ne peut pas être dans le futur.";
        var validUntil = request.ValidUntil ?? request.GivenOn?.AddMonths(SharingConsent.MaxMonths);
        if (request.GivenOn is { } given && validUntil is { } until)
        {
            if (until < given) errors["ValidUntil"] = "La fin de validité ne peut pas précéder la date de l'accord.";
            else if (until > given.AddMonths(SharingConsent.MaxMonths))
                errors["ValidUntil"] = $"Un accord vaut 12 mois au plus : choisissez une fin de validité au plus tard le {ParisTime.Day(given.AddMonths(SharingConsent.MaxMonths))}.";
        }
        if (errors.Count > 0) return Result.Invalid(errors);

        var consent = new SharingConsent(personId, request.Partner!.Value, name!, request.Purpose!.Value, categories, request.Form!.Value,
            request.GivenOn!.Value, validUntil!.Value, view.AccountId, Now);
        db.SharingConsents.Add(consent);
        journal.RecordWrite(personId, "accord de partage", [FieldGroup.Partages], view, consent.Id);
        journal.RecordConfirmedWarnings(personId, "SharingConsent.PartnerName", guard!);
        await db.SaveChangesAsync(ct);
        await Conservation.LastContact.TouchAsync(db, clock, personId, consent.GivenOn, ct);
        return Result.Ok(consent.Id);
    }

    public async Task<Result> WithdrawAsync(PersonAccessView? view, Guid consentId, CancellationToken ct = default)
    {
        if (view is null || !CanRecord(view)) return Result.NotFound();
        var personId = view.PersonId;
        var consent = await db.SharingConsents.FirstOrDefaultAsync(c => c.Id == consentId && c.PersonId == personId, ct);
        if (consent is null) return Result.NotFound();
        if (consent.WithdrawnOn is not null) return Result.Conflict(AlreadyWithdrawnMessage);
        consent.Withdraw(Today, view.AccountId);
        journal.RecordWrite(personId, "retrait d'un accord de partage", [FieldGroup.Partages], view, consent.Id);
        await db.SaveChangesAsync(ct);
        await Conservation.LastContact.TouchAsync(db, clock, personId, consent.WithdrawnOn!.Value, ct);
        return Result.Ok();
    }
}
