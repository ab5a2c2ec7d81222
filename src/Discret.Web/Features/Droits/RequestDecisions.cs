using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Rights;
using Discret.Web.Features.Journal;
using Discret.Web.Features.Garde;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Droits;

/// <summary>
/// What happens to a registered request: the DPO extends its deadline (once, by one or two months, before it has
/// passed, with a reason and the date the person was told — GDPR art. 12.3) and closes it with an answer; the head of
/// the request's circonscription decides an opposition (accepted or rejected, with a reason, within the deadline).
/// Each change is journaled with the request as reference; a refused change saves nothing.
/// </summary>
[AcrossFiles("the DPO or the head of circonscription decides on a rights request, reached by the request's id")]
public sealed class RequestDecisions(DiscretDbContext db, RequestAccess access, AccessJournal journal, TimeProvider clock)
{
    public const string ExtensionReasonField = "RightsRequest.ExtensionReason";
    public const string AnswerField = "RightsRequest.Answer";

    /// <summary>La prolongation du délai d'une demande (DPO) : une seule fois, avant son expiration (article 12.3 du RGPD).</summary>
    /// <param name="Months">Durée de la prolongation : 1 ou 2 mois. Obligatoire.</param>
    /// <param name="Reason">Motif (complexité ou nombre des demandes) : 1 000 caractères au plus. Obligatoire.</param>
    /// <param name="PersonToldOn">Date à laquelle la personne a été prévenue, en texte : AAAA-MM-JJ (JJ/MM/AAAA est aussi lu) ; ni dans le futur, ni avant la réception de la demande. Obligatoire.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record Extension(int? Months, string? Reason, string? PersonToldOn, bool ConfirmWarnings = false);
    /// <summary>La clôture d'une demande en cours (DPO) ; une opposition se décide par POST …/decision, un effacement accepté s'exécute depuis la page de la demande.</summary>
    /// <param name="Outcome">Traitee ou Refusee. Obligatoire.</param>
    /// <param name="Answer">Réponse donnée à la personne, ou motif du refus : 1 000 caractères au plus ; passe la garde de sobriété. Obligatoire.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record Closing(RequestStatus? Outcome, string? Answer, bool ConfirmWarnings = false);
    /// <summary>La décision sur une opposition (responsable de la circonscription de la demande, dans le délai).</summary>
    /// <param name="Accepted">true : opposition acceptée ; false : rejetée. Obligatoire.</param>
    /// <param name="Answer">Réponse donnée à la personne, ou motif du rejet : 1 000 caractères au plus ; passe la garde de sobriété. Obligatoire.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record OppositionDecision(bool? Accepted, string? Answer, bool ConfirmWarnings = false);

    /// <summary>A decision the request's state forbids (already closed, deadline passed…): a form-level message, nothing saved.</summary>
    internal static Failure Refused(string message) => Result.Invalid("", message);

    public const string ClosedMessage = "Cette demande est déjà close : rien n'a été modifié.";
    public const string ConflictMessage = "Cette demande a été modifiée par quelqu'un d'autre pendant votre saisie : rien n'a été enregistré. Rechargez la page.";
    public const string OppositionByRcMessage = "Une opposition est décidée par le responsable de la circonscription de la personne, pas ici.";
    public const string ErasureByExecutionMessage = "Un effacement accepté se fait avec « Effacer le dossier », qui vérifie qu'aucun accompagnement n'est en cours.";

    private DateOnly Today => ParisTime.Today(clock);

    public async Task<Result> ExtendAsync(ClaimsPrincipal user, Guid id, Extension input, CancellationToken ct = default)
    {
        if (!RequestAccess.SeesWholeRegister(user)) return Result.NotFound();
        var request = await access.FindForChangeAsync(user, id, ct);
        if (request is null) return Result.NotFound();
        if (!request.IsOpen) return Refused(ClosedMessage);
        var today = Today;
        if (request.IsExtended)
            return Refused("Le délai de cette demande a déjà été prolongé une fois : il ne peut pas l'être de nouveau (article 12.3 du RGPD).");
        if (today > request.DueOn)
            return Refused($"Le délai de réponse a expiré le {ParisTime.Day(request.DueOn)} : il ne peut plus être prolongé. Répondez à la personne sans attendre.");

        var errors = new Dictionary<string, string>();
        if (input.Months is not (>= 1 and <= RightsRequest.MaxExtensionMonths))
            errors[nameof(Extension.Months)] = "Choisissez une prolongation d'un ou de deux mois.";
        if (string.IsNullOrWhiteSpace(input.PersonToldOn)) errors[nameof(Extension.PersonToldOn)] = "Saisissez la date à laquelle la personne a été prévenue de la prolongation.";
        else if (ParisTime.ParseDay(input.PersonToldOn) is not { } told) errors[nameof(Extension.PersonToldOn)] = "Cette date n'est pas valide : saisissez-la au format jj/mm/aaaa.";
        else if (told > today) errors[nameof(Extension.PersonToldOn)] = "La date à laquelle la personne a été prévenue ne peut pas être dans le futur.";
        else if (told < request.ReceivedOn) errors[nameof(Extension.PersonToldOn)] = "La personne ne peut pas avoir été prévenue avant la réception de sa demande.";
        var reason = input.Reason?.Trim();
        GuardResult? guard = null;
        if (string.IsNullOrEmpty(reason)) errors[nameof(Extension.Reason)] = "Écrivez le motif de la prolongation (complexité ou nombre des demandes).";
        else if (reason.Length > RightsRequest.MaxTextLength) errors[nameof(Extension.Reason)] = "Le motif compte plus de 1 000 caractères : raccourcissez-le.";
        else guard = FreeTextCheck.Check(reason, nameof(Extension.Reason), input.ConfirmWarnings, errors);
        if (errors.Count > 0) return Result.Invalid(errors);

        request.Extend(input.Months!.Value, reason!, ParisTime.ParseDay(input.PersonToldOn)!.Value);
        journal.RecordWrite(request.PersonId, "prolongation", [FieldGroup.Droits], reference: request.Id);
        journal.RecordConfirmedWarnings(request.PersonId, ExtensionReasonField, guard!);
        return await SaveAsync(ct);
    }

