using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Organisation;
using Discret.Domain.Persons;
using Discret.Domain.Rights;

using Discret.Web.Features.Partages;
using Discret.Web.Shared.Documents;

namespace Discret.Web.Features.Registre;

/// <summary>
/// The register of processing activities (GDPR art. 30.1), generated from the data catalogue, the retention rules in
/// force and the configured security measures: nothing in it is typed by hand, so it cannot drift from what the
/// software does. Sections of headed blocks of lines, so that two versions compare line by line.
/// </summary>
public sealed record RegisterContent(string Departement, string Processing, IReadOnlyList<DocumentSection> Sections)
{
    public const string Title = "Registre des traitements";
    public const string ProcessingName = "Suivi social départemental";

    /// <summary>
    /// Builds the register. <paramref name="rulesInForce"/> are the retention rules applied (the catalogue's by
    /// default); a rule of the same code replaces the catalogue's for every field that names it, and
    /// <paramref name="reasons"/> (by rule code) gives the recorded reason of a change, printed beside it.
    /// </summary>
    public static RegisterContent Build(DepartementSettings settings, IReadOnlyList<string> securityMeasures,
        IReadOnlyList<RetentionRule>? rulesInForce = null, IReadOnlyDictionary<string, string>? reasons = null, DocumentSection? staffProcessing = null)
    {
        var rules = (rulesInForce ?? RetentionRule.All).ToDictionary(r => r.Code);
        reasons ??= new Dictionary<string, string>();
        RetentionRule InForce(CatalogueField f) => rules.GetValueOrDefault(f.Retention.Code, f.Retention);
        var fields = DataCatalogue.Fields;

        return new RegisterContent(settings.Name, ProcessingName,
        [
            Controller(settings),
            Purposes(fields),
            new("Catégories de personnes concernées",
            [
                new(null,
                [
                    "Les personnes accueillies ou accompagnées par le service social départemental",
                    "Les membres de leur ménage",
                    "Les professionnels du service (comptes nominatifs), pour la traçabilité des consultations et des actions",
                    "Les tiers qui signalent une information : seulement leur catégorie (" + string.Join(", ", Enum.GetValues<ThirdPartyCategory>().Select(c => c.Label().ToLowerInvariant())) + "), jamais leur nom",
                ]),
            ]),
            Categories(fields, InForce),
            Sources(fields),
            Recipients(),
            new("Transferts hors de l'Union européenne", [new(null, ["Aucun transfert hors de l'Union européenne ni vers une organisation internationale"])]),
            Retention(fields, rules, InForce, reasons),
            new("Mesures de sécurité", [new(null, securityMeasures)]),
            .. staffProcessing is null ? [] : (DocumentSection[])[staffProcessing],
        ]);
    }

    private static DocumentSection Controller(DepartementSettings s) => new("Responsable du traitement et délégué à la protection des données",
    [
        new(null,
        [
            $"Responsable du traitement : {s.ControllerName}",
            $"Adresse postale : {(s.PostalAddress.Length > 0 ? s.PostalAddress : "non renseignée")}",
            $"Délégué à la protection des données : {s.DpoContact}",
            $"Nom du traitement : {ProcessingName} (logiciel Discret)",
        ]),
    ]);

    private static DocumentSection Purposes(IReadOnlyList<CatalogueField> fields) => new("Finalités et bases légales",
        fields.SelectMany(f => f.Purposes.Select(p => (Purpose: p, Field: f)))
            .GroupBy(x => x.Purpose).OrderBy(g => g.Key)
            .Select(g => new DocumentBlock(g.Key.Label(),
            [
                "Base légale : " + string.Join(" ; ", g.Key.Bases(g.Select(x => x.Field.Basis)).Select(b => b.Label())),
                "Catégories de données : " + string.Join(", ", g.Select(x => x.Field.Category).Distinct().Order().Select(c => c.Label())),
                // Online procedures (issue 19): a purpose of its own, with its justification and evidence.
                .. g.Key == AideNumerique.OnlineProceduresDeclaration.ThePurpose
                    ? [AideNumerique.OnlineProceduresDeclaration.Justification, AideNumerique.OnlineProceduresDeclaration.Evidence]
                    : (string[])[],
            ]))
            .ToList());

    private static DocumentSection Categories(IReadOnlyList<CatalogueField> fields, Func<CatalogueField, RetentionRule> inForce)
    {
        var blocks = fields.GroupBy(f => f.Category).OrderBy(g => g.Key).Select(g =>
        {
            var special = g.Where(f => f.Sensitivity == Sensitivity.Sensible).Select(f => f.Label).Distinct().ToList();
            return new DocumentBlock(g.Key.Label(),
            [
                .. g.Select(f => f.Label + (f.Sensitivity == Sensitivity.Sensible ? " — catégorie particulière (article 9 du RGPD)" : "")).Distinct(),
                "Catégories particulières (article 9 du RGPD) : " + (special.Count == 0 ? "aucune" : string.Join(", ", special)),
                "Conservation : " + string.Join(" ; ", g.Select(inForce).DistinctBy(r => r.Code).Select(r => r.Describe())),
            ]);
        }).ToList();
        // Forbidden data cannot be declared at all: a catalogue field marked Interdit would be a defect, listed here too.
        var forbidden = fields.Where(f => f.Sensitivity == Sensitivity.Interdit).Select(f => f.Label);
        blocks.Add(HealthLine());
        blocks.Add(new DocumentBlock("Données exclues, non collectées", [.. DataCatalogue.NeverCollected.Concat(forbidden).Select(d => d + " : non collecté")]));
        return new DocumentSection("Catégories de données", blocks);
    }

