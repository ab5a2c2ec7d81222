using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Letters;
using Discret.Domain.Mandates;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Domain.Tasks;

namespace Discret.Catalogue;

/// <summary>How far a role's grant on a field group reaches.</summary>
public enum Scope
{
    /// <summary>Persons of the account's own circonscription.</summary>
    Circonscription,
    /// <summary>Persons with an open follow-up on which the account is the referent or a co-worker.</summary>
    Assigned,
}

/// <summary>Which roles read and write a field group, and how far.</summary>
public sealed record GroupGrant(FieldGroup Group, IReadOnlyDictionary<StaffRole, Scope> Read, IReadOnlyDictionary<StaffRole, Scope> Write);

/// <summary>
/// One declared field of personal data. <see cref="FreeText"/> marks the fields where a worker types free text: each
/// goes through the sobriety guard (<see cref="Guard.TextGuard"/>), and a test checks that each refuses a NIR.
/// </summary>
public sealed record CatalogueField(
    string Entity, string Property, string Label, DataCategory Category, IReadOnlyList<Purpose> Purposes, LegalBasis Basis,
    Sensitivity Sensitivity, DataSource ExpectedSource, FieldGroup Group, RetentionRule Retention, bool InNotice, bool FreeText = false);

/// <summary>
/// The data catalogue: every field of personal data Discret stores about the persons it serves, declared once.
/// Access control, forms, the API, and later the register, the information notice and the retention job read it.
/// A test fails when an entity holding personal data maps a property this list does not declare, or the reverse.
/// </summary>
public static class DataCatalogue
{
    private static readonly Purpose[] Accompagnement = [Purpose.AccompagnementSocial];
    private static readonly Purpose[] Tout = [Purpose.AccompagnementSocial, Purpose.AccesAuxDroits, Purpose.OrganisationDuService];
    private static readonly Purpose[] Organisation = [Purpose.OrganisationDuService, Purpose.AccompagnementSocial];

    private static Dictionary<StaffRole, Scope> Grant(params (StaffRole Role, Scope Scope)[] grants) => grants.ToDictionary(g => g.Role, g => g.Scope);

    private const StaffRole Accueil = StaffRole.Accueil, Secretariat = StaffRole.Secretariat, Ts = StaffRole.TravailleurSocial, Rc = StaffRole.ResponsableCirconscription;
    private const Scope Circ = Scope.Circonscription, Assigned = Scope.Assigned;

    public static readonly IReadOnlyList<GroupGrant> Grants =
    [
        new(FieldGroup.Identite,
            Read: Grant((Accueil, Circ), (Secretariat, Circ), (Rc, Circ), (Ts, Assigned)),
            Write: Grant((Accueil, Circ), (Secretariat, Circ), (Ts, Assigned))),
        new(FieldGroup.Coordonnees,
            Read: Grant((Accueil, Circ), (Secretariat, Circ), (Ts, Assigned), (Rc, Assigned)),
            Write: Grant((Accueil, Circ), (Secretariat, Circ), (Ts, Assigned))),
        new(FieldGroup.Equipe,
            Read: Grant((Accueil, Circ), (Secretariat, Circ), (Rc, Circ), (Ts, Assigned)),
            Write: Grant((Rc, Circ))),
        // The agenda (issue 16): reception and secretariat book and mark arrivals for their circonscription, the social
        // worker on the files she follows; the head of circonscription reads the circonscription's agenda. No motive is in it.
        new(FieldGroup.RendezVous,
            Read: Grant((Accueil, Circ), (Secretariat, Circ), (Ts, Assigned), (Rc, Circ)),
            Write: Grant((Accueil, Circ), (Secretariat, Circ), (Ts, Assigned))),
        new(FieldGroup.Menage,
            Read: Grant((Ts, Assigned), (Rc, Assigned)),
            Write: Grant((Ts, Assigned), (Rc, Assigned))),
        new(FieldGroup.Accompagnement,
            Read: Grant((Ts, Assigned), (Rc, Assigned)),
            Write: Grant((Ts, Assigned), (Rc, Assigned))),
        new(FieldGroup.Entretiens,
            Read: Grant((Ts, Assigned), (Rc, Assigned)),
            Write: Grant((Ts, Assigned), (Rc, Assigned))),
        // Working notes are reached by no grant at all: their one rule is "author == current account" (WorkingNotes).
        new(FieldGroup.NotesPersonnelles, Read: Grant(), Write: Grant()),
        // The journal is read by no one through a person's file: the DPO reads it through the console (Policies.Journal),
        // and the person through the right-of-access export.
        new(FieldGroup.Tracabilite, Read: Grant(), Write: Grant()),
        // Reception hands the notice over and records it; the head of circonscription sees that the person was informed.
        new(FieldGroup.Information,
            Read: Grant((Accueil, Circ), (Secretariat, Circ), (Rc, Circ), (Ts, Assigned)),
            Write: Grant((Accueil, Circ), (Secretariat, Circ), (Ts, Assigned))),
        new(FieldGroup.Partages,
            Read: Grant((Ts, Assigned), (Rc, Assigned)),
            Write: Grant((Ts, Assigned))),
        // Requests are registered by whoever receives them; the head of circonscription decides oppositions.
        // The DPO keeps the whole register through its own pages (Policies.Rights), never through the file.
        new(FieldGroup.Droits,
            Read: Grant((Accueil, Circ), (Secretariat, Circ), (Rc, Circ), (Ts, Assigned)),
            Write: Grant((Accueil, Circ), (Secretariat, Circ), (Rc, Circ), (Ts, Assigned))),
        // The retention state of a file: a legal hold is shown to those who follow the person; the DPO sets holds and
        // consults the archive through its own pages (Policies.Retention), never through the file.
        new(FieldGroup.Conservation,
            Read: Grant((Rc, Circ), (Ts, Assigned)),
            Write: Grant()),
        // Tasks are reached by no grant: their one rule is « author, assignee (or the secretariat it is assigned to), or
        // the follow-up's team when the author chose it », and the file must be reachable (Features/Taches/TaskAccess).
        new(FieldGroup.Taches, Read: Grant(), Write: Grant()),
        // Online procedures (issue 19): the follow-up's team. Reception sees only that a mandate exists and records a
        // revocation when the person comes in (Features/Mandats/MandateAccess), never its content.
        new(FieldGroup.DemarchesEnLigne,
            Read: Grant((Ts, Assigned), (Rc, Assigned)),
            Write: Grant((Ts, Assigned))),
    ];

    private static CatalogueField F(string entity, string property, string label, DataCategory category, FieldGroup group,
        RetentionRule retention, Purpose[]? purposes = null, DataSource source = DataSource.Personne, bool inNotice = true, bool freeText = false) =>
        new(entity, property, label, category, purposes ?? Tout, LegalBasis.MissionInteretPublic, Sensitivity.Ordinaire, source, group, retention, inNotice, freeText);

    private static readonly RetentionRule Contact = RetentionRule.DeuxAnsApresDernierContact;
    private static readonly RetentionRule Cloture = RetentionRule.DeuxAnsApresCloture;
    private static readonly RetentionRule Note = RetentionRule.NoteDeTravail;

