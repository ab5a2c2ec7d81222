using System.Text.RegularExpressions;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.ComptesAConfirmer;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Administration.Comptes;

/// <summary>
/// The account rules, shared by the administration pages, the API and the command line: create, reassign,
/// deactivate, reactivate, reset. Each answers a <see cref="Result"/>: French messages keyed by field, or who must now
/// confirm. Separation of duties: what gives access — a creation, a reset, a change of role or circonscription, a
/// reactivation — is only asked here; a head of circonscription or the DPO confirms it (<see cref="AccountConfirmations"/>),
/// and the activation link goes to that confirmer, never to the administrator.
/// </summary>
public sealed partial class AccountCommands(DiscretDbContext db, UserManager<StaffAccount> users, TimeProvider clock,
    Journal.AccessJournal journal, AccountConfirmations confirmations)
{
    /// <summary>An account and who must confirm what was asked for it.</summary>
    public sealed record Requested(StaffAccount Account, AccountRequestKind Kind, Confirmer Confirmer);

    [GeneratedRegex("^[a-z][a-z0-9.-]{1,38}[a-z0-9]$")]
    private static partial Regex LoginPattern();

    /// <param name="requestedById">The administrator; null for the server's operator (command line).</param>
    public async Task<Result<Requested>> CreateAsync(string? login, string? displayName, StaffRole? role, Guid? circonscriptionId, Guid? requestedById)
    {
        var errors = new Dictionary<string, string>();
        login = login?.Trim().ToLowerInvariant();
        displayName = displayName?.Trim();
        if (string.IsNullOrEmpty(login)) errors["Login"] = "Saisissez l'identifiant du compte.";
        else if (!LoginPattern().IsMatch(login)) errors["Login"] = "L'identifiant compte de 3 à 40 caractères : lettres minuscules sans accent, chiffres, point ou tiret, en commençant par une lettre.";
        else if (await db.Users.AnyAsync(u => u.UserName == login)) errors["Login"] = "Cet identifiant est déjà utilisé par un autre compte.";
        else Garde.FreeTextCheck.RefuseIdentifiers(login, "Login", errors);
        if (string.IsNullOrEmpty(displayName)) errors["DisplayName"] = "Saisissez le prénom et le nom de la personne titulaire du compte.";
        else if (displayName.Length > 120) errors["DisplayName"] = "Le nom est trop long (120 caractères au plus).";
        else if (!Discret.Domain.Input.IdentityFormat.IsName(displayName, 120)) errors["DisplayName"] = "Le nom ne peut contenir que " + Discret.Domain.Input.IdentityFormat.NameCharacters + ".";
        if (role is null) errors["Role"] = "Choisissez le rôle du compte.";
        if (circonscriptionId is null || !await db.Circonscriptions.AnyAsync(c => c.Id == circonscriptionId))
            errors["CirconscriptionId"] = "Choisissez la circonscription de rattachement.";
        if (errors.Count > 0) return Result.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        // No activation link yet: it is produced when the request is confirmed, for the confirmer.
        var account = new StaffAccount(login!, displayName!, role!.Value, circonscriptionId!.Value, now);
        var confirmer = await Confirmers.ForAsync(db, account);
        await using var tx = await db.BeginJournaledTransactionAsync();
        var created = await users.CreateAsync(account);
        if (!created.Succeeded) return Result.Invalid("Login", created.Errors.First().Description);
        await confirmations.AskAsync(account, AccountRequestKind.Creation, requestedById);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return Result.Ok(new Requested(account, AccountRequestKind.Creation, confirmer));
    }

    /// <summary>
    /// A new role or circonscription: the account reaches nothing until the change is confirmed (a pending creation,
    /// reactivation or change is replaced by the new one). Nothing happens when neither changes.
    /// </summary>
    public async Task<Result<Requested?>> ChangeAssignmentAsync(Guid accountId, Guid actingAccountId, StaffRole? role, Guid? circonscriptionId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.NotFound();
        if (role is null) return Result.Invalid("Role", "Choisissez le rôle du compte.");
        if (circonscriptionId is null || !await db.Circonscriptions.AnyAsync(c => c.Id == circonscriptionId))
            return Result.Invalid("CirconscriptionId", "Choisissez la circonscription de rattachement.");
        if (role == account.Role && circonscriptionId == account.CirconscriptionId) return Result.Ok<Requested?>(null);
        if (!account.IsActive)
            return Result.Invalid("", "Réactivez d'abord le compte, puis changez son rôle ou sa circonscription : les deux seront confirmés ensemble.");
        if (account.Role == StaffRole.AdminTechnique && role != StaffRole.AdminTechnique && await IsLastActiveAdministratorAsync(account))
            return Result.Invalid("Role", "C'est le dernier compte d'administrateur technique actif : créez-en un autre avant de changer ce rôle.");
        if (account.Id == actingAccountId) return Result.Invalid("Role", "Vous ne pouvez pas changer votre propre rôle ni votre propre circonscription.");
        var pending = await confirmations.PendingAsync(account.Id);
        if (pending?.Kind == AccountRequestKind.Reinitialisation)
            return Result.Invalid("", $"Une réinitialisation de ce compte attend la confirmation de {(await Confirmers.ForAsync(db, account)).Description} : "
                                      + "changez le rôle ou la circonscription après sa décision.");
        // The assignment before the change is the last one confirmed: a pending change replaced by this one is not it.
        var (previousRole, previousCirconscription) = pending is null ? (account.Role, account.CirconscriptionId)
            : (pending.PreviousRole ?? account.Role, pending.PreviousCirconscriptionId ?? account.CirconscriptionId);
        var detail = $"rôle: {account.Role} -> {role}" + (account.CirconscriptionId != circonscriptionId ? "; circonscription changée" : "");
        account.ChangeAssignment(role.Value, circonscriptionId.Value);
        pending?.Decide(AccountRequestOutcome.Remplacee, actingAccountId, clock.GetUtcNow().UtcDateTime);
        journal.Record(JournalAction.ChangementRole, detail: detail, reference: account.Id);
        var kind = pending?.Kind ?? AccountRequestKind.Affectation;
        await confirmations.AskAsync(account, kind, actingAccountId, previousRole, previousCirconscription);
        await users.UpdateSecurityStampAsync(account); // ends the sessions opened with the former role
        return Result.Ok<Requested?>(new Requested(account, kind, await Confirmers.ForAsync(db, account)));
    }

    public async Task<Result> DeactivateAsync(Guid accountId, Guid actingAccountId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.NotFound();
        if (account.Id == actingAccountId) return Result.Invalid("", "Vous ne pouvez pas désactiver votre propre compte.");
        if (account.Role == StaffRole.AdminTechnique && await IsLastActiveAdministratorAsync(account))
            return Result.Invalid("", "C'est le dernier compte d'administrateur technique actif : il ne peut pas être désactivé.");
        account.Deactivate(clock.GetUtcNow().UtcDateTime);
        (await confirmations.PendingAsync(account.Id))?.Decide(AccountRequestOutcome.Annulee, actingAccountId, clock.GetUtcNow().UtcDateTime);
        journal.Record(JournalAction.GestionCompte, detail: "désactivation", reference: account.Id);
        await users.UpdateSecurityStampAsync(account);
        return Result.Ok();
    }

    [GeneratedRegex(@"^[^@\s<>""]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$")]
    private static partial Regex EmailPattern();

    /// <summary>
    /// Links the account to ProConnect by the holder's professional e-mail: the first ProConnect sign-in with that address binds
    /// its identity (sub) to the account once the holder passed the account's own second factor (so that the administrator
    /// cannot take the account over by recording her own address). A new address (or none) undoes the former binding, so the
    /// next sign-in binds again, with the second factor again.
    /// Journaled without the address (<c>GestionCompte</c>, reference = the account).
    /// </summary>
    public async Task<Result> LinkProConnectAsync(Guid accountId, string? email)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.NotFound();
        var normalized = string.IsNullOrWhiteSpace(email) ? null : Connexion.ProConnect.NormalizeEmail(email);
        if (normalized is null) return Result.Invalid("ProConnectEmail", "Saisissez l'adresse électronique professionnelle de la personne titulaire du compte.");
        if (normalized.Length > 256 || !EmailPattern().IsMatch(normalized))
            return Result.Invalid("ProConnectEmail", "Saisissez une adresse électronique professionnelle valide, par exemple prenom.nom@departement.fr.");
        if (await db.Users.AnyAsync(a => a.ProConnectEmail == normalized && a.Id != account.Id))
            return Result.Invalid("ProConnectEmail", "Cette adresse est déjà liée au compte d'un autre agent.");
        if (account.ProConnectEmail == normalized) return Result.Ok();
        await RemoveProConnectLoginsAsync(account);
        account.LinkProConnect(normalized);
        journal.Record(JournalAction.GestionCompte, detail: "liaison ProConnect", reference: account.Id);
        await users.UpdateAsync(account);
        return Result.Ok();
    }

    /// <summary>ProConnect no longer opens the account (its address and its bound identity removed); journaled.</summary>
    public async Task<Result> UnlinkProConnectAsync(Guid accountId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.NotFound();
        await RemoveProConnectLoginsAsync(account);
        account.LinkProConnect(null);
        journal.Record(JournalAction.GestionCompte, detail: "fin de la liaison ProConnect", reference: account.Id);
        await users.UpdateAsync(account);
        return Result.Ok();
    }

    private async Task RemoveProConnectLoginsAsync(StaffAccount account)
    {
        foreach (var login in (await users.GetLoginsAsync(account)).Where(l => l.LoginProvider == Connexion.ProConnect.LoginProvider))
            await users.RemoveLoginAsync(account, login.LoginProvider, login.ProviderKey);
    }

    /// <summary>Back in service: the account reaches nothing until a head of circonscription or the DPO confirms.</summary>
    public async Task<Result<Requested>> ReactivateAsync(Guid accountId, Guid actingAccountId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.NotFound();
        if (account.IsActive) return Result.Invalid("", "Ce compte est déjà actif.");
        account.Reactivate();
        journal.Record(JournalAction.GestionCompte, detail: "réactivation", reference: account.Id);
        await confirmations.AskAsync(account, AccountRequestKind.Reactivation, actingAccountId);
        await users.UpdateSecurityStampAsync(account);
        return Result.Ok(new Requested(account, AccountRequestKind.Reactivation, await Confirmers.ForAsync(db, account)));
    }

    /// <summary>
    /// Forgotten password or lost phone: asks for a reset. Nothing changes until it is confirmed; then password and second
    /// factor are removed and a new activation link is produced — for the confirmer, never for the administrator.
    /// </summary>
    public async Task<Result<Requested>> ResetAsync(Guid accountId, Guid actingAccountId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.NotFound();
        if (account.Id == actingAccountId) return Result.Invalid("", "Vous ne pouvez pas réinitialiser votre propre compte.");
        if (!account.IsActive) return Result.Invalid("", "Réactivez d'abord le compte.");
        var confirmer = await Confirmers.ForAsync(db, account);
        if (await confirmations.PendingAsync(account.Id) is { } pending)
            return Result.Invalid("", $"Une demande ({pending.Kind.Label().ToLowerInvariant()}) attend déjà la confirmation de {confirmer.Description} : "
                                      + "rien n'a été demandé de plus.");
        await confirmations.AskAsync(account, AccountRequestKind.Reinitialisation, actingAccountId);
        await db.SaveChangesAsync();
        return Result.Ok(new Requested(account, AccountRequestKind.Reinitialisation, confirmer));
    }

    private async Task<bool> IsLastActiveAdministratorAsync(StaffAccount account) =>
        !await db.Users.AnyAsync(u => u.Id != account.Id && u.IsActive && u.Role == StaffRole.AdminTechnique);
}
