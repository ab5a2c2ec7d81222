using Discret.Web.Security;

namespace Discret.Web.Shared.Ui;

/// <summary>The main menu: one line per section, shown only to accounts whose role passes the section's policy.</summary>
public static class Navigation
{
    /// <param name="MenuLabel">A shorter name for the menu bar, so that the DPO's ten sections fit on one line at 1280 px;
    /// the quick links of the home page keep the full <paramref name="Label"/>.</param>
    public sealed record Item(string Label, string Href, string Policy, string? MenuLabel = null)
    {
        public string InMenu => MenuLabel ?? Label;
    }

    public static readonly IReadOnlyList<Item> Items =
    [
        new("Accueil", "/", Policies.Staff),
        new("Personnes", "/personnes", Policies.PersonFiles),
        new("Personnes à informer", "/a-informer", Policies.Referents),
        new("Mon agenda", "/agenda", Policies.AgendaOwn, "Agenda"),
        new("Agenda de la circonscription", "/agenda/accueil", Policies.AgendaCirconscription, "Rendez-vous du jour"),
        new("Mes tâches", "/taches", Policies.PersonFiles, "Tâches"),
        new("À orienter", "/a-orienter", Policies.NewFiles),
        new("Équipe de la circonscription", "/equipe", Policies.Handover, "Équipe"),
        new("Statistiques", "/statistiques", Policies.Statistics),
        new("Accès exceptionnel", "/acces-exceptionnel", Policies.BreakGlass),
        new("Catalogue des données", "/catalogue", Policies.Catalogue, "Catalogue"),
        new("Registre des traitements", "/registre", Policies.Catalogue, "Registre"),
        new("Analyse d'impact (AIPD)", "/analyse-impact", Policies.ImpactAssessment, "AIPD"),
        new("Garde des textes", "/garde/lexiques", Policies.Catalogue, "Garde"),
        new("Traçabilité", "/tracabilite", Policies.Journal),
        new("Demandes de droits", "/droits", Policies.RightsRegister, "Droits"),
        new("Demandes de droits", "/droits/circonscription", Policies.RightsCirconscription, "Droits"),
        new("Comptes", "/administration/comptes", Policies.Administration),
        new("Département", "/administration/departement", Policies.Administration),
        new("Modèles de courrier", "/modeles-de-courrier", Policies.Administration, "Courriers"),
        new("Salles de rendez-vous", "/agenda/salles", Policies.Administration, "Salles"),
        new("Conservation des données", "/conservation", Policies.Retention, "Conservation"),
        new("Notice d'information", "/notice-information", Policies.Staff, "Notice"),
        new("Notifications", "/notifications", Policies.Staff),
    ];
}