    private static IEnumerable<CatalogueField> ProvenanceOf(string entity, FieldGroup group, DataCategory category, RetentionRule retention) =>
    [
        F(entity, "Provenance.Source", "Provenance de l'information (la personne, un professionnel, un partenaire, un tiers)", category, group, retention, source: DataSource.Professionnel),
        F(entity, "Provenance.PartnerName", "Nom du partenaire qui a transmis l'information", category, group, retention, source: DataSource.Partenaire, freeText: true),
        F(entity, "Provenance.ThirdParty", "Catégorie du tiers qui a signalé l'information (jamais son nom)", category, group, retention, source: DataSource.Tiers),
    ];

    private static readonly Purpose[] Securite = [Purpose.SecuriteDesAcces];
    private static readonly RetentionRule Journal = RetentionRule.JournalDesAcces;

    private static CatalogueField T(string entity, string property, string label, bool inNotice = true, bool freeText = false) =>
        new(entity, property, label, DataCategory.Tracabilite, Securite, LegalBasis.ObligationLegale, Sensitivity.Ordinaire,
            DataSource.Professionnel, FieldGroup.Tracabilite, Journal, inNotice, freeText);

    /// <summary>Traceability (issue 5): the journal, break-glass accesses and notifications. Their legal basis is the
    /// controller's duty of security (GDPR art. 5.1.f and 32).</summary>
    public static readonly IReadOnlyList<CatalogueField> TraceabilityFields =
    [
        T(nameof(JournalEntry), nameof(JournalEntry.At), "Date et heure de la consultation ou de la modification"),
        T(nameof(JournalEntry), nameof(JournalEntry.AccountId), "Compte du professionnel qui a agi"),
        T(nameof(JournalEntry), nameof(JournalEntry.Role), "Profession (rôle) du professionnel qui a agi"),
        T(nameof(JournalEntry), nameof(JournalEntry.PersonId), "Dossier concerné (identifiant opaque, jamais le nom)"),
        T(nameof(JournalEntry), nameof(JournalEntry.Action), "Action (lecture, modification, recherche, export, connexion…)"),
        T(nameof(JournalEntry), nameof(JournalEntry.Detail), "Parties du dossier lues ou modifiées, ou nombre de résultats (jamais leur contenu)"),
        T(nameof(JournalEntry), nameof(JournalEntry.Purpose), "Motif de l'accès lorsqu'il y en a un (liste fermée)"),
        T(nameof(JournalEntry), nameof(JournalEntry.Reference), "Référence de l'objet de l'action (accès exceptionnel, compte, contrôle)", inNotice: false),
        T(nameof(JournalEntry), nameof(JournalEntry.Address), "Adresse IP du poste"),
        T(nameof(JournalEntry), nameof(JournalEntry.PreviousHash), "Empreinte de l'entrée précédente (chaînage contre la falsification)", inNotice: false),
        T(nameof(JournalEntry), nameof(JournalEntry.Hash), "Empreinte de l'entrée (chaînage contre la falsification)", inNotice: false),

        T(nameof(BreakGlassAccess), nameof(BreakGlassAccess.AccountId), "Professionnel qui a ouvert un accès exceptionnel"),
        T(nameof(BreakGlassAccess), nameof(BreakGlassAccess.PersonId), "Dossier ouvert par accès exceptionnel"),
        T(nameof(BreakGlassAccess), nameof(BreakGlassAccess.Reason), "Motif de l'accès exceptionnel (liste fermée)"),
        T(nameof(BreakGlassAccess), nameof(BreakGlassAccess.Justification), "Justification écrite de l'accès exceptionnel (500 caractères au plus)", freeText: true),
        T(nameof(BreakGlassAccess), nameof(BreakGlassAccess.StartedAt), "Début de l'accès exceptionnel"),
        T(nameof(BreakGlassAccess), nameof(BreakGlassAccess.ExpiresAt), "Fin de l'accès exceptionnel"),

        T(nameof(Notification), nameof(Notification.RecipientId), "Professionnel averti", inNotice: false),
        T(nameof(Notification), nameof(Notification.Kind), "Objet de l'avertissement (accès exceptionnel, seuil dépassé, compte à confirmer ou réinitialisé)", inNotice: false),
        T(nameof(Notification), nameof(Notification.CreatedAt), "Date de l'avertissement", inNotice: false),
        T(nameof(Notification), nameof(Notification.ActorId), "Professionnel qui a agi", inNotice: false),
        T(nameof(Notification), nameof(Notification.PersonId), "Dossier concerné (identifiant opaque)", inNotice: false),
        T(nameof(Notification), nameof(Notification.BreakGlassAccessId), "Accès exceptionnel concerné", inNotice: false),
        T(nameof(Notification), nameof(Notification.AccountRequestId), "Demande sur un compte de professionnel concernée (création, réinitialisation, changement de rôle)", inNotice: false),
        T(nameof(Notification), nameof(Notification.ReadAt), "Date de lecture de l'avertissement", inNotice: false),
    ];

    private static readonly Purpose[] Droits = [Purpose.DroitsDesPersonnes];

    private static CatalogueField R(string entity, string property, string label, DataCategory category, FieldGroup group,
        RetentionRule? retention = null, bool inNotice = true, bool freeText = false, DataSource source = DataSource.Professionnel) =>
        new(entity, property, label, category, Droits, LegalBasis.ObligationLegale, Sensitivity.Ordinaire, source, group,
            retention ?? RetentionRule.DeuxAnsApresDernierContact, inNotice, freeText);

