namespace Discret.Catalogue;

/// <summary>What Discret keeps about a member of staff, grouped as the charter and the register tell it.</summary>
public enum StaffDataCategory { IdentiteProfessionnelle, Coordonnees, Authentification, Habilitations, Absences, Sessions, TracesTechniques, Controles, Decisions }

/// <summary>How long a staff field is kept, as Discret does it (see each value).</summary>
public enum StaffRetention
{
    /// <summary>Accounts are deactivated, never deleted: the journal and the files go on naming who acted.</summary>
    DureeDuCompte,
    /// <summary>Contact and authentication data: while the account is active, then cleared a while after its deactivation
    /// (<c>SecuritySettings.DeactivatedAccountData</c>, <c>DeactivatedAccounts</c>).</summary>
    JusquALaDesactivation,
    /// <summary>The server session row, deleted when the session ends (sign-out, idle or absolute timeout).</summary>
    DureeDeLaSession,
    /// <summary>An API request's key and answer, deleted after 24 hours (<c>IdempotencySettings.Retention</c>).</summary>
    VingtQuatreHeures,
    /// <summary>The calendar feed's secret, deleted when the worker revokes or renews it.</summary>
    JusquALaRevocation,
    /// <summary>A spot check and its observations, deleted with the journal entries it judged (<c>JournalSettings.Retention</c>).</summary>
    DureeDuJournal,
    /// <summary>The author of a setting, a template, a batch or a run, kept with what they decided.</summary>
    AvecLObjet,
}

/// <summary>One declared field of staff data.</summary>
public sealed record StaffField(string Entity, string Property, string Label, StaffDataCategory Category, StaffRetention Retention);

/// <summary>
/// The second processing Discret carries out: the staff's accounts and the security of the system (GDPR art. 32). Every
/// column of every table is declared once — in <see cref="DataCatalogue"/> (the persons served), here (the staff), or in
/// <see cref="NotPersonal"/> with the reason it holds no personal data; a test walks the database model and fails on
/// any column left out. The journal's own fields (account, role, IP address) are declared with the traceability fields
/// of the persons' catalogue and named in this processing's register section.
/// </summary>
public static class StaffCatalogue
{
    public const string Purpose = "Gérer les comptes des professionnels et la sécurité du système : authentifier, habiliter selon le métier, tracer les accès, contrôler les accès inhabituels";

    public const string LegalBasis = "Obligation légale : sécurité du traitement (RGPD art. 5.1.f et 32) ; secret professionnel (CASF L.411-3)";

    private static StaffField S(string entity, string property, string label, StaffDataCategory category, StaffRetention retention = StaffRetention.DureeDuCompte) =>
        new(entity, property, label, category, retention);

    private const string Account = "StaffAccount", Request = "AccountRequest";
    private const StaffDataCategory Identite = StaffDataCategory.IdentiteProfessionnelle, Auth = StaffDataCategory.Authentification,
        Habilitation = StaffDataCategory.Habilitations, Decision = StaffDataCategory.Decisions;

