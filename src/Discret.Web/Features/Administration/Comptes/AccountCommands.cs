using System.Text.RegularExpressions;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Administration.Comptes;

/// <summary>
/// The account rules, shared by the administration pages, the API and the command line: create, reassign,
/// deactivate, reactivate, reset. Each returns French error messages keyed by field, or the activation token.
/// </summary>
public sealed partial class AccountCommands(DiscretDbContext db, UserManager<StaffAccount> users, IUserStore<StaffAccount> store, TimeProvider clock,
    Journal.AccessJournal journal)
{
    public sealed record Result(Dictionary<string, string> Errors, StaffAccount? Account = null, string? ActivationToken = null, bool NotFound = false)
    {
        public bool Succeeded => Errors.Count == 0;
        public static Result Fail(string field, string message) => new(new Dictionary<string, string> { [field] = message });
        public static readonly Result Missing = new(new Dictionary<string, string> { [""] = "Compte introuvable." }, NotFound: true);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,38}[a-z0-9]$")]
    private static partial Regex LoginPattern();

    public async Task<Result> CreateAsync(string? login, string? displayName, StaffRole? role, Guid? circonscriptionId)
    {
        var errors = new Dictionary<string, string>();
        login = login?.Trim().ToLowerInvariant();
        displayName = displayName?.Trim();
        if (string.IsNullOrEmpty(login)) errors["Login"] = "Saisissez l'identifiant du compte.";
        else if (!LoginPattern().IsMatch(login)) errors["Login"] = "L'identifiant compte de 3 à 40 caractères : lettres minuscules sans accent, chiffres, point ou tiret.";
        else if (await db.Users.AnyAsync(u => u.UserName == login)) errors["Login"] = "Cet identifiant est déjà utilisé par un autre compte.";
        if (string.IsNullOrEmpty(displayName)) errors["DisplayName"] = "Saisissez le prénom et le nom de la personne titulaire du compte.";
        else if (displayName.Length > 120) errors["DisplayName"] = "Le nom est trop long (120 caractères au plus).";
        if (role is null) errors["Role"] = "Choisissez le rôle du compte.";
        if (circonscriptionId is null || !await db.Circonscriptions.AnyAsync(c => c.Id == circonscriptionId))
            errors["CirconscriptionId"] = "Choisissez la circonscription de rattachement.";
        if (errors.Count > 0) return new Result(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var account = new StaffAccount(login!, displayName!, role!.Value, circonscriptionId!.Value, now);
        var token = account.IssueActivationToken(now);
        var entry = journal.Record(JournalAction.GestionCompte, detail: $"création: {role}", reference: account.Id);
        var created = await users.CreateAsync(account);
        if (!created.Succeeded)
        {
            db.Entry(entry).State = EntityState.Detached;
            return Result.Fail("Login", created.Errors.First().Description);
        }
        return new Result([], account, token);
    }

    public async Task<Result> ChangeAssignmentAsync(Guid accountId, Guid actingAccountId, StaffRole? role, Guid? circonscriptionId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.Missing;
        if (role is null) return Result.Fail("Role", "Choisissez le rôle du compte.");
        if (circonscriptionId is null || !await db.Circonscriptions.AnyAsync(c => c.Id == circonscriptionId))
            return Result.Fail("CirconscriptionId", "Choisissez la circonscription de rattachement.");
        if (account.Role == StaffRole.AdminTechnique && role != StaffRole.AdminTechnique && await IsLastActiveAdministratorAsync(account))
            return Result.Fail("Role", "C'est le dernier compte d'administrateur technique actif : créez-en un autre avant de changer ce rôle.");
        if (account.Id == actingAccountId && role != account.Role)
            return Result.Fail("Role", "Vous ne pouvez pas changer votre propre rôle.");
        var detail = $"rôle: {account.Role} -> {role}" + (account.CirconscriptionId != circonscriptionId ? "; circonscription changée" : "");
        account.ChangeAssignment(role.Value, circonscriptionId.Value);
        journal.Record(JournalAction.ChangementRole, detail: detail, reference: account.Id);
        await users.UpdateSecurityStampAsync(account); // ends the sessions opened with the former role
        return new Result([], account);
    }

    public async Task<Result> DeactivateAsync(Guid accountId, Guid actingAccountId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.Missing;
        if (account.Id == actingAccountId) return Result.Fail("", "Vous ne pouvez pas désactiver votre propre compte.");
        if (account.Role == StaffRole.AdminTechnique && await IsLastActiveAdministratorAsync(account))
            return Result.Fail("", "C'est le dernier compte d'administrateur technique actif : il ne peut pas être désactivé.");
        account.Deactivate();
        journal.Record(JournalAction.GestionCompte, detail: "désactivation", reference: account.Id);
        await users.UpdateSecurityStampAsync(account);
        return new Result([], account);
    }

    public async Task<Result> ReactivateAsync(Guid accountId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.Missing;
        account.Reactivate();
        journal.Record(JournalAction.GestionCompte, detail: "réactivation", reference: account.Id);
        await users.UpdateAsync(account);
        return new Result([], account);
    }

    /// <summary>Forgotten password or lost phone: removes password and second factor, and issues a new activation link.</summary>
    public async Task<Result> ResetAsync(Guid accountId, Guid actingAccountId)
    {
        var account = await users.FindByIdAsync(accountId.ToString());
        if (account is null) return Result.Missing;
        if (account.Id == actingAccountId) return Result.Fail("", "Vous ne pouvez pas réinitialiser votre propre compte.");
        if (!account.IsActive) return Result.Fail("", "Réactivez d'abord le compte.");
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
        return new Result([], account, token);
    }

    private async Task<bool> IsLastActiveAdministratorAsync(StaffAccount account) =>
        !await db.Users.AnyAsync(u => u.Id != account.Id && u.IsActive && u.Role == StaffRole.AdminTechnique);
}