    /// <summary>The person's voice (issue 7): information given, facts reported by others brought to the person's
    /// knowledge, consents to sharing and the sharings done, rights requests. Legal basis: the controller's duties
    /// towards the person (GDPR art. 12 to 21; CSP L.1110-4 for the consent to share).</summary>
    public static readonly IReadOnlyList<CatalogueField> VoiceFields =
    [
        R(nameof(Person), nameof(Person.PaperOnlySince), "Date du refus de l'informatisation (suivi sur dossier papier)", DataCategory.InformationEtDroits, FieldGroup.Identite, source: DataSource.Personne),
        // Shown with the identity: whoever reads the file must see that it may be consulted only.
        R(nameof(Person), nameof(Person.RestrictedSince), "Date depuis laquelle le traitement du dossier est limité à la demande de la personne (RGPD art. 18)", DataCategory.InformationEtDroits, FieldGroup.Identite, source: DataSource.Personne),
        R(nameof(Person), nameof(Person.RestrictionRequestId), "Demande de limitation sur laquelle le traitement a été limité", DataCategory.InformationEtDroits, FieldGroup.Droits, source: DataSource.Personne),

        R(nameof(InformationRecord), nameof(InformationRecord.PersonId), "Personne informée", DataCategory.InformationEtDroits, FieldGroup.Information),
        R(nameof(InformationRecord), nameof(InformationRecord.NoticeVersion), "Version de la notice d'information remise", DataCategory.InformationEtDroits, FieldGroup.Information),
        R(nameof(InformationRecord), nameof(InformationRecord.Method), "Manière d'informer (remise en main propre, oralement, affichage)", DataCategory.InformationEtDroits, FieldGroup.Information),
        R(nameof(InformationRecord), nameof(InformationRecord.InformedOn), "Date de l'information", DataCategory.InformationEtDroits, FieldGroup.Information),
        R(nameof(InformationRecord), nameof(InformationRecord.RecordedById), "Professionnel qui a informé la personne", DataCategory.InformationEtDroits, FieldGroup.Information),
        R(nameof(InformationRecord), nameof(InformationRecord.RecordedAt), "Date de saisie de l'information", DataCategory.InformationEtDroits, FieldGroup.Information, inNotice: false),

        R(nameof(FactDisclosure), nameof(FactDisclosure.PersonId), "Personne informée d'une information venant d'un tiers", DataCategory.InformationEtDroits, FieldGroup.Information),
        R(nameof(FactDisclosure), nameof(FactDisclosure.Kind), "Partie du dossier où figure l'information venant d'un tiers", DataCategory.InformationEtDroits, FieldGroup.Information),
        R(nameof(FactDisclosure), nameof(FactDisclosure.FactId), "Information venant d'un tiers portée à la connaissance de la personne", DataCategory.InformationEtDroits, FieldGroup.Information, inNotice: false),
        R(nameof(FactDisclosure), nameof(FactDisclosure.InformedOn), "Date à laquelle la personne en a été informée", DataCategory.InformationEtDroits, FieldGroup.Information),
        R(nameof(FactDisclosure), nameof(FactDisclosure.Method), "Manière dont la personne en a été informée", DataCategory.InformationEtDroits, FieldGroup.Information),
        R(nameof(FactDisclosure), nameof(FactDisclosure.RecordedById), "Professionnel qui l'a portée à sa connaissance", DataCategory.InformationEtDroits, FieldGroup.Information),
        R(nameof(FactDisclosure), nameof(FactDisclosure.RecordedAt), "Date de saisie", DataCategory.InformationEtDroits, FieldGroup.Information, inNotice: false),

        R(nameof(SharingConsent), nameof(SharingConsent.PersonId), "Personne qui donne son accord à un partage", DataCategory.Partages, FieldGroup.Partages, source: DataSource.Personne),
        R(nameof(SharingConsent), nameof(SharingConsent.Partner), "Type de partenaire destinataire (CAF, CCAS, bailleur…)", DataCategory.Partages, FieldGroup.Partages, source: DataSource.Personne),
        R(nameof(SharingConsent), nameof(SharingConsent.PartnerName), "Nom de l'organisme partenaire (jamais celui d'une personne)", DataCategory.Partages, FieldGroup.Partages, source: DataSource.Personne, freeText: true),
        R(nameof(SharingConsent), nameof(SharingConsent.Purpose), "Objet du partage (liste fermée)", DataCategory.Partages, FieldGroup.Partages, source: DataSource.Personne),
        R(nameof(SharingConsent), nameof(SharingConsent.Categories), "Catégories de données que la personne accepte de partager", DataCategory.Partages, FieldGroup.Partages, source: DataSource.Personne),
        R(nameof(SharingConsent), nameof(SharingConsent.Form), "Forme de l'accord (écrit, oral)", DataCategory.Partages, FieldGroup.Partages, source: DataSource.Personne),
        R(nameof(SharingConsent), nameof(SharingConsent.GivenOn), "Date de l'accord", DataCategory.Partages, FieldGroup.Partages, source: DataSource.Personne),
        R(nameof(SharingConsent), nameof(SharingConsent.ValidUntil), "Fin de validité de l'accord (12 mois au plus)", DataCategory.Partages, FieldGroup.Partages, source: DataSource.Personne),
        R(nameof(SharingConsent), nameof(SharingConsent.RecordedById), "Professionnel qui a recueilli l'accord", DataCategory.Partages, FieldGroup.Partages),
        R(nameof(SharingConsent), nameof(SharingConsent.RecordedAt), "Date de saisie de l'accord", DataCategory.Partages, FieldGroup.Partages, inNotice: false),
        R(nameof(SharingConsent), nameof(SharingConsent.WithdrawnOn), "Date du retrait de l'accord", DataCategory.Partages, FieldGroup.Partages, source: DataSource.Personne),
        R(nameof(SharingConsent), nameof(SharingConsent.WithdrawnById), "Professionnel qui a enregistré le retrait", DataCategory.Partages, FieldGroup.Partages, inNotice: false),

        R(nameof(Sharing), nameof(Sharing.ConsentId), "Accord sous lequel un partage a été fait", DataCategory.Partages, FieldGroup.Partages),
        R(nameof(Sharing), nameof(Sharing.PersonId), "Personne dont des informations ont été partagées", DataCategory.Partages, FieldGroup.Partages),
        R(nameof(Sharing), nameof(Sharing.Categories), "Catégories de données partagées", DataCategory.Partages, FieldGroup.Partages),
        R(nameof(Sharing), nameof(Sharing.SharedById), "Professionnel qui a partagé", DataCategory.Partages, FieldGroup.Partages),
        R(nameof(Sharing), nameof(Sharing.SharedAt), "Date du partage", DataCategory.Partages, FieldGroup.Partages),

        .. RequestFields(),
        .. RetentionFields(),
    ];

    /// <summary>The retention state (issue 8): the clock of the file, its archiving, the batch that lists it for
    /// elimination, and legal holds. Legal basis: the controller's duty to keep data no longer than needed (GDPR art. 5.1.e).</summary>
    private static IEnumerable<CatalogueField> RetentionFields()
    {
        var contact = RetentionRule.DeuxAnsApresDernierContact;
        CatalogueField C(string entity, string property, string label, bool inNotice = false, bool freeText = false) =>
            R(entity, property, label, DataCategory.InformationEtDroits, FieldGroup.Conservation, contact, inNotice, freeText);
        return
        [
            C(nameof(Person), nameof(Person.LastContactOn), "Date du dernier contact avec la personne (point de départ de la durée de conservation)", inNotice: true),
            C(nameof(Person), nameof(Person.ArchivedOn), "Date du passage du dossier en archive intermédiaire", inNotice: true),
            C(nameof(Person), nameof(Person.EliminationBatchId), "Bordereau d'élimination qui prévoit la destruction du dossier"),
            C(nameof(FollowUp), nameof(FollowUp.EliminationBatchId), "Bordereau d'élimination qui prévoit la destruction de l'accompagnement clos"),
            R(nameof(RightsRequest), nameof(RightsRequest.EliminationBatchId), "Bordereau d'élimination qui prévoit la destruction de la demande", DataCategory.InformationEtDroits,
                FieldGroup.Droits, RetentionRule.DemandeDeDroits, inNotice: false),
            C(nameof(Domain.Retention.LegalHold), nameof(Domain.Retention.LegalHold.PersonId), "Personne dont la suppression des données est gelée", inNotice: true),
            C(nameof(Domain.Retention.LegalHold), nameof(Domain.Retention.LegalHold.Reason), "Motif du gel (contentieux, recours, demande de la personne, réquisition)", inNotice: true),
            C(nameof(Domain.Retention.LegalHold), nameof(Domain.Retention.LegalHold.Details), "Référence de l'affaire (500 caractères au plus)", freeText: true),
            C(nameof(Domain.Retention.LegalHold), nameof(Domain.Retention.LegalHold.From), "Début du gel", inNotice: true),
            C(nameof(Domain.Retention.LegalHold), nameof(Domain.Retention.LegalHold.Until), "Fin du gel", inNotice: true),
            C(nameof(Domain.Retention.LegalHold), nameof(Domain.Retention.LegalHold.SetById), "Délégué à la protection des données qui a gelé la suppression"),
            C(nameof(Domain.Retention.LegalHold), nameof(Domain.Retention.LegalHold.SetAt), "Date de saisie du gel"),
            C(nameof(Domain.Retention.LegalHold), nameof(Domain.Retention.LegalHold.LiftedOn), "Date de levée anticipée du gel"),
            C(nameof(Domain.Retention.LegalHold), nameof(Domain.Retention.LegalHold.LiftedById), "Professionnel qui a levé le gel"),
        ];
    }

