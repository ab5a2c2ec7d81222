using Discret.Domain.Rights;

namespace Discret.Web.Features.InformationDesPersonnes;

public static class InformationLabels
{
    public static string Label(this InformationMethod method) => method switch
    {
        InformationMethod.RemiseEnMain => "Notice remise en main propre",
        InformationMethod.Oral => "Informée oralement (notice expliquée)",
        InformationMethod.Affichage => "Affichage dans la salle d'attente",
        _ => method.ToString(),
    };
}