    public static readonly IReadOnlyList<StaffField> Fields =
    [
        S(Account, "UserName", "Identifiant de connexion", Identite),
        S(Account, "NormalizedUserName", "Identifiant de connexion (forme de recherche)", Identite),
        S(Account, "DisplayName", "Prénom et nom", Identite),
        S(Account, "Role", "Métier (rôle)", Habilitation),
        S(Account, "CirconscriptionId", "Circonscription", Habilitation),
        S(Account, "IsActive", "Compte actif ou désactivé", Habilitation),
        S(Account, "CreatedAt", "Date de création du compte", Habilitation),
        S(Account, "DeactivatedAt", "Date de désactivation du compte", Habilitation),
        S(Account, "AccessConfirmedAt", "Date de confirmation du rôle et de la circonscription", Habilitation),
        S(Account, "CharterAcceptedAt", "Date d'acceptation de la charte de confidentialité", Habilitation),
        S(Account, "CharterVersion", "Version de la charte acceptée", Habilitation),
        S(Account, "Email", "Adresse électronique professionnelle", StaffDataCategory.Coordonnees, StaffRetention.JusquALaDesactivation),
        S(Account, "NormalizedEmail", "Adresse électronique professionnelle (forme de recherche)", StaffDataCategory.Coordonnees, StaffRetention.JusquALaDesactivation),
        S(Account, "EmailConfirmed", "Adresse électronique vérifiée ou non", StaffDataCategory.Coordonnees, StaffRetention.JusquALaDesactivation),
        S(Account, "PhoneNumber", "Téléphone professionnel", StaffDataCategory.Coordonnees, StaffRetention.JusquALaDesactivation),
        S(Account, "PhoneNumberConfirmed", "Téléphone vérifié ou non", StaffDataCategory.Coordonnees, StaffRetention.JusquALaDesactivation),
        S(Account, "PasswordHash", "Empreinte du mot de passe (jamais le mot de passe)", Auth, StaffRetention.JusquALaDesactivation),
        S(Account, "PasswordChangedAt", "Date du dernier changement de mot de passe", Auth),
        S(Account, "SecurityStamp", "Jeton qui invalide les sessions quand le compte change", Auth),
        S(Account, "TwoFactorEnabled", "Second facteur activé", Auth, StaffRetention.JusquALaDesactivation),
        S(Account, "TotpLastStep", "Dernier pas de temps du code à usage unique accepté (un code n'ouvre qu'une session)", Auth),
        S(Account, "LockoutEnabled", "Verrouillage après échecs activé", Auth),
        S(Account, "LockoutEnd", "Fin du verrouillage après des échecs de connexion", Auth, StaffRetention.JusquALaDesactivation),
        S(Account, "AccessFailedCount", "Nombre d'échecs de connexion récents", Auth, StaffRetention.JusquALaDesactivation),
        S(Account, "ActivationTokenHash", "Empreinte du lien d'activation à usage unique", Auth, StaffRetention.JusquALaDesactivation),
        S(Account, "ActivationExpiresAt", "Fin de validité du lien d'activation", Auth, StaffRetention.JusquALaDesactivation),
        S(Account, "ResetAt", "Date de la dernière réinitialisation du compte", Auth),
        S(Account, "AbsentFrom", "Début d'une absence (dates seulement, jamais le motif)", StaffDataCategory.Absences),
        S(Account, "AbsentUntil", "Fin d'une absence", StaffDataCategory.Absences),

        S("IdentityUserToken", "UserId", "Compte auquel appartient la clé du second facteur", Auth, StaffRetention.JusquALaDesactivation),
        S("IdentityUserToken", "LoginProvider", "Origine de la clé (application d'authentification)", Auth, StaffRetention.JusquALaDesactivation),
        S("IdentityUserToken", "Name", "Nature de la clé (clé du second facteur, codes de secours)", Auth, StaffRetention.JusquALaDesactivation),
        S("IdentityUserToken", "Value", "Clé du second facteur et empreintes des codes de secours", Auth, StaffRetention.JusquALaDesactivation),
        S("IdentityUserClaim", "UserId", "Compte auquel une propriété d'authentification est attachée (non utilisé)", Auth),
        S("IdentityUserClaim", "ClaimType", "Nature de la propriété d'authentification (non utilisé)", Auth),
        S("IdentityUserClaim", "ClaimValue", "Valeur de la propriété d'authentification (non utilisé)", Auth),
        S(Account, "ProConnectEmail", "Adresse électronique professionnelle liée à ProConnect par l'administrateur", Auth, StaffRetention.JusquALaDesactivation),
        S("IdentityUserPasskey", "UserId", "Compte auquel appartient une clé d'accès (passkey : identifiant et clé publique de la clé, nom donné par l'agent, dates de création et d'usage ; jamais de secret)", Auth, StaffRetention.JusquALaDesactivation),
        S("IdentityUserLogin", "UserId", "Compte lié à une identité ProConnect", Auth, StaffRetention.JusquALaDesactivation),
        S("IdentityUserLogin", "LoginProvider", "Fournisseur d'identité externe (ProConnect)", Auth, StaffRetention.JusquALaDesactivation),
        S("IdentityUserLogin", "ProviderKey", "Identifiant de l'agent chez ProConnect (sub, propre à Discret)", Auth, StaffRetention.JusquALaDesactivation),
        S("IdentityUserLogin", "ProviderDisplayName", "Nom du fournisseur externe", Auth, StaffRetention.JusquALaDesactivation),

        S(Request, "AccountId", "Compte concerné par une création, une réinitialisation, un changement de rôle ou une réactivation", Habilitation),
        S(Request, "Kind", "Nature de la demande sur le compte", Habilitation),
        S(Request, "Role", "Rôle demandé", Habilitation),
        S(Request, "CirconscriptionId", "Circonscription demandée", Habilitation),
        S(Request, "PreviousRole", "Rôle précédent", Habilitation),
        S(Request, "PreviousCirconscriptionId", "Circonscription précédente", Habilitation),
        S(Request, "RequestedAt", "Date de la demande", Habilitation),
        S(Request, "RequestedById", "Administrateur technique qui a fait la demande", Habilitation),
        S(Request, "DecidedAt", "Date de la décision", Habilitation),
        S(Request, "DecidedById", "Responsable de circonscription ou DPO qui a confirmé ou refusé", Habilitation),
        S(Request, "Outcome", "Décision (confirmée, refusée, annulée)", Habilitation),

        S("ServerSession", "AccountId", "Compte d'une session ouverte", StaffDataCategory.Sessions, StaffRetention.DureeDeLaSession),
        S("ServerSession", "StartedAt", "Début de la session", StaffDataCategory.Sessions, StaffRetention.DureeDeLaSession),
        S("ServerSession", "EndsAt", "Fin prévue de la session", StaffDataCategory.Sessions, StaffRetention.DureeDeLaSession),

        S("CalendarFeed", "AccountId", "Professionnel abonné à son agenda", StaffDataCategory.Sessions, StaffRetention.JusquALaRevocation),
        S("CalendarFeed", "SecretHash", "Empreinte de l'adresse secrète de l'agenda", StaffDataCategory.Sessions, StaffRetention.JusquALaRevocation),
        S("CalendarFeed", "CreatedAt", "Date de création de l'abonnement", StaffDataCategory.Sessions, StaffRetention.JusquALaRevocation),

        S("IdempotentRequest", "AccountId", "Compte qui a envoyé une requête d'API rejouable", StaffDataCategory.TracesTechniques, StaffRetention.VingtQuatreHeures),
        S("IdempotentRequest", "KeyHash", "Empreinte de la clé d'idempotence", StaffDataCategory.TracesTechniques, StaffRetention.VingtQuatreHeures),
        S("IdempotentRequest", "Fingerprint", "Empreinte de la requête", StaffDataCategory.TracesTechniques, StaffRetention.VingtQuatreHeures),
        S("IdempotentRequest", "CreatedAt", "Date de la requête", StaffDataCategory.TracesTechniques, StaffRetention.VingtQuatreHeures),
        S("IdempotentRequest", "CompletedAt", "Date de la réponse", StaffDataCategory.TracesTechniques, StaffRetention.VingtQuatreHeures),
        S("IdempotentRequest", "StatusCode", "Code de la réponse", StaffDataCategory.TracesTechniques, StaffRetention.VingtQuatreHeures),
        S("IdempotentRequest", "ContentType", "Type de la réponse", StaffDataCategory.TracesTechniques, StaffRetention.VingtQuatreHeures),
        S("IdempotentRequest", "Location", "Adresse de l'objet créé", StaffDataCategory.TracesTechniques, StaffRetention.VingtQuatreHeures),
        S("IdempotentRequest", "ProtectedBody", "Réponse chiffrée, rejouée si la même requête revient (elle peut contenir des données d'un dossier)", StaffDataCategory.TracesTechniques, StaffRetention.VingtQuatreHeures),

        S("SpotCheck", "DrawnAt", "Date d'un contrôle inopiné du journal", StaffDataCategory.Controles, StaffRetention.DureeDuJournal),
        S("SpotCheck", "DrawnBy", "DPO qui a tiré le contrôle", StaffDataCategory.Controles, StaffRetention.DureeDuJournal),
        S("SpotCheckItem", "SpotCheckId", "Contrôle auquel appartient l'entrée examinée", StaffDataCategory.Controles, StaffRetention.DureeDuJournal),
        S("SpotCheckItem", "JournalSeq", "Entrée du journal examinée (donc le professionnel qui a agi)", StaffDataCategory.Controles, StaffRetention.DureeDuJournal),
        S("SpotCheckItem", "Verdict", "Appréciation du DPO (justifié, à examiner)", StaffDataCategory.Controles, StaffRetention.DureeDuJournal),
        S("SpotCheckItem", "Observation", "Observation écrite du DPO sur l'accès examiné", StaffDataCategory.Controles, StaffRetention.DureeDuJournal),
        S("SpotCheckItem", "DecidedAt", "Date de l'appréciation", StaffDataCategory.Controles, StaffRetention.DureeDuJournal),

        S("RetentionSetting", "SetById", "DPO qui a fixé une durée de conservation", Decision, StaffRetention.AvecLObjet),
        S("RetentionSetting", "SetAt", "Date du réglage", Decision, StaffRetention.AvecLObjet),
        S("RetentionSetting", "Reason", "Motif écrit du réglage", Decision, StaffRetention.AvecLObjet),
        S("RetentionSetting", "ArchiveJustification", "Justification écrite de l'archive intermédiaire", Decision, StaffRetention.AvecLObjet),
        S("LetterTemplate", "SavedById", "Professionnel qui a enregistré une version d'un modèle de courrier", Decision, StaffRetention.AvecLObjet),
        S("LetterTemplate", "SavedAt", "Date de la version du modèle", Decision, StaffRetention.AvecLObjet),
        S("NoticeTranslation", "TranslatedById", "Professionnel qui a enregistré la traduction d'une phrase de la notice", Decision, StaffRetention.AvecLObjet),
        S("NoticeTranslation", "TranslatedAt", "Date de la traduction", Decision, StaffRetention.AvecLObjet),
        S("EliminationBatch", "SubmittedById", "DPO qui a soumis un bordereau d'élimination", Decision, StaffRetention.AvecLObjet),
        S("EliminationBatch", "VisaRecordedById", "DPO qui a enregistré le visa des archives", Decision, StaffRetention.AvecLObjet),
        S("RetentionRun", "StartedById", "DPO qui a lancé une passe de conservation à la main", Decision, StaffRetention.AvecLObjet),
        S("DepartementSettings", "DpoContact", "Coordonnées du délégué à la protection des données (publiées dans la notice)", StaffDataCategory.Coordonnees, StaffRetention.AvecLObjet),
    ];