    private static IEnumerable<CatalogueField> RequestFields()
    {
        var rule = RetentionRule.DemandeDeDroits;
        CatalogueField Q(string property, string label, bool inNotice = true, bool freeText = false, DataSource source = DataSource.Professionnel) =>
            R(nameof(RightsRequest), property, label, DataCategory.InformationEtDroits, FieldGroup.Droits, rule, inNotice, freeText, source);
        return
        [
            Q(nameof(RightsRequest.PersonId), "Personne qui exerce un droit", source: DataSource.Personne),
            Q(nameof(RightsRequest.CirconscriptionId), "Circonscription qui traite la demande"),
            Q(nameof(RightsRequest.Kind), "Droit exercé (accès, rectification, effacement, limitation, opposition, portabilité)", source: DataSource.Personne),
            Q(nameof(RightsRequest.Channel), "Moyen par lequel la demande est arrivée", source: DataSource.Personne),
            Q(nameof(RightsRequest.IdentityCheck), "Manière dont l'identité du demandeur a été vérifiée"),
            Q(nameof(RightsRequest.ReceivedOn), "Date de réception de la demande"),
            Q(nameof(RightsRequest.Details), "Objet précis de la demande (1 000 caractères au plus)", freeText: true, source: DataSource.Personne),
            Q(nameof(RightsRequest.DueOn), "Date limite de réponse (un mois, prolongeable de deux mois)"),
            Q(nameof(RightsRequest.ExtensionReason), "Motif de la prolongation du délai", freeText: true),
            Q(nameof(RightsRequest.PersonToldOfExtensionOn), "Date à laquelle la personne a été prévenue de la prolongation"),
            Q(nameof(RightsRequest.Status), "État de la demande (en cours, traitée, refusée)"),
            Q(nameof(RightsRequest.Answer), "Réponse donnée, ou motif du refus", freeText: true),
            Q(nameof(RightsRequest.ClosedOn), "Date de la réponse"),
            Q(nameof(RightsRequest.ClosedById), "Professionnel qui a répondu ou décidé", inNotice: false),
            Q(nameof(RightsRequest.RecordedById), "Professionnel qui a enregistré la demande", inNotice: false),
            Q(nameof(RightsRequest.RecordedAt), "Date de saisie de la demande", inNotice: false),
            // R20: the value before a rectification, kept out of the file, only for the delays of a dispute (ValeurRectifiee).
            R(nameof(RectifiedValue), nameof(RectifiedValue.RightsRequestId), "Demande de rectification", DataCategory.InformationEtDroits, FieldGroup.Droits, RetentionRule.ValeurRectifiee),
            R(nameof(RectifiedValue), nameof(RectifiedValue.PersonId), "Personne dont une donnée a été rectifiée", DataCategory.InformationEtDroits, FieldGroup.Droits, RetentionRule.ValeurRectifiee),
            R(nameof(RectifiedValue), nameof(RectifiedValue.Field), "Donnée rectifiée", DataCategory.InformationEtDroits, FieldGroup.Droits, RetentionRule.ValeurRectifiee),
            R(nameof(RectifiedValue), nameof(RectifiedValue.Previous), "Valeur avant la rectification (consultée par le délégué à la protection des données seulement)",
                DataCategory.InformationEtDroits, FieldGroup.Droits, RetentionRule.ValeurRectifiee, source: DataSource.Personne),
            R(nameof(RectifiedValue), nameof(RectifiedValue.RectifiedById), "Professionnel qui a rectifié", DataCategory.InformationEtDroits, FieldGroup.Droits, RetentionRule.ValeurRectifiee, inNotice: false),
            R(nameof(RectifiedValue), nameof(RectifiedValue.RectifiedAt), "Date de la rectification", DataCategory.InformationEtDroits, FieldGroup.Droits, RetentionRule.ValeurRectifiee),
        ];
    }

    // --- Letters (issue 16 §4) ---------------------------------------------------------------------------------------
    private static CatalogueField L(string property, string label, bool inNotice = true) =>
        new(nameof(Letter), property, label, DataCategory.InformationEtDroits, Tout, LegalBasis.MissionInteretPublic, Sensitivity.Ordinaire,
            DataSource.Professionnel, FieldGroup.Droits, RetentionRule.DeuxAnsApresDernierContact, inNotice);

    /// <summary>
    /// The letters produced for a person (convocation, receipt and answer of a rights request, letter to a partner,
    /// confirmation of a refusal of computerisation). The PDF is not kept — it is handed over or posted — only the fact:
    /// kind, template version, date, who. In the Droits group: the proof of what the person was sent, read by whoever
    /// receives the person, kept on a paper-only file and writable on a limited one, like the rights requests. Deleted
    /// with the file. The templates are the département's wording with merge fields: no personal data, not catalogued.
    /// </summary>
    public static readonly IReadOnlyList<CatalogueField> LetterFields =
    [
        L(nameof(Letter.PersonId), "Personne à qui un courrier a été adressé (ou au sujet de qui il a été écrit à un partenaire)"),
        L(nameof(Letter.Kind), "Type de courrier (convocation, accusé de réception, réponse à une demande d'accès, courrier à un partenaire, confirmation d'un refus)"),
        L(nameof(Letter.TemplateVersion), "Version du modèle de courrier utilisée"),
        L(nameof(Letter.ReferenceId), "Demande ou accord de partage auquel se rapporte le courrier", inNotice: false),
        L(nameof(Letter.ProducedById), "Professionnel qui a produit le courrier (désigné par sa profession)"),
        L(nameof(Letter.ProducedAt), "Date du courrier"),
    ];
    // --- end of letters ------------------------------------------------------------------------------------------------
    private static CatalogueField K(string property, string label, bool inNotice = true, bool freeText = false) =>
        new(nameof(WorkTask), property, label, DataCategory.Organisation, Organisation, LegalBasis.MissionInteretPublic, Sensitivity.Ordinaire,
            DataSource.Professionnel, FieldGroup.Taches, RetentionRule.Tache, inNotice, freeText);

