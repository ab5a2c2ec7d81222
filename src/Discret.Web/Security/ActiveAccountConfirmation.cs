using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Discret.Web.Security;

/// <summary>A deactivated account cannot sign in, even with the right password.</summary>
public sealed class ActiveAccountConfirmation : IUserConfirmation<StaffAccount>
{
    public Task<bool> IsConfirmedAsync(UserManager<StaffAccount> manager, StaffAccount user) => Task.FromResult(user.IsActive);
}
