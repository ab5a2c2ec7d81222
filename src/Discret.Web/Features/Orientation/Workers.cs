using System.Security.Claims;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Orientation;

/// <summary>
/// The circonscription's workers who may hold follow-ups (social workers, heads of circonscription), whether each is
/// available today, and their declared absences: for the head of circonscription's home, « Équipe » and the handover.
/// Never a count of anyone's follow-ups. An absence holds two dates and no reason.
/// </summary>
public sealed class Workers(DiscretDbContext db, TimeProvider clock, Journal.AccessJournal journal)
{
    public sealed record Worker(Guid Id, string Name, StaffRole Role, bool Active, DateOnly? AbsentFrom, DateOnly? AbsentUntil)
    {
        public bool AbsentOn(DateOnly day) => AbsentFrom is { } from && from <= day && (AbsentUntil is null || AbsentUntil >= day);
        public bool AvailableOn(DateOnly day) => Active && !AbsentOn(day);
    }

    /// <summary>L'absence déclarée d'un professionnel ; elle remplace la précédente.</summary>
    /// <param name="From">Premier jour d'absence, jour (AAAA-MM-JJ, calendrier de Paris). Obligatoire.</param>
    /// <param name="Until">Dernier jour d'absence (inclus), jour (AAAA-MM-JJ, calendrier de Paris) : pas avant from, ni déjà passé ; absent : fin inconnue.</param>
    public sealed record AbsenceRequest(DateOnly? From, DateOnly? Until);

    /// <summary>The circonscription's workers who may hold follow-ups and whose role there is confirmed, by name.</summary>
    public async Task<IReadOnlyList<Worker>> OfCirconscriptionAsync(Guid circonscriptionId, CancellationToken ct) =>
        await db.Users.AsNoTracking()
            .Where(StaffAccount.HoldsFollowUpsIn.For(circonscriptionId))
            .OrderBy(a => a.DisplayName)
            .Select(a => new Worker(a.Id, a.DisplayName, a.Role, a.IsActive, a.AbsentFrom, a.AbsentUntil))
            .ToListAsync(ct);

    /// <summary>Who may take a follow-up over today: active, confirmed, not absent.</summary>
    public async Task<IReadOnlyList<Worker>> AvailableTodayAsync(Guid circonscriptionId, CancellationToken ct)
    {
        var today = ParisTime.Today(clock);
        return (await OfCirconscriptionAsync(circonscriptionId, ct)).Where(w => w.AvailableOn(today)).ToList();
    }

    /// <summary>Declares (or replaces) the absence of a worker the actor may reach (<see cref="Reachable"/>); 404 for any other account.</summary>
    public async Task<Result> DeclareAbsenceAsync(ClaimsPrincipal actor, Guid accountId, AbsenceRequest request, CancellationToken ct)
    {
        var account = await FindAsync(actor, accountId, ct);
        if (account is null) return Result.NotFound();
        var errors = new Dictionary<string, string>();
        var today = ParisTime.Today(clock);
        if (request.From is null) errors["From"] = "Indiquez le premier jour d'absence.";
        if (request.From is { } from && request.Until is { } until && until < from)
            errors["Until"] = "Le dernier jour d'absence ne peut pas précéder le premier.";
        else if (request.Until is { } end && end < today)
            errors["Until"] = "Cette absence est déjà terminée : indiquez une absence en cours ou à venir.";
        if (errors.Count > 0) return Result.Invalid(errors);
        account.DeclareAbsence(request.From!.Value, request.Until);
        journal.Record(Domain.Journal.JournalAction.GestionCompte, detail: "absence déclarée", reference: account.Id);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> EndAbsenceAsync(ClaimsPrincipal actor, Guid accountId, CancellationToken ct)
    {
        var account = await FindAsync(actor, accountId, ct);
        if (account is null) return Result.NotFound();
        account.EndAbsence();
        journal.Record(Domain.Journal.JournalAction.GestionCompte, detail: "fin d'absence", reference: account.Id);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>A worker whose absence <paramref name="actor"/> may declare, as shown on the absence page; null (404) otherwise.</summary>
    public async Task<Worker?> FindForAsync(ClaimsPrincipal actor, Guid accountId, CancellationToken ct) =>
        await Reachable(actor, accountId).Select(a => new Worker(a.Id, a.DisplayName, a.Role, a.IsActive, a.AbsentFrom, a.AbsentUntil)).FirstOrDefaultAsync(ct);

    private Task<StaffAccount?> FindAsync(ClaimsPrincipal actor, Guid accountId, CancellationToken ct) => Reachable(actor, accountId).FirstOrDefaultAsync(ct);

    /// <summary>Who declares absences: the technical administrator for any account (it manages them all), the head of
    /// circonscription for the workers of hers; only active, confirmed accounts that may hold follow-ups.</summary>
    private IQueryable<StaffAccount> Reachable(ClaimsPrincipal actor, Guid accountId)
    {
        var accounts = db.Users.Where(a => a.Id == accountId && a.IsActive && a.AccessConfirmedAt != null
                                           && (a.Role == StaffRole.TravailleurSocial || a.Role == StaffRole.ResponsableCirconscription));
        var circonscription = actor.CirconscriptionId();
        return actor.Role() switch
        {
            StaffRole.AdminTechnique => accounts,
            StaffRole.ResponsableCirconscription => accounts.Where(StaffAccount.HoldsFollowUpsIn.For(circonscription)),
            _ => accounts.Where(_ => false),
        };
    }
}
