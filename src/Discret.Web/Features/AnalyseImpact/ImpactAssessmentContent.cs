using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Organisation;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Web.Features.Droits;
using Discret.Web.Features.Registre;
using Discret.Web.Shared.Documents;

namespace Discret.Web.Features.AnalyseImpact;

/// <summary>
/// The data protection impact assessment (AIPD, GDPR art. 35), pre-filled on the CNIL's method from what Discret is:
/// the catalogue (data, purposes, bases, sources, grants), the retention rules in force, the security measures as
/// configured, and the versions of the register and of the notice it stands on. Nothing is typed by hand; what only the
/// controller can say (processors, hosting, the judgement of each risk's severity and likelihood, the action plan, the
/// DPO's opinion, the persons' views) is left « à compléter », to be written in the CNIL's PIA software after importing
/// <see cref="PiaExport"/>, or on the printed copy.
/// </summary>
/// <remarks>Each question carries the reference the CNIL's PIA software gives it (111 = part 1, item 1, question 1), so the
/// export can fill the same answers; the parts follow the method's order (context, fundamental principles, risks, validation).</remarks>
public sealed record ImpactAssessmentContent(
    string Departement, string Processing, int RegisterVersion, int NoticeVersion,
    IReadOnlyList<ImpactAssessmentContent.Item> Items, IReadOnlyList<SecurityMeasure> Measures)
{
    public const string Title = "Analyse d'impact relative à la protection des données";
    public const string ToComplete = "À compléter par le responsable du traitement";

    /// <summary>One item of the method (« 1.1 Vue d'ensemble »…) and its questions.</summary>
    public sealed record Item(string Number, string Title, IReadOnlyList<Question> Questions);

    /// <summary>A question of the method with its pre-filled answer. <see cref="Reference"/> is the PIA software's (0: none,
    /// for the validation part, which the software keeps in the assessment's own fields); <see cref="AsList"/> marks the
    /// answers the software takes as lists of short entries (a risk's impacts, threats, sources and measures).</summary>
    public sealed record Question(int Reference, string Title, IReadOnlyList<string> Answer, bool AsList = false);

    /// <summary>The assessment as titled sections of headed lines: what the page, the PDF and the comparison of versions read.</summary>
    public IReadOnlyList<DocumentSection> Sections() =>
    [
        .. Items.Select(i => new DocumentSection($"{i.Number} {i.Title}", [.. i.Questions.Select(q => new DocumentBlock(q.Title, q.Answer))])),
    ];

    public static ImpactAssessmentContent Build(DepartementSettings settings, IReadOnlyList<SecurityMeasure> measures, IReadOnlyList<RetentionRule> rulesInForce,
        SecurityConfiguration configuration, int registerVersion, int noticeVersion)
    {
        var fields = DataCatalogue.Fields;
        var rules = rulesInForce.ToDictionary(r => r.Code);
        RetentionRule InForce(CatalogueField f) => rules.GetValueOrDefault(f.Retention.Code, f.Retention);
        var duration = RetentionLabels.Duration;

        var purposes = fields.SelectMany(f => f.Purposes).Distinct().Order().ToList();
        var special = fields.Where(f => f.Sensitivity == Sensitivity.Sensible).Select(f => f.Label).Distinct().ToList();
        var freeTexts = fields.Count(f => f.FreeText);

        Item context1 = new("1.1", "Vue d'ensemble",
        [
            new(111, "Quel est le traitement qui fait l'objet de l'étude ?",
            [
                $"Traitement « {RegisterContent.ProcessingName} » de : {settings.Name}, au moyen du logiciel Discret ; il est décrit dans le registre des traitements, version {registerVersion}, et présenté aux personnes par la notice d'information, version {noticeVersion}",
                .. purposes.Select(p => "Finalité : " + p.Label()),
                "Personnes concernées : les personnes accueillies ou accompagnées par le service social départemental et les membres de leur ménage ; les professionnels du service, pour la traçabilité (traitement connexe, décrit dans sa propre section du registre)",
                "Pourquoi une analyse d'impact : le traitement a pour finalité l'accompagnement social des personnes, qui figure sur la liste des traitements pour lesquels la CNIL exige une analyse d'impact (délibération n° 2018-327 du 11 octobre 2018) ; il porte sur des personnes vulnérables, sur des données à caractère hautement personnel (ressources, logement, situation familiale, difficultés), à l'échelle d'un département",
            ]),
            new(112, "Quelles sont les responsabilités liées au traitement ?",
            [
                $"Responsable du traitement : {settings.ControllerName}",
                $"Délégué à la protection des données : {settings.DpoContact}",
                .. Enum.GetValues<StaffRole>().Select(r => $"{r.Label()} : {RoleDuty(r)}"),
                $"Sous-traitants (hébergement, exploitation, maintenance) : {ToComplete.ToLowerInvariant()}, avec les clauses de l'article 28 du RGPD",
            ]),
            new(113, "Quels sont les référentiels applicables ?",
            [
                "Règlement (UE) 2016/679 (RGPD) et loi n° 78-17 du 6 janvier 1978 modifiée (informatique et libertés)",
                "Référentiel de la CNIL relatif à l'accueil, l'hébergement et l'accompagnement social et médico-social (délibération n° 2021-028 du 11 mars 2021)",
                "Référentiel de la CNIL sur les durées de conservation du secteur social et médico-social (délibération n° 2023-095 du 14 septembre 2023)",
                "Recommandation de la CNIL sur la journalisation (délibération n° 2021-122 du 14 octobre 2021) et sur les mots de passe (délibération n° 2022-100 du 21 juillet 2022) ; guide de la sécurité des données personnelles (CNIL, 2024)",
                "Secret professionnel : articles 226-13 et 226-14 du code pénal, article L. 411-3 du code de l'action sociale et des familles ; partage d'informations : article L. 121-6-2 du même code",
                "Accessibilité : référentiel général d'amélioration de l'accessibilité (RGAA 4.1)",
            ]),
        ]);

        Item context2 = new("1.2", "Données, processus et supports",
        [
            new(121, "Quelles sont les données traitées ?",
            [
                .. fields.GroupBy(f => f.Category).OrderBy(g => g.Key).Select(g =>
                    $"{g.Key.Label()} : {string.Join(", ", g.Select(f => f.Label).Distinct())} — conservation : {string.Join(" ; ", g.Select(InForce).DistinctBy(r => r.Code).Select(r => r.Describe()))}"),
                "Catégories particulières (article 9 du RGPD) : " + (special.Count == 0 ? "aucune ; les valeurs qui touchent aux soins ne révèlent pas l'état de santé (voir le registre)" : string.Join(", ", special)),
                .. DataCatalogue.NeverCollected.Select(d => "Jamais collecté : " + d),
                .. StaffCatalogue.ByCategory(configuration.Journal.Retention, configuration.Security.DeactivatedAccountData)
                    .Select(c => $"Données des professionnels — {c.Kind.Label()} : {string.Join(", ", c.Fields.Select(f => f.Label))} — conservation : {c.Retention}"),
            ]),
            new(122, "Comment le cycle de vie des données se déroule-t-il (description fonctionnelle) ?",
            [
                "Premier accueil : l'agent d'accueil ou le secrétariat recherche la personne (vérification des doublons) puis crée son dossier avec l'identité et les coordonnées utiles ; la personne reçoit la notice d'information, ce qui est enregistré",
                "Orientation : le responsable de circonscription attribue un accompagnement à un travailleur social ; dès lors, seuls les professionnels qui accompagnent la personne lisent ce que leur métier demande",
                "Accompagnement : entretiens résumés avec des listes fermées (motifs, actions), rendez-vous, tâches, courriers, partages avec des partenaires seulement avec l'accord enregistré de la personne et pour les catégories qu'elle accepte ; une information venue d'un tiers est notée comme non vérifiée et portée à la connaissance de la personne",
                "Droits : les demandes de la personne (accès, rectification, effacement, limitation, opposition, portabilité) sont enregistrées, suivies dans le délai d'un mois et tracées",
                .. rulesInForce.Select(r => $"Fin de vie — {r.Label} : {r.Describe()}"),
                "Élimination : le travail de conservation simule d'abord, archive ce qui doit l'être, propose un bordereau d'élimination que le service des archives vise, puis supprime les données dossier par dossier ; seules restent des statistiques anonymes",
                $"Traçabilité : chaque consultation, modification, recherche, export et connexion est journalisée sans le contenu des dossiers ; le journal est conservé {duration(configuration.Journal.Retention)}",
            ]),
            new(123, "Quels sont les supports des données ?",
            [
                configuration.OnPostgres
                    ? "Base de données PostgreSQL sur les serveurs du responsable du traitement ou de son hébergeur"
                    : "Base de données SQLite sur le poste ou le serveur qui fait tourner Discret (installation d'un seul poste)",
                "Application web : les navigateurs des professionnels, sans mise en cache des pages ; Discret n'appelle aucun service extérieur (ni script, ni police de caractères, ni mesure d'audience chargés d'un autre site)",
                "Documents PDF produits à la demande et non conservés par Discret : courriers, notice d'information, copie du dossier remise au titre du droit d'accès, registre, présente analyse",
                "Agenda abonné (calendrier iCalendar) : " + DataCatalogue.CalendarFeedContent,
                "Exports des statistiques (CSV, tableur) : des nombres anonymes par territoire et par période, les petits effectifs masqués",
                "Papier : documents signés par la personne (accords de partage, demandes) gardés dans le dossier papier du service",
                $"Hébergement, sauvegardes et postes de travail : {ToComplete.ToLowerInvariant()} (lieu d'hébergement, durée des sauvegardes — au plus 30 jours selon la documentation d'exploitation de Discret)",
            ]),
        ]);

        Item principles1 = new("2.1", "Proportionnalité et nécessité",
        [
            new(211, "Les finalités du traitement sont-elles déterminées, explicites et légitimes ?",
            [
                .. purposes.Select(p => $"{p.Label()} — catégories : {string.Join(", ", fields.Where(f => f.Purposes.Contains(p)).Select(f => f.Category).Distinct().Order().Select(c => c.Label()))}"),
                "Aucune autre utilisation : les statistiques ne comptent jamais un professionnel ; le journal ne sert qu'aux contrôles énoncés dans la charte que chaque professionnel accepte",
                // Online procedures (issue 19): a purpose of its own.
                AideNumerique.OnlineProceduresDeclaration.Justification,
                AideNumerique.OnlineProceduresDeclaration.Evidence,
                AideNumerique.OnlineProceduresDeclaration.Recipients,
            ]),
            new(212, "Quel(s) est(sont) les fondement(s) qui rend(ent) votre traitement licite ?",
            [
                .. purposes.Select(p => $"{p.Label()} : {string.Join(" ; ", p.Bases(fields.Where(f => f.Purposes.Contains(p)).Select(f => f.Basis)).Select(b => b.Label()))}"),
                "Données des professionnels : " + StaffCatalogue.LegalBasis,
            ]),
            new(213, "Les données collectées sont-elles adéquates, pertinentes et limitées à ce qui est nécessaire au regard des finalités pour lesquelles elles sont traitées (minimisation) ?",
            [
                $"Chaque donnée est déclarée une fois dans le catalogue des données avec sa finalité, sa base légale, sa source, son groupe d'accès et sa durée de conservation : {fields.Count} données en {fields.Select(f => f.Category).Distinct().Count()} catégories ; un test du logiciel échoue si une colonne de la base n'y est pas déclarée",
                $"Listes fermées plutôt que texte libre ; {freeTexts} champs de texte libre, chacun passé à la garde de sobriété (identifiants refusés, santé, jugements, nationalité, catégories particulières et infractions signalées au professionnel)",
                .. DataCatalogue.NeverCollected.Select(d => "Aucun champ pour : " + d),
                "Un tiers qui signale une information n'est noté que par sa catégorie (" + string.Join(", ", Enum.GetValues<ThirdPartyCategory>().Select(c => c.Label().ToLowerInvariant())) + "), jamais par son nom",
                "La personne peut refuser l'informatisation de son dossier : seule une fiche minimale est alors tenue (identité, circonscription, référent, rendez-vous)",
            ]),
            new(214, "Les données sont-elles exactes et tenues à jour ?",
            [
                "Chaque information porte sa source : " + string.Join(", ", Enum.GetValues<DataSource>().Select(s => s.Label().ToLowerInvariant())),
                "Une information venue d'un tiers est marquée « non vérifiée » et doit être portée à la connaissance de la personne dans le mois",
                "Rectification à la demande de la personne : la nouvelle valeur remplace l'ancienne dans le dossier, l'ancienne reste lisible du délégué le temps du délai de contestation",
                "Un entretien enregistré ne se corrige que par son auteur pendant un court délai, avec l'historique des versions ; ensuite seul un additif signé s'y ajoute",
            ]),
            new(215, "Quelle est la durée de conservation des données ?",
            [
                .. rulesInForce.Select(r => $"{r.Label} : {r.Describe()}"),
                AideNumerique.OnlineProceduresDeclaration.RetentionJustification,
                $"Journal des accès : {duration(configuration.Journal.Retention)} ; notes de travail personnelles : au plus {(configuration.WorkingNotes.MaxLifetime is { } life ? duration(life) : "6 mois")}",
                $"Comptes des professionnels désactivés : coordonnées et données de connexion effacées {duration(configuration.Security.DeactivatedAccountData)} après la désactivation",
                "Les durées sont appliquées par le logiciel lui-même ; leur changement par le délégué est motivé et entre dans le registre",
            ]),
        ]);

        Item principles2 = new("2.2", "Mesures protectrices des droits",
        [
            new(221, "Comment les personnes concernées sont-elles informées à propos du traitement ?",
            [
                $"Notice d'information produite à partir du catalogue (version {noticeVersion}) : ce qui est noté, pourquoi, qui le lit, combien de temps, les droits et le contact du délégué",
                "Remise de la notice enregistrée dans chaque dossier (date, forme, version) ; les personnes à informer sont listées à leur référent",
                "Affiche A3 en gros caractères pour les salles d'attente, version « facile à lire et à comprendre » pour les personnes qui lisent difficilement",
                "Notice traduite, phrase par phrase, dans les langues que le département fournit ; la version française fait foi",
                "Les informations venues d'un partenaire ou d'un tiers sont portées à la connaissance de la personne (article 14 du RGPD), ce qui est enregistré",
            ]),
            new(222, "Si applicable, comment le consentement des personnes concernées est-il obtenu ?",
            [
                "Le traitement ne repose pas sur le consentement : il relève de la mission d'intérêt public du département",
                "Les partages avec un partenaire n'ont lieu qu'avec l'accord de la personne, enregistré par partenaire et par catégorie de données, retirable à tout moment ; partenaires possibles : " + string.Join(", ", Enum.GetValues<PartnerKind>().Select(k => k.Label())),
            ]),
            new(223, "Comment les personnes concernées peuvent-elles exercer leurs droit d'accès et droit à la portabilité ?",
            [
                "Registre des demandes de droits tenu par le délégué, avec l'échéance d'un mois et les décisions motivées",
                "Copie du dossier produite par Discret (PDF lisible et fichier JSON structuré pour la portabilité), avec les consultations du dossier ; son téléchargement par le délégué est journalisé",
            ]),
            new(224, "Comment les personnes concernées peuvent-elles exercer leurs droit de rectification et droit à l'effacement (droit à l'oubli) ?",
            [
                "Rectification par le délégué depuis la demande : ancienne valeur gardée le temps du délai de contestation, puis supprimée",
                "Effacement du dossier depuis la demande, sauf obligation légale ou limitation en cours ; suppression réelle des lignes, journalisée sans leur contenu",
            ]),
            new(225, "Comment les personnes concernées peuvent-elles exercer leurs droit de limitation et droit d'opposition ?",
            [
                "Limitation appliquée par le délégué : " + Restriction.AppliedMessage,
                "Opposition et refus de l'informatisation enregistrés et motivés dans le registre des demandes ; le dossier passe alors sur papier, seule une fiche minimale restant dans Discret",
            ]),
            new(226, "Les obligations des sous-traitants sont-elles clairement définies et contractualisées ?",
            [
                $"{ToComplete} : contrats d'hébergement, d'exploitation et de maintenance avec les clauses de l'article 28 du RGPD",
                "Discret ne transmet aucune donnée à un tiers de lui-même : ni service en ligne, ni mesure d'audience, ni police ou script chargés d'ailleurs",
            ]),
            new(227, "En cas de transfert de données en dehors de l'Union européenne, les données sont-elles protégées de manière équivalente ?",
            [
                "Aucun transfert hors de l'Union européenne par le logiciel",
                $"Lieu d'hébergement et de sauvegarde : {ToComplete.ToLowerInvariant()}",
            ]),
        ]);

        Item existing = new("3.1", "Mesures existantes ou prévues",
            [new(0, "Mesures mises en œuvre par le logiciel, telles que configurées", [.. measures.Select(m => $"{m.Title} : {m.Description}")])]);

        return new ImpactAssessmentContent(settings.Name, RegisterContent.ProcessingName, registerVersion, noticeVersion,
        [
            context1, context2, principles1, principles2, existing,
            .. Enum.GetValues<PrivacyRisk>().Select((risk, i) => RiskItem(risk, $"3.{i + 2}", 320 + 10 * i, measures)),
            Validation(),
        ], measures);
    }

    /// <summary>What each role does with the persons' data, from the catalogue's grants (the register's recipients, said short).</summary>
    private static string RoleDuty(StaffRole role)
    {
        var (circ, assigned) = DataCatalogue.ReachOf(role);
        if (circ.Count + assigned.Count == 0) return "aucune donnée des dossiers des personnes";
        List<string> parts = [];
        if (circ.Count > 0) parts.Add("pour sa circonscription : " + string.Join(", ", circ.Select(g => g.Label().ToLowerInvariant())));
        if (assigned.Count > 0) parts.Add("pour les personnes qu'il accompagne : " + string.Join(", ", assigned.Select(g => g.Label().ToLowerInvariant())));
        return string.Join(" ; ", parts);
    }

    private static Item RiskItem(PrivacyRisk risk, string number, int reference, IReadOnlyList<SecurityMeasure> measures)
    {
        var (impacts, threats, sources) = risk switch
        {
            PrivacyRisk.Acces => (
                (string[])["Révélation de la situation sociale, des ressources ou de la vie familiale à des proches, à un employeur ou au voisinage", "Stigmatisation, discrimination, perte de confiance dans le service social", "Mise en danger d'une personne victime de violences dont l'adresse serait retrouvée", "Atteinte au secret professionnel des travailleurs sociaux"],
                (string[])["Consultation par curiosité d'un dossier sans besoin d'en connaître", "Usurpation du compte d'un professionnel (mot de passe deviné ou volé)", "Identifiants ou données sensibles écrits dans un texte libre", "Document imprimé ou exporté égaré", "Partage avec un partenaire au-delà de ce que la personne a accepté"],
                (string[])["Professionnel du service, par curiosité ou sous pression d'un proche", "Ancien conjoint ou proche qui cherche la personne", "Attaquant extérieur", "Partenaire destinataire d'un partage"]),
            PrivacyRisk.Modification => (
                ["Décision d'aide prise sur une information fausse", "Appréciation ou fait attribué à tort à la personne", "Perte de la preuve de ce qui a été fait ou décidé"],
                ["Erreur de saisie ou saisie dans le mauvais dossier", "Modification malveillante d'un entretien ou du journal", "Enregistrement interrompu laissant un dossier à moitié modifié"],
                ["Professionnel du service, par erreur ou par malveillance", "Administrateur de la base de données", "Panne pendant un enregistrement"]),
            _ => (
                ["Perte du suivi de la personne et retard dans l'accès à ses droits", "Impossibilité de répondre à une demande d'accès ou de prouver une décision", "Suppression avant terme de ce qui devait être gardé"],
                ["Panne ou destruction du serveur ou de son disque", "Rançongiciel", "Suppression par erreur ou trop tôt (règle de conservation mal réglée)"],
                ["Sinistre ou panne matérielle", "Attaquant extérieur", "Erreur d'exploitation ou de paramétrage"]),
        };
        var treating = measures.Where(m => m.Risks.Contains(risk)).Select(m => m.Title).ToList();
        if (risk == PrivacyRisk.Disparition) treating.Add($"Sauvegardes chiffrées et testées : {ToComplete.ToLowerInvariant()} (l'exploitant)");
        const string scale = "échelle de la méthode de la CNIL : négligeable, limitée, importante, maximale";
        return new Item(number, risk.Label(),
        [
            new(reference + 1, "Quels pourraient être les principaux impacts sur les personnes concernées si le risque se produisait ?", impacts, AsList: true),
            new(reference + 2, "Quelles sont les principales menaces qui pourraient permettre la réalisation du risque ?", threats, AsList: true),
            new(reference + 3, "Quelles sources de risques pourraient-elles en être à l'origine ?", sources, AsList: true),
            new(reference + 4, "Quelles sont les mesures, parmi celles identifiées, qui contribuent à traiter le risque ?", treating, AsList: true),
            new(reference + 5, "Comment estimez-vous la gravité du risque, notamment en fonction des impacts potentiels et des mesures prévues ?", [$"{ToComplete} ({scale})"]),
            new(reference + 6, "Comment estimez-vous la vraisemblance du risque, notamment au regard des menaces, des sources de risques et des mesures prévues ?", [$"{ToComplete} ({scale})"]),
        ]);
    }

    private static Item Validation() => new("4", "Validation",
    [
        new(0, "Cartographie des risques et risques résiduels", [$"{ToComplete} : gravité et vraisemblance de chaque risque, avant et après les mesures complémentaires"]),
        new(0, "Plan d'action", [$"{ToComplete} : mesures complémentaires, responsables, échéances"]),
        new(0, "Avis du délégué à la protection des données", ["À compléter par le délégué à la protection des données"]),
        new(0, "Avis des personnes concernées ou de leurs représentants", [$"{ToComplete} : avis recherché (par exemple auprès de personnes accompagnées, d'associations d'usagers, des représentants du personnel) ou raison de ne pas l'avoir recherché"]),
        new(0, "Décision", [$"{ToComplete} : validation de l'analyse et mise en œuvre du traitement, date et signataire"]),
    ]);
}
