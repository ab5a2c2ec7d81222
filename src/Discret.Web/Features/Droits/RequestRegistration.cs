using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Rights;
using Discret.Web.Features.Journal;
using Discret.Web.Features.Garde;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Droits;

/// <summary>
/// Registering a request from the person's file, by whoever may write the person's <see cref="FieldGroup.Droits"/>
/// (reception and secretariat of the circonscription, head of circonscription, assigned social worker): which right,
/// how it arrived, how the identity was checked, when it was received (the deadline follows: one month).
/// </summary>
public sealed class RequestRegistration(DiscretDbContext db, AccessJournal journal, TimeProvider clock)
{
    public const string DetailsField = "RightsRequest.Details";

    public sealed record Request(RightKind? Kind, RequestChannel? Channel, IdentityCheck? IdentityCheck, string? ReceivedOn, string? Details,
        bool ConfirmWarnings = false);

    /// <summary>Whether the account may register a request for this person (the link on the file).</summary>
    public static bool MayRegister(PersonAccessView? view) => view?.CanWrite(FieldGroup.Droits) == true;

    /// <summary>Registers the request; the registered request when saved.</summary>
    public async Task<Result<RightsRequest>> RegisterAsync(PersonAccessView? view, Request request, CancellationToken ct = default)
    {
        if (view is null || !MayRegister(view)) return Result.NotFound();
        var personId = view.PersonId;
        var today = ParisTime.Today(clock);
        var errors = Validate(request, today, out var receivedOn, out var details, out var guard);
        if (errors.Count > 0) return Result.Invalid(errors);

        var circonscription = await db.Persons.Where(p => p.Id == personId).Select(p => p.CirconscriptionId).SingleAsync(ct);
        var registered = new RightsRequest(personId, circonscription, request.Kind!.Value, request.Channel!.Value, request.IdentityCheck!.Value,
            receivedOn, details, view.AccountId, clock.GetUtcNow().UtcDateTime);
        db.RightsRequests.Add(registered);
        journal.RecordWrite(personId, "demande de droits", [FieldGroup.Droits], view, registered.Id);
        if (guard is not null) journal.RecordConfirmedWarnings(personId, DetailsField, guard);
        await db.SaveChangesAsync(ct);
        await Conservation.LastContact.TouchAsync(db, clock, personId, receivedOn, ct);
        return Result.Ok(registered);
    }

    private static Dictionary<string, string> Validate(Request request, DateOnly today, out DateOnly receivedOn, out string? details, out GuardResult? guard)
    {
        var errors = new Dictionary<string, string>();
        receivedOn = default;
        guard = null;
        if (request.Kind is not { } kind || !Enum.IsDefined(kind)) errors[nameof(Request.Kind)] = "Choisissez le droit que la personne exerce.";
        if (string.IsNullOrWhiteSpace(request.ReceivedOn)) errors[nameof(Request.ReceivedOn)] = "Saisissez la date de réception de la demande.";
        else if (ParisTime.ParseDay(request.ReceivedOn) is not { } day)
            errors[nameof(Request.ReceivedOn)] = "La date de réception n'est pas une date valide : saisissez-la au format jj/mm/aaaa.";
        else if (day > today) errors[nameof(Request.ReceivedOn)] = "La date de réception ne peut pas être dans le futur.";
        else if (day < today.AddYears(-1)) errors[nameof(Request.ReceivedOn)] = "La date de réception remonte à plus d'un an : vérifiez l'année.";
        else receivedOn = day;
        if (request.Channel is not { } channel || !Enum.IsDefined(channel)) errors[nameof(Request.Channel)] = "Indiquez comment la demande est arrivée.";
        if (request.IdentityCheck is not { } check || !Enum.IsDefined(check))
            errors[nameof(Request.IdentityCheck)] = "Indiquez comment l'identité du demandeur a été vérifiée.";
        details = string.IsNullOrWhiteSpace(request.Details) ? null : request.Details.Trim();
        if (details is { Length: > RightsRequest.MaxTextLength })
            errors[nameof(Request.Details)] = $"L'objet de la demande compte {details.Length} caractères : 1 000 au plus. Raccourcissez-le ; rien n'a été enregistré.";
        else if (details is not null) guard = FreeTextCheck.Check(details, nameof(Request.Details), request.ConfirmWarnings, errors);
        return errors;
    }
}
