using Discret.Domain.Input;

namespace Discret.Domain.Accounts;

/// <summary>The one profession role a staff account holds. Access to every page and field follows from it.</summary>
public enum StaffRole
{
    Accueil,
    Secretariat,
    TravailleurSocial,
    ResponsableCirconscription,
    Direction,
    Dpo,
    AdminTechnique,
}

public static class StaffRoleLabels
{
    public static string Label(this StaffRole role) => role switch
    {
        StaffRole.Accueil => "Agent d'accueil",
        StaffRole.Secretariat => "Secrétariat",
        StaffRole.TravailleurSocial => "Travailleur social",
        StaffRole.ResponsableCirconscription => "Responsable de circonscription",
        StaffRole.Direction => "Direction",
        StaffRole.Dpo => "Délégué à la protection des données",
        StaffRole.AdminTechnique => "Administrateur technique",
        _ => ClosedList.Unknown(role),
    };

    /// <summary>Accounts whose password must be renewed periodically (CNIL 2022-100: privileged accounts only).</summary>
    public static bool IsPrivileged(this StaffRole role) => role is StaffRole.AdminTechnique or StaffRole.Dpo;
}