    /// <summary>The tables holding no personal data, and why; a table named here declares all its columns at once.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotPersonal = new Dictionary<string, string>
    {
        ["Circonscription"] = "Territoires du service (nom)",
        ["Room"] = "Salles de réception (nom, circonscription)",
        ["PublishedDocument"] = "Versions publiées de la notice, du registre et de l'analyse d'impact",
        ["JournalHead"] = "Tête de la chaîne du journal (numéro et empreinte)",
        ["JournalVerification"] = "Résultats des vérifications du journal (comptes d'entrées, empreintes)",
        ["JobLease"] = "Bail des tâches de fond et leur dernière exécution (nom de la machine et du processus, dates, issue)",
        ["StatisticCell"] = "Comptages anonymes conservés après l'élimination des dossiers",
        ["StatFigure"] = "Statistiques anonymes (nombres par territoire et période, masqués quand ils sont petits)",
        ["StatYear"] = "État des statistiques d'une année",
        ["DataProtectionKey"] = "Clés de chiffrement des cookies (chiffrées)",
    };

    /// <summary>The columns of a table that also holds staff data which are no personal data themselves.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotPersonalColumns = new Dictionary<string, string>
    {
        ["RetentionSetting.ActiveDays"] = "Durée en base active",
        ["NoticeTranslation.Language"] = "Langue", ["NoticeTranslation.SourceHash"] = "Empreinte de la phrase française", ["NoticeTranslation.Source"] = "Phrase française de la notice",
        ["NoticeTranslation.Text"] = "Sa traduction (texte de la notice, aucune donnée de personne)",
        ["RetentionSetting.ArchiveDays"] = "Durée en archive intermédiaire",
        ["LetterTemplate.Kind"] = "Nature du modèle", ["LetterTemplate.Title"] = "Titre du modèle", ["LetterTemplate.Body"] = "Texte du modèle (champs de fusion, aucune donnée de personne)", ["LetterTemplate.Version"] = "Numéro de version",
        ["EliminationBatch.Number"] = "Numéro du bordereau", ["EliminationBatch.Status"] = "État du bordereau", ["EliminationBatch.CreatedAt"] = "Date de création",
        ["EliminationBatch.AggregatedAt"] = "Date des comptages", ["EliminationBatch.SubmittedAt"] = "Date de soumission", ["EliminationBatch.VisaDate"] = "Date du visa",
        ["EliminationBatch.VisaReference"] = "Référence du visa", ["EliminationBatch.ExportedAt"] = "Date de l'export pour versement", ["EliminationBatch.ExecutedAt"] = "Date de la destruction",
        ["EliminationBatch.ListJson"] = "Comptages par catégorie, circonscription et année, jamais un nom",
        ["RetentionRun.StartedAt"] = "Début de la passe", ["RetentionRun.FinishedAt"] = "Fin de la passe", ["RetentionRun.Outcome"] = "Résultat", ["RetentionRun.Simulation"] = "Simulation ou non",
        ["RetentionRun.Step"] = "Étape en cours", ["RetentionRun.Trigger"] = "Déclenchement (nuit, à la main)", ["RetentionRun.PlannedJson"] = "Comptages prévus", ["RetentionRun.DoneJson"] = "Comptages faits",
        ["DepartementSettings.Name"] = "Nom du département", ["DepartementSettings.ControllerName"] = "Nom du responsable du traitement (la collectivité)",
        ["DepartementSettings.PostalAddress"] = "Adresse de la collectivité", ["DepartementSettings.PrimaryColor"] = "Couleur de l'interface", ["DepartementSettings.Logo"] = "Logo",
        ["DepartementSettings.LogoContentType"] = "Type du logo", ["DepartementSettings.AccessibilityStatus"] = "État de conformité RGAA déclaré",
        ["DepartementSettings.StatisticsThreshold"] = "Seuil de masquage des statistiques",
        ["DepartementSettings.OfferedProcedureDomains"] = "Domaines de démarches en ligne proposés dans les mandats",
    };