    public async Task<Result> CloseAsync(ClaimsPrincipal user, Guid id, Closing input, CancellationToken ct = default)
    {
        if (!RequestAccess.SeesWholeRegister(user)) return Result.NotFound();
        var request = await access.FindForChangeAsync(user, id, ct);
        if (request is null) return Result.NotFound();
        if (!request.IsOpen) return Refused(ClosedMessage);
        if (request.Kind == RightKind.Opposition) return Refused(OppositionByRcMessage);
        var errors = new Dictionary<string, string>();
        if (input.Outcome is not (RequestStatus.Traitee or RequestStatus.Refusee))
            errors[nameof(Closing.Outcome)] = "Indiquez si la demande est satisfaite ou refusée.";
        else if (input.Outcome == RequestStatus.Traitee && request.Kind == RightKind.Effacement)
            errors[nameof(Closing.Outcome)] = ErasureByExecutionMessage;
        var guard = CheckAnswer(input.Answer, input.ConfirmWarnings, errors, out var answer);
        if (errors.Count > 0) return Result.Invalid(errors);

        request.Close(input.Outcome!.Value, answer!, Today, user.AccountId());
        journal.RecordWrite(request.PersonId, "réponse", [FieldGroup.Droits], reference: request.Id);
        journal.RecordConfirmedWarnings(request.PersonId, AnswerField, guard!);
        return await SaveAsync(ct);
    }

    public async Task<Result> DecideOppositionAsync(ClaimsPrincipal user, Guid id, OppositionDecision input, CancellationToken ct = default)
    {
        if (user.Role() != StaffRole.ResponsableCirconscription) return Result.NotFound();
        var request = await access.FindForChangeAsync(user, id, ct);
        if (request is null || request.Kind != RightKind.Opposition) return Result.NotFound();
        if (!request.IsOpen) return Refused(ClosedMessage);
        if (Today > request.DueOn)
            return Refused($"Le délai de réponse a expiré le {ParisTime.Day(request.DueOn)} : la décision ne peut plus être prise ici. Prévenez le délégué à la protection des données.");
        var errors = new Dictionary<string, string>();
        if (input.Accepted is null) errors[nameof(OppositionDecision.Accepted)] = "Indiquez si l'opposition est acceptée ou rejetée.";
        var guard = CheckAnswer(input.Answer, input.ConfirmWarnings, errors, out var answer);
        if (errors.Count > 0) return Result.Invalid(errors);

        request.Close(input.Accepted!.Value ? RequestStatus.Traitee : RequestStatus.Refusee, answer!, Today, user.AccountId());
        journal.RecordWrite(request.PersonId, input.Accepted.Value ? "opposition acceptée" : "opposition rejetée", [FieldGroup.Droits], reference: request.Id);
        journal.RecordConfirmedWarnings(request.PersonId, AnswerField, guard!);
        return await SaveAsync(ct);
    }

    private static GuardResult? CheckAnswer(string? text, bool confirmed, Dictionary<string, string> errors, out string? answer)
    {
        answer = text?.Trim();
        if (string.IsNullOrEmpty(answer))
        {
            errors["Answer"] = "Écrivez la réponse donnée à la personne, ou le motif du refus.";
            return null;
        }
        if (answer.Length > RightsRequest.MaxTextLength)
        {
            errors["Answer"] = $"La réponse compte {answer.Length} caractères : 1 000 au plus. Raccourcissez-la ; rien n'a été enregistré.";
            return null;
        }
        return FreeTextCheck.Check(answer, "Answer", confirmed, errors);
    }

    private Task<Result> SaveAsync(CancellationToken ct) => SaveAsync(db, ConflictMessage, ct);

    /// <summary>Saves a decision; a concurrent change to what it decides on is told as a conflict, nothing saved.</summary>
    internal static async Task<Result> SaveAsync(DiscretDbContext db, string conflictMessage, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(conflictMessage);
        }
    }
}
