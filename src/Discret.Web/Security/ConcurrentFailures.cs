using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Discret.Web.Security;

/// <summary>
/// Identity's user manager, with every failure counted when several arrive at once. Identity saves a failed attempt as
/// an update of the whole account guarded by its concurrency stamp: of four wrong codes posted together, one was counted
/// and the others failed their update — uncounted towards the lockout, and leaving the account changed in the unit of
/// work, so that the journal's entry of the failure could not be saved either (503). The store reloads the account
/// after such a conflict (<see cref="Secrets.SealedUserStore.UpdateAsync"/>); here the failure is counted again on it.
/// </summary>
public sealed class DiscretUserManager(IUserStore<StaffAccount> store, IOptions<IdentityOptions> options, IPasswordHasher<StaffAccount> hasher,
    IEnumerable<IUserValidator<StaffAccount>> userValidators, IEnumerable<IPasswordValidator<StaffAccount>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<StaffAccount>> logger)
    : UserManager<StaffAccount>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    private const int Attempts = 5;

    public override async Task<IdentityResult> AccessFailedAsync(StaffAccount user)
    {
        var result = await base.AccessFailedAsync(user);
        for (var attempt = 1; attempt < Attempts && IsConflict(result); attempt++) result = await base.AccessFailedAsync(user);
        return result;
    }

    private static bool IsConflict(IdentityResult result) =>
        !result.Succeeded && result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));
}