    /// <summary>Tasks (issue 16 §3): what a professional has to do, for herself, a co-worker of the team or the secretariat.</summary>
    public static readonly IReadOnlyList<CatalogueField> TaskFields =
    [
        K(nameof(WorkTask.AuthorId), "Professionnel qui a créé la tâche"),
        K(nameof(WorkTask.CirconscriptionId), "Circonscription de la tâche (celle du dossier, dont le secrétariat peut être assigné)", inNotice: false),
        K(nameof(WorkTask.PersonId), "Dossier concerné par la tâche (facultatif)"),
        K(nameof(WorkTask.FollowUpId), "Accompagnement concerné par la tâche (facultatif)"),
        K(nameof(WorkTask.Title), "Intitulé de la tâche (200 caractères au plus, sans jugement ni identifiant)", freeText: true),
        K(nameof(WorkTask.AssigneeId), "Professionnel assigné (soi-même ou un membre de l'équipe de l'accompagnement)"),
        K(nameof(WorkTask.AssignedToSecretariat), "Tâche confiée au secrétariat de la circonscription"),
        K(nameof(WorkTask.DueOn), "Échéance de la tâche"),
        K(nameof(WorkTask.Visibility), "Qui voit la tâche (l'auteur et la personne assignée, ou l'équipe de l'accompagnement)", inNotice: false),
        K(nameof(WorkTask.DoneOn), "Date à laquelle la tâche a été faite"),
        K(nameof(WorkTask.CreatedAt), "Date de création de la tâche", inNotice: false),
    ];

    /// <summary>
    /// The fields the anonymous statistics count (<c>Features/Statistiques/StatisticsComputation</c>): dates, closed-list
    /// values, the circonscription and what links a record to its file — never a name, a free text or who did what. Each
    /// serves the purpose <see cref="Purpose.StatistiquesAnonymes"/> too; a test reads the computation's code and fails
    /// when it reads a field this list does not name, or the reverse.
    /// </summary>
    public static readonly IReadOnlyList<(string Entity, string Property)> StatisticsSources =
    [
        (nameof(Person), nameof(Person.BirthDate)), (nameof(Person), nameof(Person.CreatedAt)), (nameof(Person), nameof(Person.PaperOnlySince)),
        (nameof(Person), nameof(Person.HouseholdLink)), (nameof(Person), nameof(Person.CirconscriptionId)), (nameof(Person), nameof(Person.HouseholdId)),
        (nameof(Household), nameof(Household.City)),
        (nameof(FollowUp), nameof(FollowUp.OpenedOn)), (nameof(FollowUp), nameof(FollowUp.ClosedOn)), (nameof(FollowUp), nameof(FollowUp.Motives)),
        (nameof(FollowUp), nameof(FollowUp.CirconscriptionId)), (nameof(FollowUp), nameof(FollowUp.PersonId)),
        (nameof(Interview), nameof(Interview.OccurredOn)), (nameof(Interview), nameof(Interview.Kind)), (nameof(Interview), nameof(Interview.Actions)),
        (nameof(Interview), nameof(Interview.FollowUpId)),
        (nameof(SharingConsent), nameof(SharingConsent.Partner)), (nameof(SharingConsent), nameof(SharingConsent.GivenOn)), (nameof(SharingConsent), nameof(SharingConsent.PersonId)),
        (nameof(Sharing), nameof(Sharing.SharedAt)), (nameof(Sharing), nameof(Sharing.ConsentId)), (nameof(Sharing), nameof(Sharing.PersonId)),
        (nameof(RightsRequest), nameof(RightsRequest.ReceivedOn)), (nameof(RightsRequest), nameof(RightsRequest.Kind)), (nameof(RightsRequest), nameof(RightsRequest.Status)),
        (nameof(RightsRequest), nameof(RightsRequest.CirconscriptionId)),
        (nameof(InformationRecord), nameof(InformationRecord.InformedOn)), (nameof(InformationRecord), nameof(InformationRecord.Method)), (nameof(InformationRecord), nameof(InformationRecord.PersonId)),
        (nameof(BreakGlassAccess), nameof(BreakGlassAccess.StartedAt)), (nameof(BreakGlassAccess), nameof(BreakGlassAccess.PersonId)),
        ("Appointment", "StartsAt"), ("Appointment", "Status"), ("Appointment", "PersonId"),
        // Online procedures (issue 19): counts by level and domain.
        (nameof(DigitalHelp), nameof(DigitalHelp.OccurredOn)), (nameof(DigitalHelp), nameof(DigitalHelp.Level)), (nameof(DigitalHelp), nameof(DigitalHelp.Domain)),
        (nameof(DigitalHelp), nameof(DigitalHelp.FollowUpId)),
        (nameof(MandateAction), nameof(MandateAction.DoneOn)), (nameof(MandateAction), nameof(MandateAction.Domain)), (nameof(MandateAction), nameof(MandateAction.MandateId)),
        (nameof(Mandate), nameof(Mandate.FollowUpId)),
    ];