    /// <summary>
    /// Why the values that touch on care are no health data here (issue 17 §3), named from the closed lists themselves, and
    /// where the line is watched: the free texts, through the guard's health lexicon.
    /// </summary>
    public static DocumentBlock HealthLine() => new("Données de santé : ce qui en est et ce qui n'en est pas",
    [
        $"Le motif d'accompagnement « {FollowUpMotive.AccesAuxSoins.Label()} », l'objet de partage « {Discret.Domain.Rights.SharingPurpose.SoinsEtSante.Label()} » et les partenaires « {PartnerKind.Hopital.Label()} » et « {PartnerKind.Cpam.Label()} » disent qu'une démarche d'accès aux droits ou aux soins est accompagnée (couverture maladie, complémentaire santé solidaire, recherche d'un médecin, rendez-vous) : ils ne révèlent ni une pathologie, ni un handicap, ni un traitement, ni un état de santé, et ne sont pas des données de santé au sens de l'article 4.15 du RGPD",
        "Discret ne comporte aucun champ pour un diagnostic, une pathologie, un handicap, une grossesse ou un traitement ; un partage avec un hôpital ou la CPAM ne porte que sur les catégories de données que la personne accepte, jamais sur son état de santé",
        "La ligne peut être franchie dans un texte libre : la garde de sobriété avertit alors le professionnel (diagnostics, pathologies, traitements, addictions, grossesse, handicap et prestations qui le révèlent), l'invite à noter la démarche plutôt que l'état, et journalise sa confirmation sans le texte",
    ]);

    private static DocumentSection Sources(IReadOnlyList<CatalogueField> fields) => new("Sources des données",
    [
        .. fields.GroupBy(f => f.ExpectedSource).OrderBy(g => g.Key).Select(g => new DocumentBlock(g.Key.Label(),
            ["Catégories : " + string.Join(", ", g.Select(f => f.Category).Distinct().Order().Select(c => c.Label()))])),
        new(null, ["Chaque information porte sa provenance ; une information signalée par un tiers est notée comme non vérifiée, et portée à la connaissance de la personne"]),
    ]);

    private static DocumentSection Recipients()
    {
        var blocks = Enum.GetValues<StaffRole>().Select(role =>
        {
            var (circ, assigned) = DataCatalogue.ReachOf(role);
            List<string> lines = [];
            if (circ.Count > 0) lines.Add("Pour toutes les personnes de sa circonscription : " + string.Join(", ", circ.Select(g => g.Label())));
            if (assigned.Count > 0) lines.Add("Pour les seules personnes qu'il accompagne : " + string.Join(", ", assigned.Select(g => g.Label())));
            if (lines.Count == 0) lines.Add("Aucune donnée des dossiers des personnes");
            return new DocumentBlock(role.Label(), lines);
        }).ToList();
        blocks.Add(new DocumentBlock("Accès particuliers",
        [
            "Notes de travail personnelles : leur auteur seul, quel que soit son rôle ; la personne qui exerce son droit d'accès les reçoit dans la copie de son dossier, que le DPO télécharge pour la lui remettre (téléchargement journalisé)",
            "Journal des accès : le délégué à la protection des données, par sa console, sans le contenu des dossiers",
            "Accès exceptionnel : un travailleur social de la circonscription, pour une durée limitée, sur motif écrit, notifié au référent et au délégué à la protection des données",
            "Agenda abonné (calendrier iCalendar) : " + DataCatalogue.CalendarFeedContent,
        ]));
        blocks.Add(new DocumentBlock(Purpose.DemarchesEnLigne.Label(), [AideNumerique.OnlineProceduresDeclaration.Recipients]));
        blocks.Add(new DocumentBlock("Partenaires, seulement avec l'accord enregistré de la personne, pour les catégories de données qu'elle a acceptées",
            Enum.GetValues<PartnerKind>().Select(k => k.Label()).ToList()));
        return new DocumentSection("Destinataires", blocks);
    }

    private static DocumentSection Retention(IReadOnlyList<CatalogueField> fields, IReadOnlyDictionary<string, RetentionRule> rules,
        Func<CatalogueField, RetentionRule> inForce, IReadOnlyDictionary<string, string> reasons)
    {
        var used = fields.GroupBy(f => inForce(f).Code).ToDictionary(g => g.Key, g => g.ToList());
        var blocks = rules.Values.Concat(fields.Select(inForce)).DistinctBy(r => r.Code).Select(rule =>
        {
            var ruleFields = used.GetValueOrDefault(rule.Code) ?? [];
            List<string> lines =
            [
                "Catégories de données : " + (ruleFields.Count == 0 ? "aucune" : string.Join(", ", ruleFields.Select(f => f.Category).Distinct().Order().Select(c => c.Label()))),
                $"Base active : {RetentionLabels.Duration(rule.Active)} à compter {rule.Start.Label()}",
                rule.Archive is { } archive
                    ? $"Archive intermédiaire : {RetentionLabels.Duration(archive)}, justification : {rule.ArchiveJustification ?? "non renseignée"}"
                    : "Archive intermédiaire : aucune",
                "Sort final : " + rule.Fate.Label(),
            ];
            if (rule.Code == RetentionRule.Mandat.Code) lines.Add(AideNumerique.OnlineProceduresDeclaration.RetentionJustification);
            if (reasons.TryGetValue(rule.Code, out var reason) && !string.IsNullOrWhiteSpace(reason)) lines.Add("Motif de la durée en vigueur : " + reason);
            return new DocumentBlock(rule.Label, lines);
        }).ToList();
        return new DocumentSection("Durées de conservation", blocks);
    }
}
