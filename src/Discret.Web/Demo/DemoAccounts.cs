using Discret.Domain.Accounts;

namespace Discret.Web.Demo;

/// <summary>
/// One demo account per role, all with the same password and the same fixed TOTP secret. Demo mode only:
/// the login page shows them only when Discret:DemoMode is true, and production never seeds them.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Discret-Demo-2026!";
    /// <summary>Base32 TOTP secret shared by the demo accounts (6 digits, 30 seconds, SHA-1).</summary>
    public const string TotpSecret = "DISCRETDEMOSECRETTOTPKEY234567AB";

    /// <summary>
    /// How long the demo accounts have been in service when the demo is seeded: longer than the demo's history (its oldest
    /// follow-ups and interviews, written by these accounts, go back about four and a half years). Their creation and the
    /// confirmation of their role are recorded that far back, so the demo's social workers may use break-glass at once.
    /// </summary>
    public static readonly TimeSpan InService = TimeSpan.FromDays(5 * 365);

    public sealed record Account(string Login, string DisplayName, StaffRole Role, int Circonscription);

    public static readonly IReadOnlyList<Account> All =
    [
        new("accueil", "Aline Accueil", StaffRole.Accueil, 0),
        new("secretariat", "Sacha Secrétariat", StaffRole.Secretariat, 0),
        new("ts", "Théo Travailleur", StaffRole.TravailleurSocial, 0),
        new("ts.sud", "Tania Travailleuse", StaffRole.TravailleurSocial, 1),
        new("rc", "Rémi Responsable", StaffRole.ResponsableCirconscription, 0),
        new("direction", "Dominique Direction", StaffRole.Direction, 0),
        new("dpo", "Delphine Déléguée", StaffRole.Dpo, 0),
        new("admin", "Adrien Administrateur", StaffRole.AdminTechnique, 0),
    ];

    public static Account For(StaffRole role) => All.First(a => a.Role == role);
}
