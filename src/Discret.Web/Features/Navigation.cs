using Discret.Web.Security;

namespace Discret.Web.Features;

/// <summary>The main menu: one line per section, shown only to accounts whose role passes the section's policy.</summary>
public static class Navigation
{
    public sealed record Item(string Label, string Href, string Policy);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("Accueil", "/", Policies.Staff),
        new("Personnes", "/personnes", Policies.PersonFiles),
        new("Personnes à informer", "/a-informer", Policies.Referents),
        new("Accès exceptionnel", "/acces-exceptionnel", Policies.BreakGlass),
        new("Catalogue des données", "/catalogue", Policies.Catalogue),
        new("Registre des traitements", "/registre", Policies.Catalogue),
        new("Garde des textes", "/garde/lexiques", Policies.Catalogue),
        new("Traçabilité", "/tracabilite", Policies.Journal),
        new("Demandes de droits", "/droits", Policies.RightsRegister),
        new("Demandes de droits", "/droits/circonscription", Policies.RightsCirconscription),
        new("Comptes", "/administration/comptes", Policies.Administration),
        new("Département", "/administration/departement", Policies.Administration),
        new("Conservation des données", "/conservation", Policies.Retention),
        new("Notice d'information", "/notice-information", Policies.Staff),
        new("Notifications", "/notifications", Policies.Staff),
    ];
}