    /// <summary>One category of staff data: its fields and how long they are kept, said once for the charter and the register.</summary>
    public sealed record Category(StaffDataCategory Kind, IReadOnlyList<StaffField> Fields, string Retention);

    /// <param name="journal">The journal's retention in force (<c>JournalSettings.Retention</c>).</param>
    /// <param name="afterDeactivation">How long contact and authentication data outlive a deactivation (<c>SecuritySettings.DeactivatedAccountData</c>).</param>
    public static IReadOnlyList<Category> ByCategory(TimeSpan journal, TimeSpan afterDeactivation) =>
        Fields.GroupBy(f => f.Category).OrderBy(g => g.Key)
            .Select(g => new Category(g.Key, g.ToList(),
                string.Join(" ; ", g.Select(f => f.Retention).Distinct().Select(r => r.Describe(journal, afterDeactivation)))))
            .ToList();

    public static string Label(this StaffDataCategory c) => c switch
    {
        StaffDataCategory.IdentiteProfessionnelle => "Identité professionnelle",
        StaffDataCategory.Coordonnees => "Coordonnées professionnelles",
        StaffDataCategory.Authentification => "Authentification (mot de passe, second facteur, verrouillage)",
        StaffDataCategory.Habilitations => "Habilitations (métier, circonscription, confirmations, charte)",
        StaffDataCategory.Absences => "Absences (dates seulement)",
        StaffDataCategory.Sessions => "Sessions et abonnement à l'agenda",
        StaffDataCategory.TracesTechniques => "Traces techniques des requêtes d'API",
        StaffDataCategory.Controles => "Contrôles du journal par le DPO",
        StaffDataCategory.Decisions => "Auteurs des réglages et des décisions de conservation",
        _ => Domain.Input.ClosedList.Unknown(c),
    };

