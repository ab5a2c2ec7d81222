using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Retention;
using Discret.Web.Features.Droits;
using Discret.Web.Features.Journal;
using Discret.Web.Features.Garde;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Discret.Domain.Input;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// Legal holds (gels de la suppression), set and lifted by the DPO. The DPO has no access to files: a hold names the
/// person by the opaque reference of the file (from a rights request, or as the journal console shows it), never by
/// name. While a hold is active the retention job leaves the person's data alone; it expires by itself. Each set and
/// lift is journaled as a write on the person's Conservation group, without content.
/// </summary>
[AcrossFiles("the DPO names files by their opaque reference and lists every hold, without any file's view; the file page and the retention job ask for a person's hold")]
public sealed class LegalHolds(DiscretDbContext db, AccessJournal journal, TimeProvider clock)
{
    public const string UnknownPersonMessage = "Aucun dossier ne porte cette référence.";
    public const string DetailsField = "LegalHold.Details";

    public sealed record Request(string? PersonReference, HoldReason? Reason, string? Details, string? From, string? Until,
        bool ConfirmWarnings = false, Guid? RightsRequestId = null);

    public enum State { AVenir, Actif, Echu, Leve }

    /// <summary>One hold as the DPO's list shows it: the opaque reference of the file, never a name.</summary>
    public sealed record Row(Guid Id, Guid PersonId, string Circonscription, HoldReason Reason, string? Details, DateOnly From, DateOnly Until,
        DateOnly? LiftedOn, DateTime SetAt, State State);

    private DateOnly Today => ParisTime.Today(clock);

    public static string Label(State state) => state switch
    {
        State.AVenir => "À venir",
        State.Actif => "En cours",
        State.Echu => "Échu",
        State.Leve => "Levé",
        _ => ClosedList.Unknown(state),
    };

    public static State StateOf(LegalHold hold, DateOnly today) =>
        LegalHold.InForce.Holds(hold, today) ? State.Actif : hold.LiftedOn is not null ? State.Leve : hold.Until < today ? State.Echu : State.AVenir;

    /// <summary>Sets a hold; its id when saved.</summary>
    public async Task<Result<Guid>> SetAsync(ClaimsPrincipal user, Request input, CancellationToken ct = default)
    {
        if (user.Role() != Domain.Accounts.StaffRole.Dpo) return Result.NotFound();
        var errors = new Dictionary<string, string>();
        var today = Today;

        Guid? personId = null;
        if (string.IsNullOrWhiteSpace(input.PersonReference)) errors[nameof(Request.PersonReference)] = "Saisissez la référence du dossier.";
        else if (!Guid.TryParse(input.PersonReference.Trim(), out var id) || !await db.Persons.AnyAsync(p => p.Id == id, ct))
            errors[nameof(Request.PersonReference)] = UnknownPersonMessage;
        else personId = id;

        if (input.Reason is not { } reason || !Enum.IsDefined(reason)) errors[nameof(Request.Reason)] = "Choisissez le motif du gel.";

        var from = today;
        if (!string.IsNullOrWhiteSpace(input.From))
        {
            if (ParisTime.ParseDay(input.From) is { } f) from = f;
            else errors[nameof(Request.From)] = "La date de début n'est pas valide : saisissez-la au format jj/mm/aaaa.";
        }
        if (string.IsNullOrWhiteSpace(input.Until)) errors[nameof(Request.Until)] = "Saisissez la date de fin du gel.";
        else if (ParisTime.ParseDay(input.Until) is not { } until) errors[nameof(Request.Until)] = "La date de fin n'est pas valide : saisissez-la au format jj/mm/aaaa.";
        else if (!errors.ContainsKey(nameof(Request.From)))
        {
            if (until <= from) errors[nameof(Request.Until)] = "La fin du gel doit être après son début.";
            else if (until > from.AddMonths(LegalHold.MaxMonths))
                errors[nameof(Request.Until)] = $"Un gel dure au plus {LegalHold.MaxMonths} mois (5 ans) : choisissez une fin au plus tard le {ParisTime.Day(from.AddMonths(LegalHold.MaxMonths))}. Il pourra être renouvelé.";
        }

        var details = string.IsNullOrWhiteSpace(input.Details) ? null : input.Details.Trim();
        GuardResult? guard = null;
        if (details is { Length: > LegalHold.MaxDetailsLength })
            errors[nameof(Request.Details)] = $"La référence de l'affaire compte plus de {LegalHold.MaxDetailsLength} caractères : raccourcissez-la.";
        else if (details is not null) guard = FreeTextCheck.Check(details, nameof(Request.Details), input.ConfirmWarnings, errors);
        if (errors.Count > 0) return Result.Invalid(errors);

        // The rights request the hold comes from, if any, is its journal reference (only when it is this person's).
        Guid? reference = null;
        if (input.RightsRequestId is { } requestId && await db.RightsRequests.AnyAsync(r => r.Id == requestId && r.PersonId == personId, ct))
            reference = requestId;

        var hold = new LegalHold(personId!.Value, input.Reason!.Value, details, from, ParisTime.ParseDay(input.Until)!.Value, user.AccountId(),
            clock.GetUtcNow().UtcDateTime);
        db.LegalHolds.Add(hold);
        journal.RecordWrite(hold.PersonId, $"gel de la suppression ({hold.Reason})", [FieldGroup.Conservation], reference: reference ?? hold.Id);
        if (guard is not null) journal.RecordConfirmedWarnings(hold.PersonId, DetailsField, guard);
        await db.SaveChangesAsync(ct);
        return Result.Ok(hold.Id);
    }

