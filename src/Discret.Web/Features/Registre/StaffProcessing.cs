using Discret.Catalogue;
using Discret.Web.Features.Journal;
using Discret.Web.Shared.Documents;

namespace Discret.Web.Features.Registre;

/// <summary>
/// The register's section for the second processing: the staff's accounts and the security of the system, from
/// <see cref="StaffCatalogue"/> (what is kept and how long), the journal's traceability fields and the alert rules in
/// force (what the DPO checks about each worker).
/// </summary>
public static class StaffProcessing
{
    public const string Title = "Traitement des données des professionnels : comptes et sécurité";

    public static DocumentSection Section(SecurityConfiguration c)
    {
        var journal = DataCatalogue.TraceabilityFields.Where(f => f.Entity == "JournalEntry" && f.InNotice).Select(f => f.Label);
        var alerts = (c.Alerts ?? new JournalAlertSettings()).Rules();
        return new(Title,
        [
            new("Finalité et base légale", [StaffCatalogue.Purpose, "Base légale : " + StaffCatalogue.LegalBasis, "Personnes concernées : les professionnels qui ont un compte nominatif (aucun compte partagé ni générique)"]),
            .. StaffCatalogue.ByCategory(c.Journal.Retention, c.Security.DeactivatedAccountData).Select(g => new DocumentBlock(g.Kind.Label(),
                [.. g.Fields.Select(f => f.Label), "Conservation : " + g.Retention])),
            new("Journal des accès (traces de chaque professionnel)",
            [
                .. journal,
                $"Conservation : {RetentionLabels.Duration(c.Journal.Retention)}, puis supprimé par la purge du journal",
            ]),
            new("Contrôles du délégué à la protection des données, énoncés dans la charte que chaque professionnel accepte",
            [
                .. alerts.Select(a => "Alerte : " + a),
                "Contrôles inopinés : des consultations tirées au hasard, appréciées « justifié » ou « à examiner »",
                "Aucun classement ni aucune statistique par professionnel : les statistiques du service ne comptent jamais un professionnel",
            ]),
            new("Destinataires",
            [
                "Le professionnel lui-même : son compte",
                "Les collègues : le nom et le métier, là où le travail le demande (référent d'un dossier, équipe, agenda)",
                "L'administrateur technique : identité, coordonnées, habilitations et absences des comptes ; jamais le mot de passe ni la clé du second facteur",
                "Le responsable de circonscription : les comptes de son équipe à confirmer, leurs absences",
                "Le délégué à la protection des données : confirmations de comptes, journal, alertes et contrôles inopinés",
            ]),
        ]);
    }
}
