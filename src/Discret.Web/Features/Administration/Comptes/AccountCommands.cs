using System.Text.RegularExpressions;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Administration.Comptes;

/// <summary>
/// The account rules, shared by the administration pages, the API and the command line: create, reassign,
/// deactivate, reactivate, reset. Each answers a <see cref="Result"/>: French messages keyed by field, or the activation token.
/// </summary>
public sealed partial class AccountCommands(DiscretDbContext db, UserManager<StaffAccount> users, IUserStore<StaffAccount> store, TimeProvider clock,
    Journal.AccessJournal journal)
{
    /// <summary>An account and the one-time token of its activation link.</summary>
    public sealed record Activation(StaffAccount Account, string Token);

    [GeneratedRegex("^[a-z][a-z0-9.-]{1,38}[a-z0-9]$")]
    private static partial Regex LoginPattern();

    public async Task<Result<Activation>> CreateAsync(string? login, string? displayName, StaffRole? role, Guid? circonscriptionId)
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
        var account = new StaffAccount(login!, displayName!, role!.Value, circonscriptionId!.Value, now);
        var token = account.IssueActivationToken(now);
        var entry = journal.Record(JournalAction.GestionCompte, detail: $"création: {role}", reference: account.Id);
        var created = await users.CreateAsync(account);
        if (!created.Succeeded)
        {
            db.Entry(entry).State = EntityState.Detached;
            return Result.Invalid("Login", created.Errors.First().Description);
        }
        return Result.Ok(new Activation(account, token));
    }

    public async Task<Result> ChangeAssignmentAsync(Guid accountId, Guid actingAccountId, StaffRole? role, Guid? circonscriptionId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.NotFound();
        if (role is null) return Result.Invalid("Role", "Choisissez le rôle du compte.");
        if (circonscriptionId is null || !await db.Circonscriptions.AnyAsync(c => c.Id == circonscriptionId))
            return Result.Invalid("CirconscriptionId", "Choisissez la circonscription de rattachement.");
        if (account.Role == StaffRole.AdminTechnique && role != StaffRole.AdminTechnique && await IsLastActiveAdministratorAsync(account))
            return Result.Invalid("Role", "C'est le dernier compte d'administrateur technique actif : créez-en un autre avant de changer ce rôle.");
        if (account.Id == actingAccountId && role != account.Role)
            return Result.Invalid("Role", "Vous ne pouvez pas changer votre propre rôle.");
        var detail = $"rôle: {account.Role} -> {role}" + (account.CirconscriptionId != circonscriptionId ? "; circonscription changée" : "");
        account.ChangeAssignment(role.Value, circonscriptionId.Value);
        journal.Record(JournalAction.ChangementRole, detail: detail, reference: account.Id);
        await users.UpdateSecurityStampAsync(account); // ends the sessions opened with the former role
        return Result.Ok();
    }

    public async Task<Result> DeactivateAsync(Guid accountId, Guid actingAccountId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.NotFound();
        if (account.Id == actingAccountId) return Result.Invalid("", "Vous ne pouvez pas désactiver votre propre compte.");
        if (account.Role == StaffRole.AdminTechnique && await IsLastActiveAdministratorAsync(account))
            return Result.Invalid("", "C'est le dernier compte d'administrateur technique actif : il ne peut pas être désactivé.");
        account.Deactivate();
        journal.Record(JournalAction.GestionCompte, detail: "désactivation", reference: account.Id);
        await users.UpdateSecurityStampAsync(account);
        return Result.Ok();
    }

    public async Task<Result> ReactivateAsync(Guid accountId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.NotFound();
        account.Reactivate();
        journal.Record(JournalAction.GestionCompte, detail: "réactivation", reference: account.Id);
        await users.UpdateAsync(account);
        return Result.Ok();
    }

    /// <summary>Forgotten password or lost phone: removes password and second factor, and issues a new activation link.</summary>
    public async Task<Result<Activation>> ResetAsync(Guid accountId, Guid actingAccountId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.NotFound();
        if (account.Id == actingAccountId) return Result.Invalid("", "Vous ne pouvez pas réinitialiser votre propre compte.");
        if (!account.IsActive) return Result.Invalid("", "Réactivez d'abord le compte.");
        await using var tx = await db.Database.BeginTransactionAsync();
        if (await users.HasPasswordAsync(account)) await users.RemovePasswordAsync(account);
        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        // Invalidates every recovery code (saved with the security stamp below).
        await ((IUserTwoFactorRecoveryCodeStore<StaffAccount>)store).ReplaceCodesAsync(account, [], CancellationToken.None);
        var token = account.IssueActivationToken(clock.GetUtcNow().UtcDateTime);
        journal.Record(JournalAction.GestionCompte, detail: "réinitialisation", reference: account.Id);
        await users.UpdateSecurityStampAsync(account);
        await tx.CommitAsync();
        return Result.Ok(new Activation(account, token));
    }

    private async Task<bool> IsLastActiveAdministratorAsync(StaffAccount account) =>
        !await db.Users.AnyAsync(u => u.Id != account.Id && u.IsActive && u.Role == StaffRole.AdminTechnique);
}