    /// <summary>Lifts a hold before its end: not found, a conflict when it is already lifted or over, or done.</summary>
    public async Task<Result> LiftAsync(ClaimsPrincipal user, Guid holdId, CancellationToken ct = default)
    {
        if (user.Role() != Domain.Accounts.StaffRole.Dpo) return Result.NotFound();
        var hold = await db.LegalHolds.FirstOrDefaultAsync(h => h.Id == holdId, ct);
        if (hold is null) return Result.NotFound();
        var today = Today;
        switch (StateOf(hold, today))
        {
            case State.Leve: return Result.Conflict("Ce gel a déjà été levé : rien n'a été modifié.");
            case State.Echu: return Result.Conflict("Ce gel a pris fin de lui-même : il n'y a rien à lever.");
        }
        hold.Lift(today, user.AccountId());
        journal.RecordWrite(hold.PersonId, "levée du gel de la suppression", [FieldGroup.Conservation], reference: hold.Id);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Every hold, newest first: the opaque reference of the file and its circonscription, never a name.</summary>
    public async Task<IReadOnlyList<Row>> ListAsync(CancellationToken ct = default)
    {
        var today = Today;
        var rows = await (from h in db.LegalHolds.AsNoTracking()
                          join p in db.Persons on h.PersonId equals p.Id
                          join c in db.Circonscriptions on p.CirconscriptionId equals c.Id
                          orderby h.SetAt descending
                          select new { Hold = h, Circonscription = c.Name }).Take(1000).ToListAsync(ct);
        return rows.Select(r => ToRow(r.Hold, r.Circonscription, today)).ToList();
    }

    public async Task<Row?> FindAsync(Guid holdId, CancellationToken ct = default)
    {
        var row = await (from h in db.LegalHolds.AsNoTracking()
                         where h.Id == holdId
                         join p in db.Persons on h.PersonId equals p.Id
                         join c in db.Circonscriptions on p.CirconscriptionId equals c.Id
                         select new { Hold = h, Circonscription = c.Name }).FirstOrDefaultAsync(ct);
        return row is null ? null : ToRow(row.Hold, row.Circonscription, Today);
    }

    /// <summary>The hold in force today on a person's data, the one that runs longest; null when there is none.</summary>
    public async Task<LegalHold?> ActiveForAsync(Guid personId, CancellationToken ct = default)
    {
        var today = Today;
        return await db.LegalHolds.AsNoTracking()
            .Where(h => h.PersonId == personId).Where(LegalHold.InForce.For(today))
            .OrderByDescending(h => h.Until).FirstOrDefaultAsync(ct);
    }

    private static Row ToRow(LegalHold h, string circonscription, DateOnly today) =>
        new(h.Id, h.PersonId, circonscription, h.Reason, h.Details, h.From, h.Until, h.LiftedOn, h.SetAt, StateOf(h, today));
}