    public static readonly IReadOnlyList<CatalogueField> Fields = WithStatistics(
    [
        F(nameof(Person), nameof(Person.BirthName), "Nom de naissance", DataCategory.Identite, FieldGroup.Identite, Contact),
        F(nameof(Person), nameof(Person.UsageName), "Nom d'usage", DataCategory.Identite, FieldGroup.Identite, Contact),
        F(nameof(Person), nameof(Person.FirstNames), "Prénoms", DataCategory.Identite, FieldGroup.Identite, Contact),
        F(nameof(Person), nameof(Person.BirthDate), "Date de naissance", DataCategory.Identite, FieldGroup.Identite, Contact),
        F(nameof(Person), nameof(Person.BirthNameKey), "Nom de naissance sous forme normalisée, pour la recherche", DataCategory.Identite, FieldGroup.Identite, Contact, inNotice: false),
        F(nameof(Person), nameof(Person.UsageNameKey), "Nom d'usage sous forme normalisée, pour la recherche", DataCategory.Identite, FieldGroup.Identite, Contact, inNotice: false),
        F(nameof(Person), nameof(Person.BirthNameSound), "Clé phonétique du nom de naissance, pour la recherche", DataCategory.Identite, FieldGroup.Identite, Contact, inNotice: false),
        F(nameof(Person), nameof(Person.UsageNameSound), "Clé phonétique du nom d'usage, pour la recherche", DataCategory.Identite, FieldGroup.Identite, Contact, inNotice: false),
        F(nameof(Person), nameof(Person.FirstNamesKey), "Prénoms sous forme normalisée, pour l'ordre des résultats de recherche", DataCategory.Identite, FieldGroup.Identite, Contact, inNotice: false),
        F(nameof(PersonNameWord), nameof(PersonNameWord.PersonId), "Personne à laquelle se rapporte un mot de recherche", DataCategory.Identite, FieldGroup.Identite, Contact, inNotice: false),
        F(nameof(PersonNameWord), nameof(PersonNameWord.CirconscriptionId), "Circonscription de la personne, pour chercher dans la circonscription seulement", DataCategory.Organisation, FieldGroup.Identite, Contact, Organisation, DataSource.Professionnel, inNotice: false),
        F(nameof(PersonNameWord), nameof(PersonNameWord.Word), "Chaque mot des noms et prénoms sous forme normalisée (sans particule), pour la recherche dans l'ordre où on les tape", DataCategory.Identite, FieldGroup.Identite, Contact, inNotice: false),
        F(nameof(PersonNameWord), nameof(PersonNameWord.Sound), "Clé phonétique de chaque mot des noms et prénoms, pour la recherche", DataCategory.Identite, FieldGroup.Identite, Contact, inNotice: false),
        F(nameof(Person), nameof(Person.Phone), "Téléphone", DataCategory.Coordonnees, FieldGroup.Coordonnees, Contact),
        F(nameof(Person), nameof(Person.Email), "Adresse électronique", DataCategory.Coordonnees, FieldGroup.Coordonnees, Contact),
        F(nameof(Person), nameof(Person.HouseholdId), "Ménage auquel la personne appartient", DataCategory.CompositionMenage, FieldGroup.Menage, Contact),
        F(nameof(Person), nameof(Person.HouseholdLink), "Lien avec la personne de référence du ménage", DataCategory.CompositionMenage, FieldGroup.Menage, Contact),
        F(nameof(Person), nameof(Person.CirconscriptionId), "Circonscription de rattachement", DataCategory.Organisation, FieldGroup.Identite, Contact, Organisation, DataSource.Professionnel),
        F(nameof(Person), nameof(Person.CreatedAt), "Date de création du dossier", DataCategory.Organisation, FieldGroup.Identite, Contact, Organisation, DataSource.Professionnel, inNotice: false),
        .. ProvenanceOf(nameof(Person), FieldGroup.Identite, DataCategory.Identite, Contact),

        F(nameof(Household), nameof(Household.AddressLine), "Adresse du ménage", DataCategory.Coordonnees, FieldGroup.Coordonnees, Contact),
        F(nameof(Household), nameof(Household.PostalCode), "Code postal", DataCategory.Coordonnees, FieldGroup.Coordonnees, Contact),
        F(nameof(Household), nameof(Household.City), "Commune", DataCategory.Coordonnees, FieldGroup.Coordonnees, Contact),
        F(nameof(Household), nameof(Household.CreatedAt), "Date de création du ménage", DataCategory.Organisation, FieldGroup.Menage, Contact, Organisation, DataSource.Professionnel, inNotice: false),

        F(nameof(FollowUp), nameof(FollowUp.PersonId), "Personne accompagnée", DataCategory.Organisation, FieldGroup.Equipe, Cloture, Organisation, DataSource.Professionnel),
        F(nameof(FollowUp), nameof(FollowUp.CirconscriptionId), "Circonscription de l'accompagnement", DataCategory.Organisation, FieldGroup.Equipe, Cloture, Organisation, DataSource.Professionnel),
        F(nameof(FollowUp), nameof(FollowUp.ReferentId), "Travailleur social référent", DataCategory.Organisation, FieldGroup.Equipe, Cloture, Organisation, DataSource.Professionnel),
        F(nameof(FollowUpMember), nameof(FollowUpMember.FollowUpId), "Accompagnement auquel participe un co-intervenant", DataCategory.Organisation, FieldGroup.Equipe, Cloture, Organisation, DataSource.Professionnel),
        F(nameof(FollowUpMember), nameof(FollowUpMember.StaffAccountId), "Co-intervenant de l'accompagnement", DataCategory.Organisation, FieldGroup.Equipe, Cloture, Organisation, DataSource.Professionnel),
        F(nameof(FollowUp), nameof(FollowUp.OpenedOn), "Date d'ouverture de l'accompagnement", DataCategory.Organisation, FieldGroup.Accompagnement, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(FollowUp), nameof(FollowUp.ClosedOn), "Date de clôture de l'accompagnement", DataCategory.Organisation, FieldGroup.Accompagnement, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(FollowUp), nameof(FollowUp.Status), "Statut de l'accompagnement (ouvert, clos)", DataCategory.Organisation, FieldGroup.Equipe, Cloture, Organisation, DataSource.Professionnel),
        F(nameof(FollowUp), nameof(FollowUp.Motives), "Motifs d'accompagnement (liste fermée)", DataCategory.MotifsAccompagnement, FieldGroup.Accompagnement, Cloture, Accompagnement, DataSource.Professionnel),
        .. ProvenanceOf(nameof(FollowUp), FieldGroup.Accompagnement, DataCategory.MotifsAccompagnement, Cloture),

        F(nameof(Interview), nameof(Interview.FollowUpId), "Accompagnement dans lequel a eu lieu l'entretien", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(Interview), nameof(Interview.AuthorId), "Professionnel qui a conduit l'entretien", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(Interview), nameof(Interview.OccurredOn), "Date de l'entretien", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(Interview), nameof(Interview.Kind), "Type d'entretien (permanence, rendez-vous, visite à domicile, téléphone)", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(Interview), nameof(Interview.ParticipantMemberIds), "Membres du ménage présents à l'entretien", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(Interview), nameof(Interview.Motives), "Motifs abordés (liste fermée)", DataCategory.MotifsAccompagnement, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(Interview), nameof(Interview.Actions), "Actions décidées (liste fermée)", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(Interview), nameof(Interview.Summary), "Synthèse partagée de l'entretien (1 000 caractères au plus)", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel, freeText: true),
        F(nameof(Interview), nameof(Interview.CreatedAt), "Date de saisie de l'entretien", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel, inNotice: false),
        .. ProvenanceOf(nameof(Interview), FieldGroup.Entretiens, DataCategory.Interventions, Cloture),
        F(nameof(Interview), nameof(Interview.CorrectedAt), "Date de la dernière correction de la synthèse par son auteur", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),
        // Corrections (within the window) and addenda (after it) go with their interview.
        F(nameof(InterviewRevision), nameof(InterviewRevision.InterviewId), "Entretien corrigé", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(InterviewRevision), nameof(InterviewRevision.PersonId), "Personne concernée par l'entretien corrigé", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel, inNotice: false),
        F(nameof(InterviewRevision), nameof(InterviewRevision.Previous), "Synthèse avant la correction (lue par son auteur seul et donnée à la personne dans l'export de ses données)", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel, freeText: true),
        F(nameof(InterviewRevision), nameof(InterviewRevision.CorrectedById), "Professionnel qui a corrigé (l'auteur de l'entretien)", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel, inNotice: false),
        F(nameof(InterviewRevision), nameof(InterviewRevision.CorrectedAt), "Date de la correction", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(InterviewAddendum), nameof(InterviewAddendum.InterviewId), "Entretien complété", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(InterviewAddendum), nameof(InterviewAddendum.PersonId), "Personne concernée par le complément", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel, inNotice: false),
        F(nameof(InterviewAddendum), nameof(InterviewAddendum.AuthorId), "Professionnel qui a ajouté le complément", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),
        F(nameof(InterviewAddendum), nameof(InterviewAddendum.Text), "Complément daté d'un entretien (1 000 caractères au plus, sans modifier le texte d'origine)", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel, freeText: true),
        F(nameof(InterviewAddendum), nameof(InterviewAddendum.WrittenAt), "Date du complément", DataCategory.Interventions, FieldGroup.Entretiens, Cloture, Accompagnement, DataSource.Professionnel),

        F(nameof(WorkingNote), nameof(WorkingNote.FollowUpId), "Accompagnement auquel se rapporte la note de travail", DataCategory.Interventions, FieldGroup.NotesPersonnelles, Note, Accompagnement, DataSource.Professionnel),
        F(nameof(WorkingNote), nameof(WorkingNote.AuthorId), "Professionnel auteur de la note (seul à pouvoir la lire)", DataCategory.Interventions, FieldGroup.NotesPersonnelles, Note, Accompagnement, DataSource.Professionnel),
        F(nameof(WorkingNote), nameof(WorkingNote.Text), "Note de travail personnelle (1 000 caractères au plus, visible de son seul auteur ; remise à la personne dans la copie de son dossier si elle la demande)", DataCategory.Interventions, FieldGroup.NotesPersonnelles, Note, Accompagnement, DataSource.Professionnel, freeText: true),
        F(nameof(WorkingNote), nameof(WorkingNote.CreatedAt), "Date de saisie de la note", DataCategory.Interventions, FieldGroup.NotesPersonnelles, Note, Accompagnement, DataSource.Professionnel, inNotice: false),
        F(nameof(WorkingNote), nameof(WorkingNote.ExpiresOn), "Date à laquelle la note sera supprimée", DataCategory.Interventions, FieldGroup.NotesPersonnelles, Note, Accompagnement, DataSource.Professionnel, inNotice: false),

        .. TraceabilityFields,
        .. VoiceFields,
        .. LetterFields,
        .. TaskFields,
        .. AgendaFields(),
        .. OnlineProcedureFields(),
    ]);

