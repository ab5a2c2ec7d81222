using Microsoft.AspNetCore.Identity;

namespace Discret.Web.Security;

/// <summary>Identity's messages, in French.</summary>
public sealed class FrenchIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = "Cet identifiant est déjà utilisé par un autre compte." };
    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = "L'identifiant ne peut contenir que des lettres minuscules sans accent, des chiffres, le point et le tiret." };
    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Mot de passe actuel incorrect." };
    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "Ce lien ou ce code n'est plus valable." };
    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = "Le compte a été modifié entre-temps : rechargez la page et recommencez." };
    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "L'opération n'a pas pu aboutir." };
    public override IdentityError UserAlreadyHasPassword() =>
        new() { Code = nameof(UserAlreadyHasPassword), Description = "Ce compte a déjà un mot de passe." };
    public override IdentityError RecoveryCodeRedemptionFailed() =>
        new() { Code = nameof(RecoveryCodeRedemptionFailed), Description = "Code de secours incorrect ou déjà utilisé." };
}
