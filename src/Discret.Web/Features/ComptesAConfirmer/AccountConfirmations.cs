using System.Security.Claims;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.ComptesAConfirmer;

/// <summary>
/// The requests on staff accounts and their confirmation (separation of duties, <see cref="Confirmers"/>): the
/// administrator's commands ask (<see cref="AskAsync"/>); a head of circonscription or the DPO confirms — which gives the
/// account its access and, for a creation or a reset, produces the one-time activation link, shown to the confirmer
/// only — or refuses. Each step is journaled; the confirmers are notified of what awaits them, the DPO of every reset and
/// every change of role or circonscription, the holder of the reset of her account.
/// </summary>
public sealed class AccountConfirmations(DiscretDbContext db, UserManager<StaffAccount> users, IUserStore<StaffAccount> store, TimeProvider clock,
    AccessJournal journal)
{
    /// <summary>A request as the confirmers' list shows it.</summary>
    public sealed record Pending(Guid RequestId, Guid AccountId, AccountRequestKind Kind, string DisplayName, string Login, StaffRole Role,
        string Circonscription, StaffRole? PreviousRole, string? PreviousCirconscription, DateTime RequestedAt, string? RequestedBy);

    /// <summary>A confirmed request; <see cref="Token"/> is the activation token (creation, reset), to be shown once to the confirmer.</summary>
    public sealed record Confirmed(Guid AccountId, string DisplayName, AccountRequestKind Kind, string? Token);

    public const string DecidedMeanwhile = "Cette demande a été décidée ou remplacée entre-temps : rien n'a été modifié.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Opens a request on the account (added to the unit of work with its journal entry and notifications; the caller
    /// saves). <paramref name="requestedById"/> is null when the server's operator asks.
    /// </summary>
    public async Task<AccountRequest> AskAsync(StaffAccount account, AccountRequestKind kind, Guid? requestedById,
        StaffRole? previousRole = null, Guid? previousCirconscriptionId = null, CancellationToken ct = default)
    {
        var now = Now;
        var request = new AccountRequest(account.Id, kind, account.Role, account.CirconscriptionId, requestedById, now, previousRole, previousCirconscriptionId);
        db.AccountRequests.Add(request);
        journal.Record(JournalAction.DemandeCompte, detail: previousRole is { } before ? $"rôle: {before} -> {account.Role}" : $"rôle: {account.Role}",
            purpose: kind.ToString(), reference: account.Id);
        var confirmers = await Confirmers.PeopleAsync(db, account, ct);
        foreach (var recipient in confirmers)
            db.Notifications.Add(new Notification(recipient, NotificationKind.CompteAConfirmer, now, requestedById, null, null, request.Id));
        if (kind == AccountRequestKind.Reinitialisation || request.ChangesAssignment)
        {
            var dpos = await db.Users.AsNoTracking().Where(a => a.IsActive && a.Role == StaffRole.Dpo).Select(a => a.Id).ToListAsync(ct);
            foreach (var dpo in dpos.Except(confirmers))
                db.Notifications.Add(new Notification(dpo, NotificationKind.DemandeSurCompte, now, requestedById, null, null, request.Id));
        }
        return request;
    }

    /// <summary>The account's pending request, if any (tracked: the administrator's commands may replace or cancel it).</summary>
    public Task<AccountRequest?> PendingAsync(Guid accountId, CancellationToken ct = default) =>
        db.AccountRequests.Where(r => r.AccountId == accountId && r.Outcome == null).OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync(ct);

    /// <summary>What awaits the signed-in head of circonscription or DPO, oldest first.</summary>
    public async Task<IReadOnlyList<Pending>> ToDecideAsync(ClaimsPrincipal user, CancellationToken ct = default) =>
        await Confirmers.DecidableBy(db, user).AsNoTracking()
            .Join(db.Users, r => r.AccountId, a => a.Id, (r, a) => new { r, a })
            .OrderBy(x => x.r.RequestedAt)
            .Select(x => new Pending(x.r.Id, x.a.Id, x.r.Kind, x.a.DisplayName, x.a.UserName!, x.r.Role,
                db.Circonscriptions.Where(c => c.Id == x.r.CirconscriptionId).Select(c => c.Name).FirstOrDefault() ?? "",
                x.r.PreviousRole,
                db.Circonscriptions.Where(c => c.Id == x.r.PreviousCirconscriptionId).Select(c => c.Name).FirstOrDefault(),
                x.r.RequestedAt,
                db.Users.Where(u => u.Id == x.r.RequestedById).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(ct);

    public Task<int> CountToDecideAsync(ClaimsPrincipal user, CancellationToken ct = default) => Confirmers.DecidableBy(db, user).CountAsync(ct);

    /// <summary>Confirms a request the signed-in account may decide (404 for any other).</summary>
    public async Task<Result<Confirmed>> ConfirmAsync(ClaimsPrincipal user, Guid requestId, CancellationToken ct = default)
    {
        var request = await Confirmers.DecidableBy(db, user).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return Result.NotFound();
        return await ConfirmAsync(request, user.AccountId(), ct);
    }

    /// <summary>
    /// The server's operator confirms the pending request of an account (command <c>confirm-account</c>) — only when
    /// nobody in the application may (<see cref="ConfirmerKind.Exploitant"/>: installation, the only DPO's own account).
    /// </summary>
    public async Task<Result<Confirmed>> ConfirmAsOperatorAsync(string login, CancellationToken ct = default)
    {
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.UserName == login.Trim().ToLowerInvariant(), ct);
        if (account is null) return Result.Invalid("login", "Aucun compte ne porte cet identifiant.");
        var request = await PendingAsync(account.Id, ct);
        if (request is null) return Result.Invalid("login", "Aucune demande n'attend de confirmation pour ce compte.");
        var confirmer = await Confirmers.ForAsync(db, account, ct);
        if (confirmer.Kind != ConfirmerKind.Exploitant)
            return Result.Refused("Confirmation refusée", $"Cette demande se confirme dans l'application, par {confirmer.Description}.");
        return await ConfirmAsync(request, null, ct);
    }

    private async Task<Result<Confirmed>> ConfirmAsync(AccountRequest request, Guid? deciderId, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(request.AccountId.ToString());
        if (account is null) return Result.NotFound();
        if (!account.IsActive || account.Role != request.Role || account.CirconscriptionId != request.CirconscriptionId)
            return Result.Conflict(DecidedMeanwhile);
        var now = Now;
        await using var tx = await db.BeginJournaledTransactionAsync(ct);
        request.Decide(AccountRequestOutcome.Confirmee, deciderId, now);
        account.ConfirmAccess(now);
        string? token = null;
        if (request.Kind == AccountRequestKind.Reinitialisation)
        {
            // Forgotten password or lost phone: password, second factor and every recovery code go now, not when asked.
            if (await users.HasPasswordAsync(account)) await users.RemovePasswordAsync(account);
            await users.SetTwoFactorEnabledAsync(account, false);
            await users.ResetAuthenticatorKeyAsync(account);
            await ((IUserTwoFactorRecoveryCodeStore<StaffAccount>)store).ReplaceCodesAsync(account, [], ct);
            await db.UserPasskeys.Where(p => p.UserId == account.Id).ExecuteDeleteAsync(ct); // a lost key goes with the phone
            account.ResetConfirmed(now);
            // Read at the holder's next login: when, and at whose request.
            db.Notifications.Add(new Notification(account.Id, NotificationKind.CompteReinitialise, now, request.RequestedById, null, null, request.Id));
        }
        if (request.Kind is AccountRequestKind.Creation or AccountRequestKind.Reinitialisation)
            token = account.IssueActivationToken(now);
        journal.Record(JournalAction.ConfirmationCompte, detail: $"rôle: {account.Role}", purpose: request.Kind.ToString(), reference: account.Id);
        // Saves everything; a new stamp ends the holder's open sessions (a reset) and makes the next ones carry the confirmed role.
        await users.UpdateSecurityStampAsync(account);
        await tx.CommitAsync(ct);
        return Result.Ok(new Confirmed(account.Id, account.DisplayName, request.Kind, token));
    }

    /// <summary>When the account's access was last confirmed (its creation's date for an account older than the confirmations).</summary>
    private async Task<DateTime> LastConfirmedAtAsync(StaffAccount account, CancellationToken ct) =>
        await db.AccountRequests.Where(r => r.AccountId == account.Id && r.Outcome == AccountRequestOutcome.Confirmee)
            .MaxAsync(r => r.DecidedAt, ct) ?? account.CreatedAt;

    /// <summary>Refuses a request the signed-in account may decide (404 for any other). A refused creation leaves the account deactivated.</summary>
    public async Task<Result> RefuseAsync(ClaimsPrincipal user, Guid requestId, CancellationToken ct = default)
    {
        var request = await Confirmers.DecidableBy(db, user).FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return Result.NotFound();
        var account = await db.Users.FirstAsync(a => a.Id == request.AccountId, ct);
        request.Decide(AccountRequestOutcome.Refusee, user.AccountId(), Now);
        // A refusal leaves nothing of what was asked: no account, no return to service, no new role or circonscription.
        if (request.Kind is AccountRequestKind.Creation or AccountRequestKind.Reactivation) account.Deactivate(Now);
        else if (request is { PreviousRole: { } role, PreviousCirconscriptionId: { } circonscription })
            account.RestoreAssignment(role, circonscription, await LastConfirmedAtAsync(account, ct));
        journal.Record(JournalAction.RefusCompte, purpose: request.Kind.ToString(), reference: account.Id);
        // Saves everything; a new stamp makes the holder's next sessions carry the assignment restored.
        await users.UpdateSecurityStampAsync(account);
        return Result.Ok();
    }
}
