using Discret.Catalogue;
using Discret.Domain.Journal;
using Discret.Domain.Input;

namespace Discret.Web.Features.Journal;

/// <summary>The DPO console: the names by which its views are journaled (its services: <see cref="JournalModule"/>).</summary>
public static class DpoConsole
{
    /// <summary>The <see cref="JournalEntry.Detail"/> of a <see cref="JournalAction.ConsultationJournal"/> entry: which view.</summary>
    public static class Views
    {
        public const string Search = "recherche";
        public const string Alerts = "alertes";
        public const string PersonHistory = "dossier";
        public const string Breach = "violation";
        public const string SpotCheckList = "controles";
        public const string SpotCheck = "controle";
        public const string SpotCheckItem = "controle-element";
        public const string Integrity = "integrite";
    }
}

/// <summary>What the DPO reads: French labels for the journal's codes, dates in Europe/Paris.</summary>
public static class JournalLabels
{
    public static string Label(this JournalAction action) => action switch
    {
        JournalAction.Lecture => "Lecture",
        JournalAction.Ecriture => "Écriture",
        JournalAction.Recherche => "Recherche",
        JournalAction.Export => "Export",
        JournalAction.Connexion => "Connexion",
        JournalAction.Deconnexion => "Déconnexion",
        JournalAction.EchecConnexion => "Échec de connexion",
        JournalAction.EchecSecondFacteur => "Échec du second facteur",
        JournalAction.ChangementRole => "Changement de rôle",
        JournalAction.GestionCompte => "Gestion d'un compte",
        JournalAction.AccesRefuse => "Accès refusé",
        JournalAction.AccesExceptionnel => "Accès exceptionnel",
        JournalAction.AccesExceptionnelRefuse => "Accès exceptionnel refusé",
        JournalAction.AvertissementConfirme => "Avertissement de la garde confirmé",
        JournalAction.ConsultationJournal => "Consultation du journal",
        JournalAction.ControleInopine => "Contrôle inopiné",
        JournalAction.PurgeJournal => "Purge du journal",
        JournalAction.Partage => "Partage avec un partenaire",
        JournalAction.PartageRefuse => "Partage refusé",
        JournalAction.Suppression => "Suppression",
        JournalAction.Parametrage => "Paramétrage",
        JournalAction.Archivage => "Conservation (archivage, bordereau)",
        JournalAction.Limitation => "Limitation du traitement (art. 18)",
        JournalAction.DemandeCompte => "Demande sur un compte (à confirmer)",
        JournalAction.ConfirmationCompte => "Demande sur un compte confirmée",
        JournalAction.RefusCompte => "Demande sur un compte refusée",
        JournalAction.ActivationCompte => "Activation d'un compte",
        JournalAction.Restauration => "Restauration d'une sauvegarde",
        JournalAction.DemarcheRefusee => "Démarche à la place de la personne refusée",
        _ => ClosedList.Unknown(action),
    };

    private static readonly Dictionary<string, string> Views = new()
    {
        [DpoConsole.Views.Search] = "recherche dans le journal",
        [DpoConsole.Views.Alerts] = "alertes",
        [DpoConsole.Views.PersonHistory] = "historique d'un dossier",
        [DpoConsole.Views.Breach] = "dossiers touchés par un compte",
        [DpoConsole.Views.SpotCheckList] = "liste des contrôles inopinés",
        [DpoConsole.Views.SpotCheck] = "contrôle inopiné",
        [DpoConsole.Views.SpotCheckItem] = "élément d'un contrôle inopiné",
        [DpoConsole.Views.Integrity] = "intégrité du journal",
    };

    /// <summary>
    /// The detail in French: field groups ("Identite,Coordonnees") or data categories ("Identite,Logement", a sharing)
    /// by their labels, the console's views by name, a confirmed guard warning ("Summary:Judgement,Health") as the
    /// field's label and the guard's categories, a write ("entretien: Entretiens") with its groups' labels; anything else
    /// (a count, a closed-list code) as written — the journal never holds content.
    /// </summary>
    public static string Detail(string? detail)
    {
        if (string.IsNullOrEmpty(detail)) return "";
        if (Views.TryGetValue(detail, out var view)) return view;
        if (Codes<FieldGroup>(detail) is { } groups) return string.Join(", ", groups.Select(g => g.Label()));
        if (Codes<DataCategory>(detail) is { } categories) return string.Join(", ", categories.Select(c => c.Label()));
        var colon = detail.IndexOf(':');
        if (colon > 0 && detail[..colon].Trim() is { Length: > 0 } what)
        {
            var rest = detail[(colon + 1)..].Trim();
            if (Codes<Garde.FindingCategory>(rest) is { } findings)
                return $"{FieldLabel(what)} : {string.Join(", ", findings.Select(Garde.TextGuard.Label))}";
            if (Detail(rest) is var inner && inner != rest) return $"{what} : {inner}";
        }
        return detail;
    }

    /// <summary>The codes of a comma-separated list when every one is a value of <typeparamref name="T"/> (a number is none).</summary>
    private static List<T>? Codes<T>(string text) where T : struct, Enum
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 0 && parts.All(p => Enum.TryParse<T>(p, out _) && !int.TryParse(p, out _)) ? parts.Select(Enum.Parse<T>).ToList() : null;
    }

    /// <summary>A free-text field by its catalogue label (« Summary » → the interview's summary), else as written.</summary>
    private static string FieldLabel(string property) =>
        DataCatalogue.Fields.FirstOrDefault(f => f.FreeText && f.Property == property)?.Label ?? property;

    /// <summary>The purpose in French: a break-glass access, a break-glass reason, or the code as written.</summary>
    public static string Purpose(string? purpose)
    {
        if (string.IsNullOrEmpty(purpose)) return "";
        if (purpose == Journal.AccessJournal.BreakGlassPurpose) return "Accès exceptionnel";
        if (purpose.StartsWith(Conservation.ArchiveConsultation.PurposePrefix, StringComparison.Ordinal)
            && Enum.TryParse<Conservation.ArchiveReason>(purpose[Conservation.ArchiveConsultation.PurposePrefix.Length..], out var archive))
            return "Consultation de l'archive : " + Conservation.ArchiveReasons.Label(archive);
        if (Enum.TryParse<BreakGlassReason>(purpose, out var reason) && !int.TryParse(purpose, out _)) return "Accès exceptionnel : " + AccesExceptionnel.BreakGlassReasons.Label(reason);
        return purpose;
    }
}
