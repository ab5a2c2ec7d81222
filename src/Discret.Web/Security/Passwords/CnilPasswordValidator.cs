using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Discret.Web.Security.Passwords;

public sealed class CnilPasswordValidator : IPasswordValidator<StaffAccount>
{
    public Task<IdentityResult> ValidateAsync(UserManager<StaffAccount> manager, StaffAccount user, string? password)
    {
        var problem = PasswordStrength.Problem(password ?? "", user.UserName);
        return Task.FromResult(problem is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "WeakPassword", Description = problem }));
    }
}
