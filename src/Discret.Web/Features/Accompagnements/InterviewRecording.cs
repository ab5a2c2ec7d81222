using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Persons;
using Discret.Web.Features.Garde;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static Discret.Web.Features.Accompagnements.FollowUpRules;

namespace Discret.Web.Features.Accompagnements;

/// <summary>
/// Recording an interview within an open follow-up, for pages and API alike: whoever may write the person's
/// interviews (<see cref="FieldGroup.Entretiens"/>); a date neither in the future nor before the follow-up opened;
/// only members of the person's household as participants; a shared summary of 1,000 characters at most — a longer
/// one is refused, never cut. The summary and a partner's name pass the sobriety guard: identifiers are refused, and
/// warned words are saved only once the worker confirms (<c>ConfirmWarnings</c>). A closed follow-up takes no more interviews.
/// </summary>
public sealed class InterviewRecording(DiscretDbContext db, TimeProvider clock, Journal.AccessJournal journal)
{
    public const string ClosedMessage = "Cet accompagnement est clos : on ne peut plus y ajouter d'entretien.";

    /// <summary>Un entretien à enregistrer dans un accompagnement ouvert.</summary>
    /// <param name="OccurredOn">Date de l'entretien, jour (AAAA-MM-JJ, calendrier de Paris) : ni dans le futur, ni avant l'ouverture de l'accompagnement. Obligatoire.</param>
    /// <param name="Kind">Type d'entretien. Obligatoire.</param>
    /// <param name="ParticipantMemberIds">Identifiants (UUID) des membres du ménage présents, parmi ceux de la personne ; absent : aucun.</param>
    /// <param name="Motives">Motifs abordés ; facultatif.</param>
    /// <param name="Actions">Actions décidées ; facultatif.</param>
    /// <param name="Summary">Synthèse partagée : 1 000 caractères au plus (refusée au-delà, jamais coupée) ; passe la garde de sobriété. Facultative ; vide ou blanche, il n'y en a pas.</param>
    /// <param name="Source">D'où vient l'information (de l'entretien) : Personne, Professionnel, Partenaire (partnerName obligatoire) ou Tiers (thirdParty obligatoire).</param>
    /// <param name="PartnerName">Nom de l'organisme partenaire qui a transmis l'information, quand source vaut Partenaire (ignoré sinon) ; 120 caractères au plus ; passe la garde de sobriété (identifiant refusé ; mots à relire : confirmWarnings).</param>
    /// <param name="ThirdParty">Catégorie du tiers qui a signalé l'information, quand source vaut Tiers (jamais un nom) ; ignorée sinon. Une information d'un tiers est montrée partout comme non vérifiée.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record Request(DateOnly? OccurredOn, InterviewKind? Kind, IReadOnlyList<Guid>? ParticipantMemberIds,
        IReadOnlyList<FollowUpMotive>? Motives, IReadOnlyList<InterviewAction>? Actions, string? Summary,
        DataSource? Source, string? PartnerName, ThirdPartyCategory? ThirdParty, bool ConfirmWarnings = false);

    /// <summary>A member of the person's household, who may be present at the interview.</summary>
    public sealed record Member(Guid PersonId, string Name, HouseholdLink Link);

    public static bool CanRecord(PersonAccessView view) => view.CanWrite(FieldGroup.Entretiens);

    /// <summary>The members of the person's household, when the account may read the household (else none).</summary>
    public async Task<IReadOnlyList<Member>> HouseholdAsync(PersonAccessView view, CancellationToken ct = default)
    {
        if (!view.CanRead(FieldGroup.Menage)) return [];
        var householdId = await db.Persons.Where(p => p.Id == view.PersonId).Select(p => p.HouseholdId).SingleAsync(ct);
        var rows = await db.Persons.AsNoTracking().Where(p => p.HouseholdId == householdId).Where(Person.InDailyWork)
            .OrderBy(p => p.HouseholdLink == HouseholdLink.PersonneDeReference ? 0 : 1).ThenBy(p => p.BirthDate)
            .Select(p => new { p.Id, Name = Person.NameOf(p.UsageName, p.BirthName, p.FirstNames), p.HouseholdLink })
            .ToListAsync(ct);
        return rows.Select(r => new Member(r.Id, r.Name, r.HouseholdLink)).ToList();
    }

    /// <returns>The new interview's id.</returns>
    /// <summary>A summary's length and the guard (warnings saved only once confirmed): the same when an interview is
    /// recorded and when its author corrects it (<see cref="InterviewCorrection"/>). The guard's result, null when refused.</summary>
    internal static GuardResult? CheckSummary(string? summary, bool confirmWarnings, Dictionary<string, string> errors)
    {
        if (summary is not { Length: > Interview.MaxSummaryLength }) return FreeTextCheck.Check(summary, "Summary", confirmWarnings, errors);
        errors["Summary"] = $"La synthèse compte {summary.Length} caractères : elle doit en compter 1 000 au plus. Raccourcissez-la ; rien n'a été enregistré.";
        return null;
    }

    public async Task<Result<Guid>> RecordAsync(FollowUpInFile? target, Request request, CancellationToken ct = default)
    {
        if (Allowed(target, CanRecord) is null) return Result.NotFound();
        var (followUp, view) = target!;
        if (!followUp.IsOpen) return Result.Conflict(ClosedMessage);

        var now = clock.GetUtcNow().UtcDateTime;
        if (await InformationDesPersonnes.PersonInformation.MustBeInformedFirstAsync(db, followUp.PersonId, now, ct))
            return Result.Conflict(InformationDesPersonnes.PersonInformation.InformFirstMessage);
        var today = ParisTime.DayOf(now);
        var errors = new Dictionary<string, string>();
        if (request.OccurredOn is not { } on) errors["OccurredOn"] = "Saisissez la date de l'entretien (jour, mois, année).";
        else if (on > today) errors["OccurredOn"] = "La date de l'entretien ne peut pas être dans le futur.";
        else if (on < followUp.OpenedOn) errors["OccurredOn"] = $"La date de l'entretien ne peut pas précéder l'ouverture de l'accompagnement (le {ParisTime.Day(followUp.OpenedOn)}).";
        if (request.Kind is null) errors["Kind"] = "Choisissez le type d'entretien.";

        var participants = request.ParticipantMemberIds ?? [];
        if (participants.Count > 0)
        {
            var household = (await HouseholdAsync(view, ct)).Select(m => m.PersonId).ToHashSet();
            if (participants.Any(id => !household.Contains(id)))
                errors["ParticipantMemberIds"] = "Une personne cochée ne fait pas partie du ménage : choisissez parmi les membres du ménage.";
        }

        var summary = string.IsNullOrWhiteSpace(request.Summary) ? null : request.Summary.Trim();
        var summaryCheck = CheckSummary(summary, request.ConfirmWarnings, errors);

        var provenance = ReadProvenance(request.Source, request.PartnerName, request.ThirdParty, errors, request.ConfirmWarnings, out var partnerCheck);
        if (errors.Count > 0) return Result.Invalid(errors);

        var content = new InterviewContent(request.OccurredOn!.Value, request.Kind!.Value, participants,
            request.Motives ?? [], request.Actions ?? [], summary, provenance!);
        var interview = new Interview(followUp.Id, view.AccountId, content, now);
        db.Interviews.Add(interview);
        journal.RecordWrite(followUp.PersonId, "entretien", [FieldGroup.Entretiens], view, interview.Id);
        if (summaryCheck is not null) journal.RecordConfirmedWarnings(followUp.PersonId, "Summary", summaryCheck);
        if (partnerCheck is not null) journal.RecordConfirmedWarnings(followUp.PersonId, "PartnerName", partnerCheck);
        await db.SaveChangesAsync(ct);
        await Conservation.LastContact.TouchAsync(db, clock, followUp.PersonId, content.OccurredOn, ct);
        return Result.Ok(interview.Id);
    }
}
