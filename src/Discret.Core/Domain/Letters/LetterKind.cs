using Discret.Domain.Input;

namespace Discret.Domain.Letters;

/// <summary>The letters Discret writes from a template of the département. Each kind has one current template and its older versions.</summary>
public enum LetterKind
{
    /// <summary>An appointment letter. Available once the agenda of appointments exists (its merge fields are declared already).</summary>
    Convocation,
    /// <summary>The receipt of a rights request (articles 15 to 21 of the GDPR): number, date and deadline of the answer.</summary>
    AccuseReceptionDemande,
    /// <summary>The answer to an access request (article 15), sent with the export of the person's data.</summary>
    ReponseDemandeAcces,
    /// <summary>A letter to a partner, written after the person agreed to the sharing.</summary>
    CourrierPartenaire,
    /// <summary>The confirmation given to a person who refused computerisation: the file is followed on paper.</summary>
    ConfirmationRefusInformatisation,
}

public static class LetterKindLabels
{
    public static string Label(this LetterKind kind) => kind switch
    {
        LetterKind.Convocation => "Convocation à un rendez-vous",
        LetterKind.AccuseReceptionDemande => "Accusé de réception d'une demande d'exercice des droits",
        LetterKind.ReponseDemandeAcces => "Réponse à une demande d'accès",
        LetterKind.CourrierPartenaire => "Courrier à un partenaire après accord de la personne",
        LetterKind.ConfirmationRefusInformatisation => "Confirmation du refus de l'informatisation",
        _ => ClosedList.Unknown(kind),
    };

    /// <summary>The part of a route that names the kind (« /modeles-de-courrier/convocation »).</summary>
    public static string Slug(this LetterKind kind) => kind switch
    {
        LetterKind.Convocation => "convocation",
        LetterKind.AccuseReceptionDemande => "accuse-de-reception",
        LetterKind.ReponseDemandeAcces => "reponse-demande-acces",
        LetterKind.CourrierPartenaire => "courrier-partenaire",
        LetterKind.ConfirmationRefusInformatisation => "confirmation-refus-informatisation",
        _ => ClosedList.Unknown(kind),
    };

    public static LetterKind? FromSlug(string? slug) =>
        Enum.GetValues<LetterKind>().Cast<LetterKind?>().FirstOrDefault(k => slug is not null && k!.Value.Slug() == slug);
}
