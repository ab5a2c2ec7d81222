using Discret.Catalogue;
using Discret.Web.Features.AccesExceptionnel;
using Discret.Web.Features.Accompagnements;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Security.Passwords;

namespace Discret.Web.Features.Registre;

/// <summary>The settings the security measures depend on, as configured in this installation.</summary>
public sealed record SecurityConfiguration(
    SecuritySettings Security, JournalSettings Journal, BreakGlassSettings BreakGlass, WorkingNotesSettings WorkingNotes, bool OnPostgres,
    Conservation.RetentionJobSettings? Retention = null, JournalAlertSettings? Alerts = null);

/// <summary>The three risks of the CNIL's impact assessment method that a measure may address.</summary>
public enum PrivacyRisk { Acces, Modification, Disparition }

public static class PrivacyRiskLabels
{
    public static string Label(this PrivacyRisk risk) => risk switch
    {
        PrivacyRisk.Acces => "Accès illégitime à des données",
        PrivacyRisk.Modification => "Modification non désirée de données",
        PrivacyRisk.Disparition => "Disparition de données",
        _ => Discret.Domain.Input.ClosedList.Unknown(risk),
    };
}

/// <summary>One security measure: a short title (the impact assessment's list), its description (the register's line)
/// and the risks it contributes to treat.</summary>
public sealed record SecurityMeasure(string Title, IReadOnlyList<PrivacyRisk> Risks, string Description);

/// <summary>
/// The "general description of the security measures" (GDPR art. 30.1.g), written from what the code does and the
/// values configured: a changed setting changes the register and the impact assessment, which both read this list.
/// Nothing here is a promise the code does not keep.
/// </summary>
public static class SecurityMeasures
{
    private static SecurityMeasure M(string title, PrivacyRisk[] risks, string description) => new(title, risks, description);

