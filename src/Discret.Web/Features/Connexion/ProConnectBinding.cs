using System.Security.Claims;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Discret.Web.Features.Connexion;

/// <summary>
/// A ProConnect identity waiting to be bound to an account: the first ProConnect sign-in under the e-mail the administrator
/// recorded on the account. It is carried, between the return page and Discret's second step, in Identity's two-factor
/// cookie (protected by Data Protection: nothing the browser can write), and the binding is completed only when the
/// account's holder passes the account's own second factor (<c>DiscretSignInManager</c>). Why: the administrator records
/// the address, so without this step she could record her own address on another worker's account and, signing in with
/// her own ProConnect identity, become that worker.
/// </summary>
public sealed record PendingProConnectBinding(string Sub, string Email)
{
    private const string SubClaim = "discret:proconnect:sub", EmailClaim = "discret:proconnect:email";

    public IEnumerable<Claim> Claims() => [new(SubClaim, Sub), new(EmailClaim, Email)];

    /// <summary>The binding the two-factor cookie carries, if any.</summary>
    public static PendingProConnectBinding? From(ClaimsPrincipal? pending) =>
        pending?.FindFirstValue(SubClaim) is { Length: > 0 } sub && pending.FindFirstValue(EmailClaim) is { Length: > 0 } email
            ? new PendingProConnectBinding(sub, email) : null;

    /// <summary>
    /// Whether the binding can still be made: the account is still linked to this address (the administrator may have
    /// changed or removed it since), no ProConnect identity is bound to the account yet, and this one to no account.
    /// </summary>
    public async Task<bool> StillPossibleAsync(UserManager<StaffAccount> users, StaffAccount account) =>
        account.ProConnectEmail == Email
        && !(await users.GetLoginsAsync(account)).Any(l => l.LoginProvider == ProConnect.LoginProvider)
        && await users.FindByLoginAsync(ProConnect.LoginProvider, Sub) is null;
}