    /// <param name="journal">The journal's retention in force (<c>JournalSettings.Retention</c>).</param>
    /// <param name="afterDeactivation">How long contact and authentication data outlive a deactivation (<c>SecuritySettings.DeactivatedAccountData</c>).</param>
    public static string Describe(this StaffRetention r, TimeSpan journal, TimeSpan afterDeactivation) => r switch
    {
        StaffRetention.JusquALaDesactivation => $"tant que le compte est actif, puis effacé {RetentionLabels.Duration(afterDeactivation)} après sa désactivation",
        StaffRetention.DureeDuCompte => "tant que le compte existe : un compte est désactivé, jamais supprimé, pour que le journal et les dossiers continuent de nommer qui a agi",
        StaffRetention.DureeDeLaSession => "le temps de la session, supprimé à sa fin",
        StaffRetention.VingtQuatreHeures => "24 heures",
        StaffRetention.JusquALaRevocation => "jusqu'à ce que le professionnel révoque ou renouvelle l'abonnement",
        StaffRetention.DureeDuJournal => $"{RetentionLabels.Duration(journal)}, comme les entrées du journal contrôlées, supprimé avec elles",
        StaffRetention.AvecLObjet => "avec le réglage, le modèle, le bordereau ou la passe qu'il a décidé, pour savoir qui l'a décidé",
        _ => Domain.Input.ClosedList.Unknown(r),
    };
}
