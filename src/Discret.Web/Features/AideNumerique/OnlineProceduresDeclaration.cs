using Discret.Catalogue;

namespace Discret.Web.Features.AideNumerique;

/// <summary>
/// What the register (Features/Registre) and the impact assessment (Features/AnalyseImpact) say of the purpose « démarches
/// en ligne » (issue 19): a purpose of its own, apart from the social follow-up (CNIL kit for social workers, R28), with its
/// recipients (none), its retention reasoned (<see cref="RetentionRule.Mandat"/>) and its evidence. Written once here.
/// </summary>
public static class OnlineProceduresDeclaration
{
    public const Purpose ThePurpose = Purpose.DemarchesEnLigne;

    public static readonly string Justification =
        "Finalité distincte de l'accompagnement social (kit de la CNIL pour les travailleurs sociaux, recommandation 28) : aider la personne à faire ses démarches en ligne "
        + "à trois niveaux — je forme (seuls la date et le thème sont notés, rien de sa situation), j'accompagne (domaine, organisme et résultat ; la personne saisit elle-même ses identifiants), "
        + $"je fais à la place de (seulement sous un mandat écrit et signé, révocable à tout moment, qui nomme les professionnels, les domaines et les organismes, pour un jour ou {Domain.Mandates.Mandate.MaxMonths} mois au plus). "
        + "Ni identifiant, ni mot de passe, ni contenu des déclarations n'est jamais conservé";

    public const string Evidence =
        "Preuves : le mandat rempli tel qu'imprimé et signé en deux exemplaires (l'un remis à la personne), son empreinte SHA-256 liée à la version du modèle qui permet de vérifier une copie, "
        + "la liste des démarches faites sous mandat (date, domaine, organisme, démarche, résultat, professionnel), remise à la personne avec la copie de ses données, "
        + "et au journal chaque démarche refusée faute de mandat en vigueur qui la couvre";

    public const string Recipients =
        "Démarches en ligne : aucun destinataire. Les organismes (CAF, impôts, assurance maladie, France Travail…) reçoivent, sur leurs propres services en ligne, "
        + "ce que la personne leur aurait transmis elle-même ; Discret ne leur transmet rien";

    public static string RetentionJustification =>
        $"Justification : preuve de ce qui a été fait au nom de la personne en cas de contestation — {RetentionLabels.Duration(RetentionRule.Mandat.Active)}, délai de prescription civile "
        + "(code civil, article 2224), qui couvre aussi la déchéance quadriennale des créances sur le département (loi n° 68-1250) ; à compter de la fin du mandat (son dernier jour ou sa révocation), "
        + "indépendamment du dossier, qu'il survit : le mandat, ses autorisations et les démarches faites sous lui sont ensuite supprimés. Les aides numériques (je forme, j'accompagne) suivent leur accompagnement";
}