    public static IReadOnlyList<SecurityMeasure> Describe(SecurityConfiguration c)
    {
        var d = RetentionLabels.Duration;
        List<SecurityMeasure> measures =
        [
            M("Authentification à deux facteurs", [PrivacyRisk.Acces],
                "Double authentification obligatoire pour tous les comptes : mot de passe et code à usage unique (application TOTP, chaque code accepté une seule fois), avec des codes de secours conservés sous forme d'empreintes, comptés comme des échecs lorsqu'ils sont faux et refusés sur un compte verrouillé"),
            M("Secrets chiffrés au repos", [PrivacyRisk.Acces],
                "Secrets chiffrés au repos : les clés des applications TOTP et les clés qui signent les sessions sont chiffrées dans la base de données par un certificat conservé hors de celle-ci"),
            M("Mots de passe robustes", [PrivacyRisk.Acces],
                $"Mots de passe conformes à la recommandation CNIL 2022-100 : au moins {PasswordStrength.RequiredBits} bits d'entropie, ou une phrase de passe d'au moins {PasswordStrength.PassphraseWords} mots ; les mots de passe courants sont refusés ; aucun mot de passe n'est stocké en clair"),
            M("Verrouillage des comptes", [PrivacyRisk.Acces],
                $"Compte verrouillé pendant {d(c.Security.LockoutDuration)} après {c.Security.MaxFailedAttempts} échecs de connexion, avec un délai croissant après chaque échec"),
            M("Renouvellement des mots de passe à privilèges", [PrivacyRisk.Acces],
                $"Comptes à privilèges (administration technique, délégué à la protection des données) : mot de passe à renouveler au bout de {d(c.Security.PrivilegedPasswordLifetime)}"),
            M("Fin des sessions", [PrivacyRisk.Acces],
                $"Session fermée après {d(c.Security.IdleTimeout)} d'inactivité, avec un avertissement deux minutes avant, et dans tous les cas {d(c.Security.AbsoluteLifetime)} après la connexion ; "
                    + "la déconnexion, la désactivation, la réinitialisation ou le changement de rôle d'un compte ferment aussitôt ses sessions sur le serveur"),
            M("Limitation des tentatives et des recherches", [PrivacyRisk.Acces],
                "Même réponse, dans le même temps, à un identifiant inconnu, à un mot de passe erroné et à un compte verrouillé ; nombre de tentatives limité par compte et par adresse (connexion, code, lien d'activation) et nombre de recherches de personnes limité par compte"),
            M("Accès selon le besoin d'en connaître", [PrivacyRisk.Acces, PrivacyRisk.Modification],
                $"Accès selon le besoin d'en connaître, par profession : {DataCatalogue.Grants.Count} groupes de données, chacun avec ses droits de lecture et d'écriture par rôle ; un dossier n'est lisible que par les professionnels qui accompagnent la personne ou par ceux que leur rôle autorise dans leur circonscription ; un refus répond comme si le dossier n'existait pas"),
            M("Accès exceptionnel encadré", [PrivacyRisk.Acces],
                $"Accès exceptionnel : motif choisi dans une liste et justification écrite, durée {d(c.BreakGlass.Duration)}, au plus {c.BreakGlass.WeeklyLimit} par professionnel sur 7 jours (au-delà, refusé et signalé au délégué à la protection des données), notifié au référent et au délégué à la protection des données"),
            M("Accès exceptionnel fermé aux comptes nouveaux ou réinitialisés", [PrivacyRisk.Acces],
                $"Accès exceptionnel fermé pendant {d(c.BreakGlass.NewAccountWait)} après la confirmation d'un compte ou de son nouveau rôle, et pendant {d(c.BreakGlass.AfterResetWait)} après une réinitialisation ; sa recherche vise une personne précise (au moins 3 lettres du nom, et la date de naissance ou le prénom) et montre au plus {c.BreakGlass.SearchMaxResults} personnes"),
            M("Séparation des tâches pour les comptes", [PrivacyRisk.Acces, PrivacyRisk.Modification],
                "Séparation des tâches : l'administrateur technique crée et réinitialise les comptes et change les rôles, mais l'accès aux dossiers et le lien d'activation ne viennent que de la confirmation du responsable de la circonscription (pour son équipe) ou du délégué à la protection des données, qui remet le lien en main propre ; le titulaire est averti de toute réinitialisation, le délégué de toute réinitialisation et de tout changement de rôle"),
            M("Garde de sobriété des textes libres", [PrivacyRisk.Acces],
                $"Garde de sobriété sur chacun des {DataCatalogue.Fields.Count(f => f.FreeText)} champs de texte libre : les identifiants (NIR sous toutes ses graphies, numéro CAF, AGDREF, numéro fiscal, IBAN et RIB, carte bancaire, identifiants et mots de passe) sont refusés ; la santé, les jugements, la nationalité et le droit au séjour, les catégories particulières et les infractions donnent un avertissement ; côté serveur toujours"),
            M("Notes de travail personnelles", [PrivacyRisk.Acces],
                $"Notes de travail personnelles lisibles par leur seul auteur (et remises à la personne dans la copie de son dossier si elle la demande), supprimées au plus tard {(c.WorkingNotes.MaxLifetime is { } life ? d(life) : "6 mois")} après leur saisie"),
            M("Journal des accès chaîné et scellé", [PrivacyRisk.Acces, PrivacyRisk.Modification],
                $"Journal de chaque consultation, modification, recherche, export et connexion, sans le contenu des dossiers ; entrées chaînées par empreintes SHA-256 ; tête de chaîne scellée à intervalle régulier ({d(c.Journal.SealInterval)}) dans des ancres signées (HMAC-SHA-256) conservées hors de la base de données ; journal conservé {d(c.Journal.Retention)}"),
            M("Contrôles du délégué à la protection des données", [PrivacyRisk.Acces, PrivacyRisk.Modification],
                "Console du délégué à la protection des données : recherche dans le journal par personne ou par professionnel, alertes sur les anomalies, contrôles inopinés tirés au hasard, vérification de l'intégrité de la chaîne"),
            M("Journal protégé en base", [PrivacyRisk.Modification],
                c.OnPostgres
                    ? "Base PostgreSQL : le journal ne peut être que complété, un déclencheur refuse toute modification et toute suppression en dehors de la purge de conservation"
                    : "Base SQLite (installation d'un seul poste) : le journal est protégé par son chaînage et ses ancres ; le déclencheur qui interdit sa modification n'existe que sur PostgreSQL"),
            M("Durées de conservation appliquées", [PrivacyRisk.Acces, PrivacyRisk.Disparition],
                ((c.Retention ?? new()).Nightly
                    ? $"Durées de conservation appliquées par le logiciel chaque nuit à {(c.Retention ?? new()).NightlyAt:HH\\:mm}"
                    : "Durées de conservation appliquées par le logiciel, à la demande du délégué à la protection des données ou de l'exploitant")
                    + " : simulation d'abord, puis archivage et bordereau d'élimination ; aucune destruction sans le visa du service des archives ; suppression réelle des données, dossier par dossier ; seules restent des statistiques anonymes, sans case de moins de 5"),
            M("Enregistrements entiers ou refusés", [PrivacyRisk.Modification, PrivacyRisk.Disparition],
                "Chaque enregistrement est fait en une transaction : une saisie incomplète ou invalide est refusée avec un message et rien n'en est gardé à moitié ; une création envoyée deux fois (double clic, nouvel essai après une coupure) n'est faite qu'une fois"),
            M("Corrections tracées", [PrivacyRisk.Modification],
                "Un entretien enregistré ne change plus sans trace : son auteur seul le corrige pendant un court délai, les versions précédentes restent dans son historique, puis seul un additif signé s'y ajoute ; une valeur rectifiée à la demande de la personne garde l'ancienne valeur, lue par le délégué à la protection des données, le temps du délai de contestation"),
            M("Chiffrement des échanges", [PrivacyRisk.Acces, PrivacyRisk.Modification],
                "Chiffrement des échanges : TLS assuré par le proxy inverse, HSTS ; cookies de session HttpOnly et SameSite=Strict"),
            M("En-têtes de sécurité", [PrivacyRisk.Acces, PrivacyRisk.Modification],
                "En-têtes de sécurité sur chaque réponse : politique de sécurité du contenu sans script en ligne, interdiction d'affichage dans un cadre, pas de mise en cache des pages"),
            M("Aucune donnée personnelle dans les adresses ni les journaux techniques", [PrivacyRisk.Acces],
                "Aucune donnée personnelle dans les adresses des pages (URL) ni dans les journaux techniques de l'application"),
        ];
        return measures;
    }
}