    private static List<CatalogueField> WithStatistics(List<CatalogueField> fields) =>
        fields.Select(f => StatisticsSources.Contains((f.Entity, f.Property)) ? f with { Purposes = [.. f.Purposes, Purpose.StatistiquesAnonymes] } : f).ToList();

    /// <summary>The agenda (issue 16 §2): appointments, without motive or free text, kept 3 months after their date
    /// (deleted before with the file or the follow-up). The calendar feed carries none of them but times, place and the
    /// file's short number (<see cref="CalendarFeedContent"/>).</summary>

    /// <summary>What a worker's calendar feed holds, for the notice and the register.</summary>
    public const string CalendarFeedContent =
        "Un professionnel peut abonner son propre agenda (calendrier iCalendar) à une adresse secrète qu'il peut révoquer : "
        + "il n'y figure que l'heure, le lieu (type de lieu, salle) et « Rendez-vous — dossier n° » suivi d'un numéro court, jamais le nom de la personne ni un motif.";

    private static IEnumerable<CatalogueField> AgendaFields()
    {
        const string entity = nameof(Domain.Agenda.Appointment);
        var rule = RetentionRule.TroisMoisApresRendezVous;
        CatalogueField A(string property, string label, bool inNotice = true, DataSource source = DataSource.Professionnel) =>
            F(entity, property, label, DataCategory.Organisation, FieldGroup.RendezVous, rule, Organisation, source, inNotice);
        return
        [
            A(nameof(Domain.Agenda.Appointment.PersonId), "Personne reçue en rendez-vous", source: DataSource.Personne),
            A(nameof(Domain.Agenda.Appointment.OtherMemberIds), "Autres membres du ménage concernés par le rendez-vous", source: DataSource.Personne),
            A(nameof(Domain.Agenda.Appointment.CirconscriptionId), "Circonscription du rendez-vous"),
            A(nameof(Domain.Agenda.Appointment.FollowUpId), "Accompagnement auquel se rattache le rendez-vous (aucun pour un premier accueil)"),
            A(nameof(Domain.Agenda.Appointment.StartsAt), "Date et heure de début du rendez-vous"),
            A(nameof(Domain.Agenda.Appointment.EndsAt), "Heure de fin du rendez-vous"),
            A(nameof(Domain.Agenda.Appointment.PlaceKind), "Lieu du rendez-vous (bureau, domicile, autre adresse, téléphone, visioconférence)"),
            A(nameof(Domain.Agenda.Appointment.RoomId), "Salle de la circonscription"),
            A(nameof(Domain.Agenda.Appointment.Status), "Suite du rendez-vous (prévu, honoré, non honoré, excusé, annulé)"),
            A(nameof(Domain.Agenda.Appointment.CancellationReason), "Raison de l'annulation (liste fermée)"),
            A(nameof(Domain.Agenda.Appointment.BookedById), "Professionnel qui a fixé le rendez-vous", inNotice: false),
            A(nameof(Domain.Agenda.Appointment.BookedAt), "Date de prise du rendez-vous", inNotice: false),
            F(nameof(Domain.Agenda.AppointmentWorker), nameof(Domain.Agenda.AppointmentWorker.AppointmentId), "Rendez-vous auquel participe un professionnel",
                DataCategory.Organisation, FieldGroup.RendezVous, rule, Organisation, DataSource.Professionnel, inNotice: false),
            F(nameof(Domain.Agenda.AppointmentWorker), nameof(Domain.Agenda.AppointmentWorker.StaffAccountId), "Professionnel qui reçoit la personne",
                DataCategory.Organisation, FieldGroup.RendezVous, rule, Organisation, DataSource.Professionnel),
        ];
    }

