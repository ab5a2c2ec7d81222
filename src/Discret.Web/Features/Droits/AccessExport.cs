using System.Collections;
using System.Globalization;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Retention;
using Discret.Domain.Rights;
using Discret.Web.Features.AccesExceptionnel;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Discret.Domain.Input;

namespace Discret.Web.Features.Droits;

/// <summary>
/// Everything Discret holds on one person (GDPR art. 15), read from the database and laid out by the data catalogue:
/// for every entity the person has rows in, one item per row holding every catalogue field of that entity, with its
/// label and category. Nothing is listed by hand, so a field added to the catalogue appears in the export by itself.
/// Staff are named by their profession only (CJEU C-579/21); third parties' reports are marked unverified.
/// </summary>
[AcrossFiles("the DPO exports a person's whole file for an access request, reached by the request's id")]
public sealed class AccessExport(DiscretDbContext db, TimeProvider clock, RequestAccess access, Journal.AccessJournal journal)
{
    public const string ErasedMessage = "Le dossier de cette personne a été effacé : il n'y a plus de données à exporter.";
    public const string NotAccessMessage = "L'export des données se fait à partir d'une demande d'accès (article 15).";

    /// <summary>
    /// The export for an access request, by the DPO only; journaled (<see cref="JournalAction.Export"/>, the request as
    /// reference, the format as detail) before anything is returned.
    /// </summary>
    public async Task<Result<Document>> ForRequestAsync(System.Security.Claims.ClaimsPrincipal user, Guid requestId, string format, CancellationToken ct = default)
    {
        if (!RequestAccess.SeesWholeRegister(user)) return Result.NotFound();
        var request = await access.Visible(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return Result.NotFound();
        if (request.Kind != RightKind.Acces) return Result.Invalid("", NotAccessMessage);
        var document = await BuildAsync(request.PersonId, request.Id, ct);
        if (document is null) return Result.Invalid("", ErasedMessage);
        await journal.WriteAsync(JournalAction.Export, request.PersonId, $"droit d'accès: {format}", reference: request.Id, ct: ct);
        return Result.Ok(document);
    }

    public const string StaffStatement =
        "Les professionnels sont désignés par leur profession, pas par leur nom. Ils agissent sous l'autorité du Département, "
        + "responsable du traitement : la Cour de justice de l'Union européenne (arrêt C-579/21 du 22 juin 2023) et la CNIL admettent que "
        + "leur identité ne soit pas communiquée. Les dates et les motifs de chaque consultation de votre dossier, eux, figurent ci-dessous. "
        + "Si vous pensez qu'une consultation n'était pas justifiée, écrivez au délégué à la protection des données : il peut vérifier qui l'a faite.";

    /// <summary>Who reads the working notes, as the catalogue and the notice say it (<see cref="FieldGroup.NotesPersonnelles"/>).</summary>
    public const string WorkingNotesStatement =
        "Les notes personnelles que les professionnels prennent pour eux-mêmes, de tous les auteurs. Seul leur auteur les lit ; vous les recevez dans "
        + "cette copie de votre dossier, que le délégué à la protection des données prépare à votre demande (chaque copie est enregistrée dans le journal des accès).";

    public const string ThirdPartyMark = "Signalé par un tiers — non vérifié";
    public const string PartnerMark = "Transmis par un partenaire";

    /// <summary>
    /// One catalogue field of a row. <see cref="Value"/> is the machine form the JSON file holds (codes and references as
    /// they have always been given); <see cref="Text"/> is the same value in plain French for the PDF (labels of the closed
    /// lists, professions, « l'entretien du 5 mars 2026 » for a reference), null when there is nothing to print;
    /// <see cref="Raw"/> is the stored value, for the PDF's grouping.
    /// </summary>
    public sealed record Field(string Property, string Label, string Category, string? Value, string? Text = null, object? Raw = null);

    /// <summary>One row of an entity: its fields in catalogue order; <see cref="Mark"/> flags a fact from a third party or partner;
    /// <see cref="Id"/> is the row's own id, when it has one (for the PDF to put a correction under its interview).</summary>
    public sealed record Item(IReadOnlyList<Field> Fields, string? Mark, Guid? Id = null)
    {
        public Field? this[string property] => Fields.FirstOrDefault(f => f.Property == property);
    }

    /// <summary>One entity's rows.</summary>
    public sealed record Section(string Entity, string Title, string? Introduction, IReadOnlyList<Item> Items);

    /// <summary>The access request the export answers, as its first page tells it.</summary>
    public sealed record RequestSummary(DateOnly ReceivedOn, RequestChannel Channel, IdentityCheck IdentityCheck);

    /// <param name="Household">The links of the other members of the person's household to its reference person (never their names).</param>
    /// <param name="DpoContact">The DPO's contact, as the information notice gives it.</param>
    /// <param name="References">What the rows of the file are called in plain words (« L'entretien du 5 mars 2026 »), by id.</param>
    /// <param name="Services">The circonscription of each account of a circonscription's staff, by id: the service of who read the file.</param>
    public sealed record Document(Guid PersonId, Guid RequestId, DateTime GeneratedAt, string PersonName, string Departement, IReadOnlyList<Section> Sections,
        RequestSummary? Request = null, string DpoContact = "", IReadOnlyList<HouseholdLink>? Household = null,
        IReadOnlyDictionary<Guid, string>? References = null, IReadOnlyDictionary<Guid, string>? Services = null);

    /// <summary>Properties that hold a staff account: given as the account's profession, never its name.</summary>
    private static readonly HashSet<string> StaffProperties =
    [
        nameof(FollowUp.ReferentId), nameof(Interview.AuthorId), nameof(FollowUpMember.StaffAccountId), nameof(InformationRecord.RecordedById),
        nameof(RightsRequest.ClosedById), nameof(SharingConsent.WithdrawnById), nameof(Sharing.SharedById), nameof(JournalEntry.AccountId),
        nameof(Notification.ActorId), nameof(Notification.RecipientId), nameof(Domain.Letters.Letter.ProducedById), nameof(Domain.Retention.LegalHold.SetById), nameof(Domain.Retention.LegalHold.LiftedById),
        nameof(Domain.Tasks.WorkTask.AssigneeId),
        // Agenda (issue 16)
        nameof(Domain.Agenda.Appointment.BookedById),
        // Online procedures (issue 19): the named workers, who prepared, recorded the signature or a revocation, who did a procedure.
        nameof(Domain.Mandates.Mandate.Mandataires), nameof(Domain.Mandates.Mandate.CreatedById), nameof(Domain.Mandates.Mandate.SignatureRecordedById),
        nameof(Domain.Mandates.Mandate.RevokedById), nameof(Domain.Mandates.MandateAction.WorkerId),
    ];

    /// <summary>The person's file, or null when it no longer exists (erased).</summary>
    public async Task<Document?> BuildAsync(Guid personId, Guid requestId, CancellationToken ct = default)
    {
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return null;
        var household = await db.Households.AsNoTracking().Where(h => h.Id == person.HouseholdId).ToListAsync(ct);
        var words = await db.PersonNameWords.AsNoTracking().Where(w => w.PersonId == personId).OrderBy(w => w.Word).ToListAsync(ct);
        var members = await db.Persons.AsNoTracking().Where(p => p.HouseholdId == person.HouseholdId)
            .Select(p => new { p.Id, p.HouseholdLink }).ToDictionaryAsync(p => p.Id, p => p.HouseholdLink, ct);
        var followUps = await db.FollowUps.AsNoTracking().Where(f => f.PersonId == personId).OrderBy(f => f.OpenedOn).ToListAsync(ct);
        var followUpIds = followUps.Select(f => f.Id).ToList();
        var team = await db.FollowUpMembers.AsNoTracking().Where(m => followUpIds.Contains(m.FollowUpId)).ToListAsync(ct);
        var interviews = await db.Interviews.AsNoTracking().Where(i => followUpIds.Contains(i.FollowUpId))
            .OrderBy(i => i.OccurredOn).ThenBy(i => i.CreatedAt).ToListAsync(ct);
        var interviewIds = interviews.Select(i => i.Id).ToList();
        var revisions = await db.InterviewRevisions.AsNoTracking().Where(r => interviewIds.Contains(r.InterviewId)).OrderBy(r => r.CorrectedAt).ToListAsync(ct);
        var addenda = await db.InterviewAddenda.AsNoTracking().Where(a => interviewIds.Contains(a.InterviewId)).OrderBy(a => a.WrittenAt).ToListAsync(ct);
        var notes = await db.WorkingNotes.AsNoTracking().Where(n => followUpIds.Contains(n.FollowUpId)).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        // Tasks (issue 16): every task about the person, whoever wrote it and whoever could see it.
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.PersonId == personId).OrderBy(t => t.CreatedAt).ToListAsync(ct);
        var informed = await db.InformationRecords.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.InformedOn).ToListAsync(ct);
        var disclosures = await db.FactDisclosures.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.InformedOn).ToListAsync(ct);
        var consents = await db.SharingConsents.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.GivenOn).ToListAsync(ct);
        var sharings = await db.Sharings.AsNoTracking().Where(s => s.PersonId == personId).OrderBy(s => s.SharedAt).ToListAsync(ct);
        var requests = await db.RightsRequests.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.ReceivedOn).ToListAsync(ct);
        var replaced = await db.RectifiedValues.AsNoTracking().Where(v => v.PersonId == personId).OrderBy(v => v.RectifiedAt).ToListAsync(ct);
        var holds = await db.LegalHolds.AsNoTracking().Where(h => h.PersonId == personId).OrderBy(h => h.SetAt).ToListAsync(ct);
        var breakGlass = await db.BreakGlassAccesses.AsNoTracking().Where(b => b.PersonId == personId).OrderBy(b => b.StartedAt).ToListAsync(ct);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.PersonId == personId).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        // Letters produced for the person (Features/Courriers): the record kept, the PDF is not.
        var letters = await db.Letters.AsNoTracking().Where(l => l.PersonId == personId).OrderBy(l => l.ProducedAt).ToListAsync(ct);
        var journal = await db.JournalEntries.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Seq).ToListAsync(ct);
        // Agenda (issue 16): the person's appointments, and those where they came with another member of the household.
        var appointments = await db.Appointments.AsNoTracking().Where(a => a.PersonId == personId || a.OtherMemberIds.Contains(personId))
            .OrderBy(a => a.StartsAt).ToListAsync(ct);
        var appointmentIds = appointments.Select(a => a.Id).ToList();
        var appointmentWorkers = await db.AppointmentWorkers.AsNoTracking().Where(w => appointmentIds.Contains(w.AppointmentId)).ToListAsync(ct);
        // Online procedures (issue 19): digital helps, and the mandates with what was done under them. Mandates have no foreign
        // key to the file (they outlive it as evidence): found by the person's id.
        var digitalHelps = await db.DigitalHelps.AsNoTracking().Where(h => h.PersonId == personId).OrderBy(h => h.OccurredOn).ThenBy(h => h.RecordedAt).ToListAsync(ct);
        var mandates = await db.Mandates.AsNoTracking().Where(m => m.PersonId == personId).OrderBy(m => m.CreatedAt).ToListAsync(ct);
        var mandateIds = mandates.Select(m => m.Id).ToList();
        var authorisations = await db.MandateAuthorisations.AsNoTracking().Where(a => mandateIds.Contains(a.MandateId)).ToListAsync(ct);
        authorisations = authorisations.OrderBy(a => mandateIds.IndexOf(a.MandateId)).ThenBy(a => a.Domain).ToList();
        var mandateActions = await db.MandateActions.AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.DoneOn).ThenBy(a => a.RecordedAt).ToListAsync(ct);
        var accounts = await db.Users.AsNoTracking().Select(a => new { a.Id, a.Role, a.CirconscriptionId }).ToListAsync(ct);
        var roles = accounts.ToDictionary(a => a.Id, a => a.Role);
        var circonscriptions = await db.Circonscriptions.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var services = accounts.Where(a => a.Role is StaffRole.Accueil or StaffRole.Secretariat or StaffRole.TravailleurSocial or StaffRole.ResponsableCirconscription
                                           && circonscriptions.ContainsKey(a.CirconscriptionId))
            .ToDictionary(a => a.Id, a => circonscriptions[a.CirconscriptionId]);
        var settings = await db.DepartementSettings.AsNoTracking().Select(s => new { s.Name, s.DpoContact }).FirstOrDefaultAsync(ct);
        var departement = settings?.Name ?? "Le Département";
        var roomIds = appointments.Where(a => a.RoomId != null).Select(a => a.RoomId!.Value).Distinct().ToList();
        var rooms = await db.Rooms.AsNoTracking().Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);

        var references = References(household, followUps, interviews, consents, requests, appointments, breakGlass, letters, rooms);
        foreach (var h in digitalHelps) references[h.Id] = $"L'aide numérique du {ParisTime.LongDate(h.OccurredOn)}";
        foreach (var m in mandates) references[m.Id] = MandateReference(m);
        foreach (var a in authorisations)
            references[a.Id] = $"L'autorisation « {Domain.Mandates.OnlineProcedureLabels.Label(a.Domain)} » de {Lower(references.GetValueOrDefault(a.MandateId, "votre mandat"))}";
        var format = new Formatter(personId, members, roles, circonscriptions, references: references);
        var sections = new List<Section>
        {
            Build(nameof(Person), "Identité, coordonnées et place dans le ménage", null, [person], format),
            Build(nameof(PersonNameWord), "Mots de recherche tirés de vos noms et prénoms",
                "Pour vous retrouver quelle que soit la façon dont on tape votre nom : chaque mot, écrit sans accent ni majuscule, et sa clé de prononciation.", words, format),
            Build(nameof(Household), "Ménage", "Votre ménage ; les autres membres sont désignés par leur lien avec la personne de référence.", household, format),
            Build(nameof(FollowUp), "Accompagnements", "Le référent est désigné par sa profession.", followUps, format),
            Build(nameof(FollowUpMember), "Équipes d'accompagnement", null, team, format),
            Build(nameof(Interview), "Entretiens", null, interviews, format),
            Build(nameof(InterviewAddendum), "Compléments apportés aux entretiens", "Ajoutés après coup, datés, sans modifier le texte de l'entretien.", addenda, format),
            Build(nameof(InterviewRevision), "Synthèses d'entretien remplacées par une correction",
                "Le texte d'une synthèse tel qu'il était avant que son auteur la corrige (dans les jours qui suivent l'entretien).", revisions, format),
            Build(nameof(WorkingNote), "Notes de travail des professionnels",
                WorkingNotesStatement,
                notes, format),
            Build(nameof(Domain.Tasks.WorkTask), "Tâches des professionnels à votre sujet",
                "Ce que les professionnels ont noté avoir à faire pour vous (un intitulé court, une échéance) ; ils sont désignés par leur profession.", tasks, format),
            // Agenda (issue 16)
            Build(nameof(Domain.Agenda.Appointment), "Rendez-vous", "Vos rendez-vous (gardés 3 mois après leur date) ; les professionnels sont désignés par leur profession.",
                appointments, format),
            Build(nameof(Domain.Agenda.AppointmentWorker), "Professionnels qui vous reçoivent en rendez-vous", null, appointmentWorkers, format),
            // Online procedures (issue 19)
            Build(nameof(Domain.Mandates.DigitalHelp), "Aides numériques",
                "Les aides pour vos démarches en ligne : une formation (seulement son thème) ou une démarche que vous avez faite vous-même, accompagnée.", digitalHelps, format),
            Build(nameof(Domain.Mandates.Mandate), "Vos mandats pour des démarches en ligne",
                "Les mandats par lesquels vous avez permis à des professionnels nommés de faire des démarches en ligne à votre place : leurs dates, "
                + "qui les a signés, leur révocation. Aucun identifiant ni mot de passe n'y figure. Vous pouvez révoquer un mandat à tout moment.", mandates, format),
            Build(nameof(Domain.Mandates.MandateAuthorisation), "Autorisations de vos mandats",
                "Pour chaque mandat, les domaines de démarches autorisés et les organismes concernés, et leur révocation.", authorisations, format),
            Build(nameof(Domain.Mandates.MandateAction), "Démarches faites en votre nom",
                "Chaque démarche faite à votre place sous un mandat : sa date, son domaine, l'organisme, la démarche, son résultat, et la profession de qui l'a faite.",
                mandateActions, format),
            Build(nameof(InformationRecord), "Information qui vous a été donnée", null, informed, format),
            Build(nameof(FactDisclosure), "Informations venant d'autres personnes portées à votre connaissance", null, disclosures, format),
            Build(nameof(SharingConsent), "Vos accords pour un partage avec un partenaire", null, consents, format),
            Build(nameof(Sharing), "Partages faits avec des partenaires", null, sharings, format),
            Build(nameof(RightsRequest), "Vos demandes d'exercice de vos droits", null, requests, format),
            Build(nameof(RectifiedValue), "Valeurs remplacées à votre demande (rectification)", null, replaced, format),
            Build(nameof(Domain.Letters.Letter), "Courriers qui vous ont été adressés ou écrits à votre sujet",
                "Discret garde la trace du courrier (type, date, version du modèle utilisé, profession de l'expéditeur), pas le courrier lui-même.", letters, format),
            Build(nameof(Domain.Retention.LegalHold), "Gels de la suppression de vos données",
                "La suppression de vos données a été suspendue pour le motif et la durée indiqués (contentieux, recours, votre demande, réquisition).", holds, format),
            Build(nameof(BreakGlassAccess), "Accès exceptionnels à votre dossier",
                "Un professionnel qui ne vous accompagnait pas a ouvert votre dossier pour quelques heures, pour le motif indiqué.", breakGlass, format),
            Build(nameof(Notification), "Avertissements envoyés aux professionnels au sujet de votre dossier", null, notifications, format),
            Build(nameof(JournalEntry), "Consultations et modifications de votre dossier", StaffStatement, journal, format),
        };
        var request = requests.FirstOrDefault(r => r.Id == requestId);
        return new Document(personId, requestId, clock.GetUtcNow().UtcDateTime, person.DisplayName, departement, sections.Where(s => s.Items.Count > 0).ToList(),
            request is null ? null : new RequestSummary(request.ReceivedOn, request.Channel, request.IdentityCheck), settings?.DpoContact ?? "",
            members.Where(m => m.Key != personId).Select(m => m.Value).Order().ToList(), references, services);
    }

    /// <summary>
    /// How the PDF names what a row refers to, instead of its opaque id: « l'entretien du 5 mars 2026 », « votre accord du … pour
    /// CCAS de Valmont ». (The JSON keeps the ids.)
    /// </summary>
    private static Dictionary<Guid, string> References(IEnumerable<Household> households, IEnumerable<FollowUp> followUps, IEnumerable<Interview> interviews,
        IEnumerable<SharingConsent> consents, IEnumerable<RightsRequest> requests, IEnumerable<Domain.Agenda.Appointment> appointments,
        IEnumerable<BreakGlassAccess> breakGlass, IEnumerable<Domain.Letters.Letter> letters, IReadOnlyDictionary<Guid, string> rooms)
    {
        var references = new Dictionary<Guid, string>(rooms);
        foreach (var h in households) references[h.Id] = "Votre ménage";
        foreach (var f in followUps) references[f.Id] = $"L'accompagnement ouvert le {ParisTime.LongDate(f.OpenedOn)}";
        foreach (var i in interviews) references[i.Id] = $"L'entretien du {ParisTime.LongDate(i.OccurredOn)}";
        foreach (var c in consents) references[c.Id] = $"Votre accord du {ParisTime.LongDate(c.GivenOn)} pour {c.PartnerName}";
        foreach (var r in requests) references[r.Id] = $"Votre demande du {ParisTime.LongDate(r.ReceivedOn)} ({r.Kind.Label().ToLowerInvariant()})";
        foreach (var a in appointments) references[a.Id] = $"Le rendez-vous du {ParisTime.LongDayAtTime(a.StartsAt)}";
        foreach (var b in breakGlass) references[b.Id] = $"L'accès exceptionnel du {ParisTime.LongDayAtTime(b.StartedAt)}";
        foreach (var l in letters) references[l.Id] = $"Le courrier du {ParisTime.LongDate(l.ProducedAt)} ({Domain.Letters.LetterKindLabels.Label(l.Kind).ToLowerInvariant()})";
        return references;
    }

    private static string MandateReference(Domain.Mandates.Mandate m) =>
        m.IsOneDay ? $"Votre mandat du {ParisTime.LongDate(m.StartsOn)}" : $"Votre mandat du {ParisTime.LongDate(m.StartsOn)} au {ParisTime.LongDate(m.EndsOn)}";

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    /// <summary>One entity's rows laid out from the catalogue (also the archives transfer of a batch, <c>Conservation/BatchTransfer</c>).</summary>
    internal static Section Build<T>(string entity, string title, string? introduction, IEnumerable<T> rows, Formatter format)
    {
        var fields = DataCatalogue.Fields.Where(f => f.Entity == entity).ToList();
        var items = rows.Select(row => new Item(
            fields.Select(f =>
            {
                var raw = Read(row!, f.Property);
                return new Field(f.Property, f.Label, f.Category.Label(), format.Value(f.Property, raw), format.Text(f.Property, raw), raw);
            }).ToList(),
            Mark(row!), row!.GetType().GetProperty("Id")?.GetValue(row) as Guid?)).ToList();
        return new Section(entity, title, introduction, items);
    }

    /// <summary>The value of a catalogue property, following a dotted path ("Provenance.Source").</summary>
    private static object? Read(object row, string path)
    {
        object? value = row;
        foreach (var name in path.Split('.'))
        {
            if (value is null) return null;
            var property = value.GetType().GetProperty(name) ?? throw new InvalidOperationException($"The catalogue names {name}, which {value.GetType().Name} does not have.");
            value = property.GetValue(value);
        }
        return value;
    }

    private static string? Mark(object row) => row.GetType().GetProperty(nameof(Person.Provenance))?.GetValue(row) is Provenance p
        ? p.Source switch
        {
            DataSource.Tiers => $"{ThirdPartyMark} (tiers : {p.ThirdParty?.Label().ToLowerInvariant()})",
            DataSource.Partenaire => $"{PartnerMark} ({p.PartnerName})",
            _ => null,
        }
        : null;

    /// <param name="self">How the person is named in their own export ("Vous"); another document names them otherwise.</param>
    /// <param name="references">How the PDF names the rows a field refers to (<see cref="Text"/>).</param>
    internal sealed class Formatter(Guid personId, Dictionary<Guid, HouseholdLink> members, Dictionary<Guid, StaffRole> roles, Dictionary<Guid, string> circonscriptions,
        string self = "Vous", IReadOnlyDictionary<Guid, string>? references = null)
    {
        public string? Value(string property, object? value) => value switch
        {
            null => null,
            Guid id when StaffProperties.Contains(property) => Staff(id),
            Guid id when property.EndsWith("CirconscriptionId", StringComparison.Ordinal) => circonscriptions.GetValueOrDefault(id, id.ToString()),
            Guid id => Person(id),
            string s when property == nameof(JournalEntry.Detail) => Detail(s),
            string s when property == nameof(JournalEntry.Purpose) => JournalLabels.Purpose(s),
            string s when property == nameof(JournalEntry.Address) => "Adresse du poste de l'agent (non communiquée)",
            string s => s,
            DateOnly d => ParisTime.Day(d),
            DateTime t => ParisTime.DayTime(t),
            byte[] bytes => Convert.ToHexStringLower(bytes),
            bool b => b ? "Oui" : "Non",
            Enum e => Label(e) ?? (Enum.IsDefined(e.GetType(), e) ? e.ToString() : ClosedList.UnknownLabel),
            IEnumerable list => string.Join(", ", list.Cast<object>().Select(v => Value(property, v))) is { Length: > 0 } joined ? joined : "—",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };

        /// <summary>
        /// The value in plain French, for the PDF the person reads: a closed list by its label, a member of staff by profession,
        /// what a row refers to by its date (<c>references</c>), dates in words (Paris); no code, no id. Null when there is
        /// nothing to print (no value, a technical fingerprint).
        /// </summary>
        public string? Text(string property, object? value) => value switch
        {
            null => null,
            Guid id when id == personId => self,
            Guid id when roles.TryGetValue(id, out var role) => role.Label(),
            Guid id when StaffProperties.Contains(property) => "Professionnel",
            Guid id when circonscriptions.TryGetValue(id, out var name) => name,
            Guid id when members.TryGetValue(id, out var link) => $"Membre du ménage ({link.Label().ToLowerInvariant()})",
            Guid id => references?.GetValueOrDefault(id) ?? "Un élément qui n'est plus dans votre dossier",
            string s when property == nameof(RectifiedValue.Field) => FieldLabel(s),
            // A mandate (issue 19): its salt is technical; its filled document is said by the mandate's own fields (the JSON file
            // keeps it exactly); its fingerprint and code as printed on the person's copy.
            string when property == nameof(Domain.Mandates.Mandate.Salt) => null,
            string when property == nameof(Domain.Mandates.Mandate.Document) =>
                "Le mandat tel que vous l'avez signé : ses dates, les professionnels nommés, les domaines et les organismes sont indiqués ici ; son texte exact est dans le fichier JSON",
            string s when property == nameof(Domain.Mandates.Mandate.Fingerprint) => string.Join(" ", s.Chunk(8).Select(c => new string(c))),
            string s when property == nameof(Domain.Mandates.Mandate.Code) => Domain.Mandates.Mandate.FormatCode(s),
            string s when property == nameof(JournalEntry.Detail) || property == nameof(JournalEntry.Purpose) || property == nameof(JournalEntry.Address) => Value(property, s),
            string s => s,
            DateOnly d => ParisTime.LongDate(d),
            DateTime t => ParisTime.LongDayAtTime(t),
            byte[] => null,
            bool b => b ? "Oui" : "Non",
            Enum e => Label(e) ?? ClosedListLabel.Of(e) ?? ClosedList.UnknownLabel,
            IEnumerable list => list.Cast<object>().Select(v => Text(property, v)).Where(v => v is not null).ToList() is { Count: > 0 } texts ? string.Join(", ", texts) : null,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };

        /// <summary>A rectified field by its catalogue label (« Téléphone »), not its property's name.</summary>
        private static string FieldLabel(string property) =>
            DataCatalogue.Fields.FirstOrDefault(f => f.Property == property && f.Entity is nameof(Person) or nameof(Household))?.Label
            ?? DataCatalogue.Fields.FirstOrDefault(f => f.Property == property)?.Label ?? "Une information de votre dossier";

        /// <summary>A journal detail in French: field groups by their labels, "what: groups" as "what (groups)".</summary>
        private static string Detail(string detail)
        {
            var colon = detail.IndexOf(": ", StringComparison.Ordinal);
            return colon < 0 ? JournalLabels.Detail(detail) : $"{detail[..colon]} ({JournalLabels.Detail(detail[(colon + 2)..]).ToLowerInvariant()})";
        }

        private string Staff(Guid id) => roles.TryGetValue(id, out var role) ? role.Label() : "Professionnel";

        /// <summary>The person, a member of the household by their link, or an opaque reference (a follow-up, a consent…).</summary>
        private string Person(Guid id) =>
            id == personId ? self
            : members.TryGetValue(id, out var link) ? $"Membre du ménage ({link.Label().ToLowerInvariant()})"
            : $"réf. {id}";

        /// <summary>The labels the JSON file has always given (null for the lists it gives by their code).</summary>
        private static string? Label(Enum value) => value switch
        {
            FollowUpMotive m => m.Label(),
            InterviewKind k => k.Label(),
            InterviewAction a => a.Label(),
            HouseholdLink l => l.Label(),
            ThirdPartyCategory c => c.Label(),
            FollowUpStatus s => s.Label(),
            DataSource s => s.Label(),
            DataCategory c => c.Label(),
            StaffRole r => r.Label(),
            JournalAction a => a.Label(),
            BreakGlassReason r => r.Label(),
            HoldReason r => r.Label(),
            RightKind k => k.Label(),
            RequestChannel c => c.Label(),
            IdentityCheck c => c.Label(),
            RequestStatus s => s.Label(),
            InformationMethod m => m.ShortLabel(),
            FactKind k => k.Label(),
            ConsentForm f => f.ShortLabel(capitalised: true),
            Domain.Letters.LetterKind k => Domain.Letters.LetterKindLabels.Label(k),
            Domain.Agenda.AppointmentPlace p => Domain.Agenda.AgendaLabels.Label(p),
            Domain.Agenda.AppointmentStatus s => Domain.Agenda.AgendaLabels.Label(s),
            Domain.Agenda.CancellationReason r => Domain.Agenda.AgendaLabels.Label(r),
            _ => null,
        };
    }
}