    /// <summary>
    /// Online procedures (issue 19): digital helps at the first two levels are interventions of their follow-up (its
    /// retention); a mandate, its authorisations and the procedures done under it are the evidence of what was done in
    /// the person's name, kept 5 years after the mandate's end (<see cref="RetentionRule.Mandat"/>).
    /// </summary>
    private static IEnumerable<CatalogueField> OnlineProcedureFields()
    {
        Purpose[] purposes = [Purpose.DemarchesEnLigne];
        CatalogueField D(string property, string label, bool inNotice = true) =>
            new(nameof(DigitalHelp), property, label, DataCategory.DemarchesEnLigne, purposes, LegalBasis.MissionInteretPublic, Sensitivity.Ordinaire,
                DataSource.Professionnel, FieldGroup.DemarchesEnLigne, Cloture, inNotice);
        CatalogueField M(string entity, string property, string label, bool inNotice = true, bool freeText = false, DataSource source = DataSource.Professionnel) =>
            new(entity, property, label, DataCategory.DemarchesEnLigne, purposes, LegalBasis.MissionInteretPublic, Sensitivity.Ordinaire,
                source, FieldGroup.DemarchesEnLigne, RetentionRule.Mandat, inNotice, freeText);
        const string mandate = nameof(Mandate), authorisation = nameof(MandateAuthorisation), action = nameof(MandateAction);
        return
        [
            D(nameof(DigitalHelp.FollowUpId), "Accompagnement dans lequel une aide numérique a été apportée"),
            D(nameof(DigitalHelp.PersonId), "Personne aidée", inNotice: false),
            D(nameof(DigitalHelp.Level), "Niveau de l'aide numérique (je forme, j'accompagne)"),
            D(nameof(DigitalHelp.OccurredOn), "Date de l'aide numérique"),
            D(nameof(DigitalHelp.Theme), "Thème d'une formation au numérique (liste fermée, rien sur la situation de la personne)"),
            D(nameof(DigitalHelp.Domain), "Domaine de la démarche accompagnée (liste fermée)"),
            D(nameof(DigitalHelp.Organisation), "Organisme de la démarche accompagnée (liste fermée)"),
            D(nameof(DigitalHelp.Outcome), "Résultat de la démarche accompagnée"),
            D(nameof(DigitalHelp.AuthorId), "Professionnel qui a apporté l'aide"),
            D(nameof(DigitalHelp.RecordedAt), "Date de saisie de l'aide", inNotice: false),

            M(mandate, nameof(Mandate.PersonId), "Personne qui donne mandat (mandant)", source: DataSource.Personne),
            M(mandate, nameof(Mandate.FollowUpId), "Accompagnement dont l'équipe agit sous le mandat"),
            M(mandate, nameof(Mandate.Code), "Code court du mandat imprimé sous son QR code, pour le vérifier", inNotice: false),
            M(mandate, nameof(Mandate.Salt), "Sel aléatoire de l'empreinte du mandat", inNotice: false),
            M(mandate, nameof(Mandate.TemplateVersion), "Version du modèle de mandat"),
            M(mandate, nameof(Mandate.Document), "Mandat rempli tel qu'imprimé et signé (nom et date de naissance de la personne, professionnels mandatés, autorisations, durée, engagements)", source: DataSource.Personne),
            M(mandate, nameof(Mandate.Fingerprint), "Empreinte SHA-256 du mandat imprimé, pour vérifier une copie"),
            M(mandate, nameof(Mandate.StartsOn), "Premier jour du mandat", source: DataSource.Personne),
            M(mandate, nameof(Mandate.EndsOn), "Dernier jour du mandat (le jour même, ou 12 mois au plus)", source: DataSource.Personne),
            M(mandate, nameof(Mandate.Protection), "Mesure de protection de la personne qui décide qui signe (aucune, curatelle, tutelle, habilitation familiale)", source: DataSource.Personne),
            M(mandate, nameof(Mandate.RepresentativeName), "Nom du représentant légal qui signe ou assiste la personne (tuteur, curateur, personne habilitée)", freeText: true, source: DataSource.Personne),
            M(mandate, nameof(Mandate.Mandataires), "Professionnels de l'équipe nommés dans le mandat"),
            M(mandate, nameof(Mandate.DataKinds), "Données que les professionnels mandatés peuvent utiliser (liste fermée)", source: DataSource.Personne),
            M(mandate, nameof(Mandate.RenewsId), "Mandat que celui-ci renouvelle", inNotice: false),
            M(mandate, nameof(Mandate.CreatedById), "Professionnel qui a préparé le mandat", inNotice: false),
            M(mandate, nameof(Mandate.CreatedAt), "Date de préparation du mandat", inNotice: false),
            M(mandate, nameof(Mandate.SignedOn), "Date de la signature du mandat", source: DataSource.Personne),
            M(mandate, nameof(Mandate.SignedBy), "Qui a signé pour la personne (elle-même, avec son curateur, son représentant légal)", source: DataSource.Personne),
            M(mandate, nameof(Mandate.SignatureRecordedById), "Professionnel qui a enregistré la signature", inNotice: false),
            M(mandate, nameof(Mandate.SignatureRecordedAt), "Date de saisie de la signature", inNotice: false),
            M(mandate, nameof(Mandate.RevokedOn), "Date de la révocation du mandat", source: DataSource.Personne),
            M(mandate, nameof(Mandate.RevokedById), "Professionnel qui a enregistré la révocation", inNotice: false),
            M(mandate, nameof(Mandate.RevocationReason), "Raison de la révocation (liste fermée, facultative)", source: DataSource.Personne),
            M(authorisation, nameof(MandateAuthorisation.MandateId), "Mandat auquel appartient une autorisation", inNotice: false),
            M(authorisation, nameof(MandateAuthorisation.Domain), "Domaine de démarches autorisé (papiers, famille, social et santé, travail, logement…)", source: DataSource.Personne),
            M(authorisation, nameof(MandateAuthorisation.Organisations), "Organismes concernés par l'autorisation (CAF, assurance maladie, France Travail…)", source: DataSource.Personne),
            M(authorisation, nameof(MandateAuthorisation.RevokedOn), "Date de la révocation de l'autorisation", source: DataSource.Personne),
            M(authorisation, nameof(MandateAuthorisation.RevokedById), "Professionnel qui a enregistré la révocation de l'autorisation", inNotice: false),
            M(authorisation, nameof(MandateAuthorisation.RevocationReason), "Raison de la révocation de l'autorisation (liste fermée, facultative)", source: DataSource.Personne),
            M(action, nameof(MandateAction.MandateId), "Mandat sous lequel une démarche a été faite"),
            M(action, nameof(MandateAction.AuthorisationId), "Autorisation sous laquelle la démarche a été faite", inNotice: false),
            M(action, nameof(MandateAction.PersonId), "Personne au nom de qui la démarche a été faite", inNotice: false),
            M(action, nameof(MandateAction.Domain), "Domaine de la démarche faite au nom de la personne"),
            M(action, nameof(MandateAction.Organisation), "Organisme de la démarche"),
            M(action, nameof(MandateAction.Procedure), "Démarche faite (liste fermée : création de compte, déclaration, demande…)"),
            M(action, nameof(MandateAction.Outcome), "Résultat de la démarche"),
            M(action, nameof(MandateAction.DoneOn), "Date de la démarche"),
            M(action, nameof(MandateAction.WorkerId), "Professionnel mandaté qui a fait la démarche"),
            M(action, nameof(MandateAction.RecordedAt), "Date de saisie de la démarche", inNotice: false),
        ];
    }

    public static IEnumerable<CatalogueField> InGroup(FieldGroup group) => Fields.Where(f => f.Group == group);

    /// <summary>What a role reads, from <see cref="Grants"/>: the groups it reads for every person of its circonscription,
    /// and those it reads only for the persons it accompanies. Used by the information notice and the register.</summary>
    public static (IReadOnlyList<FieldGroup> InCirconscription, IReadOnlyList<FieldGroup> WhenAccompanying) ReachOf(StaffRole role) =>
        (Grants.Where(g => g.Read.TryGetValue(role, out var s) && s == Scope.Circonscription).Select(g => g.Group).ToList(),
         Grants.Where(g => g.Read.TryGetValue(role, out var s) && s == Scope.Assigned).Select(g => g.Group).ToList());

    /// <summary>
    /// What Discret deliberately has no field for (the forbidden data, <see cref="Sensitivity.Interdit"/>): never collected.
    /// The sobriety guard refuses the identifiers among them in every free-text field.
    /// </summary>
    public static readonly IReadOnlyList<string> NeverCollected =
    [
        "Numéro de sécurité sociale (NIR)",
        "Diagnostic, information médicale ou de santé",
        "Nationalité, situation au regard du séjour, numéro AGDREF de titre de séjour",
        "Numéro d'allocataire CAF, IBAN, numéro de carte bancaire, identifiants et mots de passe de la personne",
        "Commentaire libre sur la personne, appréciation subjective ou « freins et potentialités »",
    ];
}
