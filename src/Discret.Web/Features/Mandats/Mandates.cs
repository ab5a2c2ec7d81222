using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Input;
using Discret.Domain.Mandates;
using Discret.Domain.Persons;
using Discret.Web.Features.Garde;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Mandats;

/// <summary>
/// The person's mandates (CNIL model, R28): prepared by a social worker of the follow-up's team, printed in two copies,
/// signed on paper and recorded as signed; revoked, whole or one authorisation, by the team or by reception when the
/// person comes in. Who reaches what is <see cref="MandateAccess"/>; every read of a mandate and every write is journaled
/// with the mandate as reference, never its content.
/// </summary>
public sealed class Mandates(DiscretDbContext db, TimeProvider clock, AccessJournal journal, DepartementTheme theme, IHttpContextAccessor http)
{
    /// <summary>Une autorisation demandée : un domaine de démarches et les organismes concernés.</summary>
    /// <param name="Domain">Domaine de démarches. Obligatoire, une seule fois par mandat.</param>
    /// <param name="Organisations">Organismes concernés dans ce domaine ; au moins un.</param>
    public sealed record AuthorisationRequest(ProcedureDomain? Domain, IReadOnlyList<OnlineOrganisation>? Organisations);

    /// <summary>Un mandat à préparer (modèle de la CNIL), avant son impression et sa signature sur papier.</summary>
    /// <param name="FollowUpId">Identifiant (UUID) de l'accompagnement ouvert de la personne dont le travailleur social fait partie de l'équipe. Obligatoire.</param>
    /// <param name="Mandataires">Identifiants (UUID) des professionnels nommés, tous de l'équipe de cet accompagnement (référent et co-intervenants) ; au moins un.</param>
    /// <param name="Authorisations">Les autorisations, une par domaine de démarches ; au moins une.</param>
    /// <param name="DataKinds">Données que les mandataires peuvent utiliser ; au moins une.</param>
    /// <param name="StartsOn">Premier jour du mandat, jour (AAAA-MM-JJ, calendrier de Paris), pas avant aujourd'hui. Obligatoire.</param>
    /// <param name="OneDay">true pour un mandat d'un jour (le jour de startsOn ; endsOn est alors ignoré).</param>
    /// <param name="EndsOn">Dernier jour du mandat, jour (AAAA-MM-JJ, calendrier de Paris) : pas avant startsOn, 12 mois au plus après. Obligatoire sauf pour un mandat d'un jour.</param>
    /// <param name="Protection">Mesure de protection de la personne ; absente : aucune.</param>
    /// <param name="RepresentativeName">Nom du représentant légal (tuteur, curateur, personne habilitée), obligatoire sous une mesure de protection : 120 caractères au plus ; passe la garde de sobriété.</param>
    /// <param name="RenewsId">Identifiant (UUID) du mandat de la personne que celui-ci renouvelle, s'il en renouvelle un.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété dans representativeName ; un identifiant (NIR…) est refusé dans tous les cas.</param>
    public sealed record Request(Guid? FollowUpId, IReadOnlyList<Guid>? Mandataires, IReadOnlyList<AuthorisationRequest>? Authorisations,
        IReadOnlyList<MandateDataKind>? DataKinds, DateOnly? StartsOn, bool OneDay, DateOnly? EndsOn, ProtectionMeasure? Protection,
        string? RepresentativeName, Guid? RenewsId = null, bool ConfirmWarnings = false);

    /// <summary>La signature du mandat sur papier, enregistrée par le travailleur social.</summary>
    /// <param name="SignedOn">Date de la signature, jour (AAAA-MM-JJ, calendrier de Paris) : pas dans le futur, pas avant la préparation du mandat. Obligatoire.</param>
    /// <param name="Signer">Qui a signé pour la personne : LaPersonne sans mesure, LaPersonneEtSonCurateur sous curatelle, LeRepresentantLegal sous tutelle ou habilitation familiale (une personne sous tutelle ne signe pas seule). Obligatoire.</param>
    public sealed record SignatureRequest(DateOnly? SignedOn, MandateSigner? Signer);

    /// <summary>La révocation du mandat entier, ou d'une seule de ses autorisations, à la date du jour.</summary>
    /// <param name="Domain">Le domaine de l'autorisation révoquée ; absent : le mandat entier est révoqué.</param>
    /// <param name="Reason">Raison de la révocation, facultative.</param>
    public sealed record RevocationRequest(ProcedureDomain? Domain, MandateRevocationReason? Reason);

    /// <summary>Liste fermée : PasEncoreSigne (préparé, imprimé, pas encore signé) ; AVenir (signé, commence plus tard) ; EnVigueur (signé, en vigueur aujourd'hui) ; Expire (son dernier jour est passé) ; Revoque (révoqué par la personne).</summary>
    public enum State { PasEncoreSigne, AVenir, EnVigueur, Expire, Revoque }

    public static State StateOn(Mandate m, DateOnly day) =>
        m.RevokedOn is not null ? State.Revoque
        : m.EndsOn < day ? State.Expire
        : m.SignedOn is null ? State.PasEncoreSigne
        : day < m.StartsOn ? State.AVenir
        : State.EnVigueur;

    public static string Label(State s) => s switch
    {
        State.PasEncoreSigne => "Pas encore signé",
        State.AVenir => "Signé, pas encore en vigueur",
        State.EnVigueur => "En vigueur",
        State.Expire => "Expiré",
        State.Revoque => "Révoqué",
        _ => ClosedList.Unknown(s),
    };

    /// <summary>Une autorisation d'un mandat, telle que l'accueil peut la voir : son domaine et sa révocation éventuelle.</summary>
    /// <param name="Domain">Domaine de démarches.</param>
    /// <param name="RevokedOn">Date de sa révocation, jour (AAAA-MM-JJ, calendrier de Paris) ; null si elle n'est pas révoquée.</param>
    public sealed record DomainLine(ProcedureDomain Domain, DateOnly? RevokedOn);

    /// <summary>Un mandat de la personne tel que tout lecteur de la section le voit : son état, ses dates et ses domaines (rien d'autre pour l'accueil).</summary>
    /// <param name="Id">Identifiant (UUID) du mandat.</param>
    /// <param name="State">État du mandat aujourd'hui.</param>
    /// <param name="StartsOn">Premier jour, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="EndsOn">Dernier jour, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="SignedOn">Date de la signature, jour (AAAA-MM-JJ, calendrier de Paris) ; null tant qu'il n'est pas signé.</param>
    /// <param name="RevokedOn">Date de la révocation du mandat entier, jour (AAAA-MM-JJ, calendrier de Paris) ; null s'il n'est pas révoqué.</param>
    /// <param name="Domains">Ses autorisations : domaines et révocations.</param>
    public sealed record MandateLine(Guid Id, State State, DateOnly StartsOn, DateOnly EndsOn, DateOnly? SignedOn, DateOnly? RevokedOn, IReadOnlyList<DomainLine> Domains);

    /// <summary>The section of the file: the lines, and what the account may do.</summary>
    public sealed record Overview(PersonAccessView Access, IReadOnlyList<MandateLine> Mandates)
    {
        public bool IsTeam => MandateAccess.CanRead(Access);
        public bool CanPrepare => MandateAccess.CanWrite(Access);
        public bool CanRevoke => MandateAccess.CanRevoke(Access);
    }

    /// <summary>Une démarche faite au nom de la personne sous le mandat.</summary>
    /// <param name="DoneOn">Date de la démarche, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="Domain">Domaine.</param>
    /// <param name="Organisation">Organisme.</param>
    /// <param name="Procedure">Démarche faite.</param>
    /// <param name="Outcome">Résultat.</param>
    /// <param name="Worker">Nom du professionnel qui l'a faite.</param>
    public sealed record ActionLine(DateOnly DoneOn, ProcedureDomain Domain, OnlineOrganisation Organisation, OnlineProcedure Procedure, ProcedureOutcome Outcome, string Worker);

    /// <summary>Une autorisation du mandat.</summary>
    /// <param name="Domain">Domaine de démarches.</param>
    /// <param name="Organisations">Organismes concernés.</param>
    /// <param name="RevokedOn">Date de sa révocation, jour (AAAA-MM-JJ, calendrier de Paris) ; null si elle n'est pas révoquée.</param>
    /// <param name="RevocationReason">Raison de sa révocation ; null si aucune n'a été donnée.</param>
    public sealed record AuthorisationLine(ProcedureDomain Domain, IReadOnlyList<OnlineOrganisation> Organisations, DateOnly? RevokedOn, MandateRevocationReason? RevocationReason);

    /// <summary>Un mandat, pour l'équipe de l'accompagnement : ce qui a été imprimé et signé, son état, ses révocations et les démarches faites.</summary>
    /// <param name="Id">Identifiant (UUID) du mandat.</param>
    /// <param name="PersonId">Identifiant (UUID) de la personne (mandant).</param>
    /// <param name="FollowUpId">Identifiant (UUID) de l'accompagnement dont l'équipe agit.</param>
    /// <param name="Code">Code court imprimé sous le code QR (10 caractères, à saisir sur « Vérifier un mandat »).</param>
    /// <param name="Fingerprint">Empreinte SHA-256 imprimée sur les deux exemplaires (64 caractères hexadécimaux).</param>
    /// <param name="TemplateVersion">Version du modèle de mandat.</param>
    /// <param name="State">État du mandat aujourd'hui.</param>
    /// <param name="StartsOn">Premier jour, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="EndsOn">Dernier jour, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="Protection">Mesure de protection de la personne.</param>
    /// <param name="RepresentativeName">Nom du représentant légal ; null sans mesure.</param>
    /// <param name="SignerRequired">Qui doit signer pour la personne, selon la mesure de protection.</param>
    /// <param name="Mandataires">Noms des professionnels nommés, tels qu'imprimés.</param>
    /// <param name="MandataireIds">Identifiants (UUID) des professionnels nommés.</param>
    /// <param name="Authorisations">Les autorisations.</param>
    /// <param name="DataKinds">Données que les mandataires peuvent utiliser.</param>
    /// <param name="CreatedAt">Date de préparation, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    /// <param name="SignedOn">Date de la signature, jour (AAAA-MM-JJ, calendrier de Paris) ; null tant qu'il n'est pas signé.</param>
    /// <param name="SignedBy">Qui a signé pour la personne ; null tant qu'il n'est pas signé.</param>
    /// <param name="RevokedOn">Date de la révocation du mandat entier, jour (AAAA-MM-JJ, calendrier de Paris) ; null s'il n'est pas révoqué.</param>
    /// <param name="RevocationReason">Raison de la révocation du mandat entier ; null si aucune.</param>
    /// <param name="RenewsId">Identifiant (UUID) du mandat que celui-ci renouvelle ; null sinon.</param>
    /// <param name="RenewedById">Identifiant (UUID) du mandat qui renouvelle celui-ci ; null sinon.</param>
    /// <param name="DocumentIntact">false si le document enregistré ne correspond plus à son empreinte (alerte : ne pas l'utiliser).</param>
    /// <param name="Actions">Démarches faites sous ce mandat, les plus récentes d'abord.</param>
    public sealed record Detail(Guid Id, Guid PersonId, Guid FollowUpId, string Code, string Fingerprint, string TemplateVersion, State State,
        DateOnly StartsOn, DateOnly EndsOn, ProtectionMeasure Protection, string? RepresentativeName, MandateSigner SignerRequired,
        IReadOnlyList<string> Mandataires, IReadOnlyList<Guid> MandataireIds, IReadOnlyList<AuthorisationLine> Authorisations,
        IReadOnlyList<MandateDataKind> DataKinds, DateTime CreatedAt, DateOnly? SignedOn, MandateSigner? SignedBy, DateOnly? RevokedOn,
        MandateRevocationReason? RevocationReason, Guid? RenewsId, Guid? RenewedById, bool DocumentIntact, IReadOnlyList<ActionLine> Actions);

    /// <summary>A follow-up the worker may prepare a mandate on, with the team she may name.</summary>
    public sealed record FollowUpChoice(Guid Id, DateOnly OpenedOn, IReadOnlyList<(Guid Id, string Name, bool Referent)> Team);

    public const string AlreadySignedMessage = "La signature de ce mandat est déjà enregistrée : rien n'a changé.";
    public const string AlreadyRevokedMessage = "Ce mandat est déjà révoqué : rien n'a changé.";
    public const string AuthorisationAlreadyRevokedMessage = "Cette autorisation est déjà révoquée : rien n'a changé.";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => ParisTime.DayOf(Now);

    /// <summary>The mandates section of the file, for the team and for reception; null for every other account.</summary>
    public async Task<Overview?> OverviewAsync(PersonAccessView view, bool journaled = false, CancellationToken ct = default)
    {
        if (!MandateAccess.SeesExistence(view)) return null;
        // The file page journals the team's read with its other sections; reception's sight of the mandates is journaled here.
        if (!journaled || !MandateAccess.CanRead(view)) await JournalReadAsync(view, null, ct);
        var mandates = await db.Mandates.AsNoTracking().Include(m => m.Authorisations).Where(m => m.PersonId == view.PersonId)
            .OrderByDescending(m => m.CreatedAt).ToListAsync(ct);
        var today = Today;
        return new Overview(view, mandates.Select(m => new MandateLine(m.Id, StateOn(m, today), m.StartsOn, m.EndsOn, m.SignedOn, m.RevokedOn,
            m.Authorisations.OrderBy(a => a.Domain).Select(a => new DomainLine(a.Domain, a.RevokedOn)).ToList())).ToList());
    }

    /// <summary>One mandate as reception sees it (state, dates, domains); for the team too. Null: 404.</summary>
    public async Task<MandateLine?> LineAsync(PersonAccessView? view, Guid mandateId, CancellationToken ct = default)
    {
        if (view is null || !MandateAccess.SeesExistence(view)) return null;
        var m = await db.Mandates.AsNoTracking().Include(x => x.Authorisations).FirstOrDefaultAsync(x => x.Id == mandateId && x.PersonId == view.PersonId, ct);
        if (m is null) return null;
        await JournalReadAsync(view, m.Id, ct);
        return new MandateLine(m.Id, StateOn(m, Today), m.StartsOn, m.EndsOn, m.SignedOn, m.RevokedOn,
            m.Authorisations.OrderBy(a => a.Domain).Select(a => new DomainLine(a.Domain, a.RevokedOn)).ToList());
    }

    /// <summary>A read of mandates, the mandate as reference when one is read: through the group for the team; for reception,
    /// which reads no group, the same entry by hand (it saw that mandates exist, their dates and domains).</summary>
    private Task JournalReadAsync(PersonAccessView view, Guid? mandateId, CancellationToken ct) =>
        MandateAccess.CanRead(view)
            ? journal.ReadAsync(view, [FieldGroup.DemarchesEnLigne], ct, mandateId)
            : journal.WriteAsync(Domain.Journal.JournalAction.Lecture, view.PersonId, nameof(FieldGroup.DemarchesEnLigne), reference: mandateId, ct: ct);

    /// <summary>One mandate for the team, journaled as a read with the mandate as reference; null (404) for everyone else.</summary>
    public async Task<Result<Detail>> DetailAsync(PersonAccessView? view, Guid mandateId, CancellationToken ct = default)
    {
        if (view is null || !MandateAccess.CanRead(view)) return Result.NotFound();
        var m = await db.Mandates.AsNoTracking().Include(x => x.Authorisations).FirstOrDefaultAsync(x => x.Id == mandateId && x.PersonId == view.PersonId, ct);
        if (m is null) return Result.NotFound();
        await journal.ReadAsync(view, [FieldGroup.DemarchesEnLigne], ct, reference: m.Id);
        var document = MandateTemplate.Read(m.Document);
        var actions = await ActionLines(db.MandateActions.Where(a => a.MandateId == m.Id).OrderByDescending(a => a.DoneOn).ThenByDescending(a => a.RecordedAt))
            .ToListAsync(ct);
        var renewedBy = await db.Mandates.AsNoTracking().Where(x => x.RenewsId == m.Id).OrderByDescending(x => x.CreatedAt).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
        return Result.Ok(new Detail(m.Id, m.PersonId, m.FollowUpId, m.Code, m.Fingerprint, m.TemplateVersion, StateOn(m, Today), m.StartsOn, m.EndsOn,
            m.Protection, m.RepresentativeName, Mandate.SignerFor(m.Protection), document.Mandataires, m.Mandataires,
            m.Authorisations.OrderBy(a => a.Domain).Select(a => new AuthorisationLine(a.Domain, a.Organisations, a.RevokedOn, a.RevocationReason)).ToList(),
            m.DataKinds, DateTime.SpecifyKind(m.CreatedAt, DateTimeKind.Utc), m.SignedOn, m.SignedBy, m.RevokedOn, m.RevocationReason, m.RenewsId, renewedBy,
            m.DocumentIntact, actions.Select(a => a.Line).ToList()));
    }

    /// <summary>A procedure done under a mandate, as the team and the person read it (the worker by name).</summary>
    private sealed record ActionRow(Guid MandateId, ActionLine Line);

    private IQueryable<ActionRow> ActionLines(IQueryable<MandateAction> actions) =>
        actions.AsNoTracking().Select(a => new ActionRow(a.MandateId, new ActionLine(a.DoneOn, a.Domain, a.Organisation, a.Procedure, a.Outcome,
            db.Users.Where(u => u.Id == a.WorkerId).Select(u => u.DisplayName).FirstOrDefault() ?? "?")));

    /// <summary>The open follow-ups of the person where the account is in the team, each with the team it may name.</summary>
    public async Task<IReadOnlyList<FollowUpChoice>> FollowUpChoicesAsync(PersonAccessView view, CancellationToken ct = default)
    {
        if (!MandateAccess.CanWrite(view)) return [];
        var me = view.AccountId;
        var followUps = await db.FollowUps.AsNoTracking().Where(f => f.PersonId == view.PersonId && f.Status == FollowUpStatus.Ouvert
                && (f.ReferentId == me || f.Team.Any(t => t.StaffAccountId == me)))
            .OrderBy(f => f.OpenedOn).Select(f => new { f.Id, f.OpenedOn, f.ReferentId, Members = f.Team.Select(t => t.StaffAccountId).ToList() })
            .ToListAsync(ct);
        var ids = followUps.SelectMany(f => f.Members.Append(f.ReferentId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return followUps.Select(f => new FollowUpChoice(f.Id, f.OpenedOn,
            f.Members.Where(id => id != f.ReferentId).Distinct().Select(id => (id, names.GetValueOrDefault(id, "?"), false))
                .OrderBy(t => t.Item2, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true))
                .Prepend((f.ReferentId, names.GetValueOrDefault(f.ReferentId, "?"), true)).ToList())).ToList();
    }

    /// <summary>Prepares and seals a mandate; its id when saved. Nothing is saved on a wrong input.</summary>
    public async Task<Result<Guid>> CreateAsync(PersonAccessView? view, Request request, CancellationToken ct = default)
    {
        if (view is null || !MandateAccess.CanWrite(view)) return Result.NotFound();
        var personId = view.PersonId;
        var today = Today;
        var errors = new Dictionary<string, string>();

        var choices = await FollowUpChoicesAsync(view, ct);
        FollowUpChoice? followUp = null;
        if (request.FollowUpId is not { } followUpId) errors["FollowUpId"] = "Choisissez l'accompagnement dont l'équipe agira sous le mandat.";
        else if ((followUp = choices.FirstOrDefault(c => c.Id == followUpId)) is null)
            errors["FollowUpId"] = "Choisissez un accompagnement ouvert de la personne dont vous faites partie de l'équipe.";

        var mandataires = (request.Mandataires ?? []).Distinct().ToList();
        if (mandataires.Count == 0) errors["Mandataires"] = "Cochez au moins un professionnel nommé dans le mandat.";
        else if (followUp is not null && mandataires.Any(id => followUp.Team.All(t => t.Id != id)))
            errors["Mandataires"] = "Un professionnel choisi ne fait pas partie de l'équipe de cet accompagnement : seuls le référent et les co-intervenants peuvent être nommés.";

        var authorisations = request.Authorisations ?? [];
        if (authorisations.Count == 0) errors["Authorisations"] = "Cochez au moins un domaine de démarches que la personne autorise.";
        var seen = new HashSet<ProcedureDomain>();
        var offered = await OfferedDomainsAsync(ct);
        for (var i = 0; i < authorisations.Count; i++)
        {
            var a = authorisations[i];
            if (a?.Domain is not { } domain || !Enum.IsDefined(domain)) { errors[$"Authorisations[{i}].Domain"] = "Choisissez un domaine de démarches de la liste."; continue; }
            if (!offered.Contains(domain))
            {
                errors[$"Authorisations[{i}].Domain"] = $"Le département ne propose pas le domaine « {domain.Label()} » dans ses mandats : choisissez l'un des domaines proposés.";
                continue;
            }
            if (!seen.Add(domain)) { errors["Authorisations"] = $"Le domaine « {domain.Label()} » est demandé deux fois : une seule autorisation par domaine."; continue; }
            var organisations = a.Organisations ?? [];
            if (organisations.Count == 0) errors[$"Authorisations[{i}].Organisations"] = $"Cochez au moins un organisme pour le domaine « {domain.Label()} ».";
            else if (organisations.Any(o => !Enum.IsDefined(o))) errors[$"Authorisations[{i}].Organisations"] = "Choisissez les organismes dans la liste proposée.";
        }

        var dataKinds = (request.DataKinds ?? []).Distinct().ToList();
        if (dataKinds.Count == 0) errors["DataKinds"] = "Cochez au moins une donnée que les professionnels mandatés pourront utiliser.";
        else if (dataKinds.Any(k => !Enum.IsDefined(k))) errors["DataKinds"] = "Choisissez les données dans la liste proposée.";

        DateOnly? endsOn = null;
        if (request.StartsOn is not { } startsOn) errors["StartsOn"] = "Saisissez le premier jour du mandat (jour, mois, année).";
        else
        {
            if (startsOn < today) errors["StartsOn"] = $"Le mandat ne peut pas commencer dans le passé : au plus tôt aujourd'hui, le {ParisTime.Day(today)}.";
            if (request.OneDay) endsOn = startsOn;
            else if (request.EndsOn is not { } end) errors["EndsOn"] = "Saisissez le dernier jour du mandat, ou choisissez un mandat d'un jour.";
            else if (end < startsOn) errors["EndsOn"] = "Le dernier jour du mandat ne peut pas précéder son premier jour.";
            else if (end > startsOn.AddMonths(Mandate.MaxMonths))
                errors["EndsOn"] = $"Un mandat vaut 12 mois au plus : choisissez un dernier jour au plus tard le {ParisTime.Day(startsOn.AddMonths(Mandate.MaxMonths))}.";
            else endsOn = end;
        }

        var protection = request.Protection ?? ProtectionMeasure.Aucune;
        string? representative = null;
        GuardResult? guard = null;
        if (!Enum.IsDefined(protection)) errors["Protection"] = "Choisissez la mesure de protection dans la liste.";
        else if (protection != ProtectionMeasure.Aucune)
        {
            representative = request.RepresentativeName?.Trim();
            if (string.IsNullOrEmpty(representative))
                errors["RepresentativeName"] = $"Sous {protection.Label().ToLowerInvariant()}, indiquez le nom du représentant légal qui signe ou assiste la personne.";
            else if (representative.Length > Mandate.MaxRepresentativeNameLength)
                errors["RepresentativeName"] = $"Le nom du représentant compte {representative.Length} caractères : il doit en compter {Mandate.MaxRepresentativeNameLength} au plus.";
            else guard = FreeTextCheck.Check(representative, "RepresentativeName", request.ConfirmWarnings, errors);
        }

        if (request.RenewsId is { } renewsId && !await db.Mandates.AnyAsync(m => m.Id == renewsId && m.PersonId == personId, ct))
            errors["RenewsId"] = "Le mandat à renouveler n'est pas un mandat de cette personne.";
        if (errors.Count > 0) return Result.Invalid(errors);

        var terms = new MandateTerms(request.StartsOn!.Value, endsOn!.Value, protection, representative, mandataires, dataKinds,
            authorisations.Select(a => (a.Domain!.Value, (IReadOnlyList<OnlineOrganisation>)a.Organisations!.Distinct().Order().ToList())).OrderBy(a => a.Item1).ToList(),
            request.RenewsId);
        var mandate = new Mandate(personId, followUp!.Id, terms, view.AccountId, Now);
        var document = await DocumentAsync(view, mandate, followUp, ct);
        mandate.Seal(MandateTemplate.Version, MandateTemplate.Serialise(document));
        db.Mandates.Add(mandate);
        journal.RecordWrite(personId, "mandat", [FieldGroup.DemarchesEnLigne], view, mandate.Id);
        if (guard is not null) journal.RecordConfirmedWarnings(personId, "Mandate.RepresentativeName", guard);
        await db.SaveChangesAsync(ct);
        return Result.Ok(mandate.Id);
    }

    /// <summary>The domains the département offers in new mandates (<see cref="Domain.Organisation.DepartementSettings.OfferedDomains"/>).</summary>
    public async Task<IReadOnlyList<ProcedureDomain>> OfferedDomainsAsync(CancellationToken ct = default) =>
        Domain.Organisation.DepartementSettings.ParseDomains(await db.DepartementSettings.AsNoTracking()
            .Where(s => s.Id == Domain.Organisation.DepartementSettings.SingletonId).Select(s => s.OfferedProcedureDomains).FirstOrDefaultAsync(ct)
            ?? Domain.Organisation.DepartementSettings.AllProcedureDomains);

    /// <summary>The filled mandate, from the file as it is now: what will be printed and signed.</summary>
    private async Task<MandateDocument> DocumentAsync(PersonAccessView view, Mandate mandate, FollowUpChoice followUp, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == view.PersonId)
            .Select(p => new { p.BirthName, p.UsageName, p.FirstNames, p.BirthDate, Circonscription = db.Circonscriptions.Where(c => c.Id == p.CirconscriptionId).Select(c => c.Name).FirstOrDefault() })
            .SingleAsync(ct);
        var departement = await theme.GetAsync();
        var names = followUp.Team.Where(t => mandate.Mandataires.Contains(t.Id)).Select(t => t.Name).ToList();
        var request = http.HttpContext?.Request;
        var address = request is null ? "/mandats/verifier" : $"{request.Scheme}://{request.Host}{request.PathBase}/mandats/verifier";
        return new MandateDocument(MandateTemplate.Version, departement.Name, person.Circonscription ?? "",
            new MandateDocumentPerson(person.BirthName, person.UsageName, person.FirstNames, person.BirthDate),
            mandate.Protection.Label(), mandate.RepresentativeName, Mandate.SignerFor(mandate.Protection).Label(), names,
            mandate.Authorisations.OrderBy(a => a.Domain).Select(a => new MandateDocumentAuthorisation(a.Domain, a.Domain.Label(), a.Domain.Examples(),
                a.Organisations.Select(o => o.Label()).ToList())).ToList(),
            mandate.DataKinds.Select(k => k.Label()).ToList(), mandate.StartsOn, mandate.EndsOn, mandate.IsOneDay, MandateTemplate.Commitments,
            ParisTime.DayOf(mandate.CreatedAt), address);
    }

    /// <summary>Records that the mandate was signed on paper: the date and who signed for the person (the only signer the
    /// protection measure allows).</summary>
    public async Task<Result> SignAsync(PersonAccessView? view, Guid mandateId, SignatureRequest request, CancellationToken ct = default)
    {
        if (view is null || !MandateAccess.CanWrite(view)) return Result.NotFound();
        var mandate = await db.Mandates.FirstOrDefaultAsync(m => m.Id == mandateId && m.PersonId == view.PersonId, ct);
        if (mandate is null) return Result.NotFound();
        if (mandate.SignedOn is not null) return Result.Conflict(AlreadySignedMessage);
        if (mandate.RevokedOn is not null) return Result.Conflict("Ce mandat a été révoqué : sa signature ne peut plus être enregistrée. Préparez un nouveau mandat.");
        var errors = new Dictionary<string, string>();
        var today = Today;
        var prepared = ParisTime.DayOf(mandate.CreatedAt);
        if (request.SignedOn is not { } signedOn) errors["SignedOn"] = "Saisissez la date de la signature (jour, mois, année).";
        else if (signedOn > today) errors["SignedOn"] = "La date de la signature ne peut pas être dans le futur.";
        else if (signedOn < prepared) errors["SignedOn"] = $"La date de la signature ne peut pas précéder la préparation du mandat, le {ParisTime.Day(prepared)}.";
        else if (signedOn > mandate.EndsOn) errors["SignedOn"] = $"Le mandat a pris fin le {ParisTime.Day(mandate.EndsOn)} : une signature plus tardive ne le rend pas valable. Préparez un nouveau mandat.";
        var required = Mandate.SignerFor(mandate.Protection);
        if (request.Signer is not { } signer || !Enum.IsDefined(signer)) errors["Signer"] = "Indiquez qui a signé pour la personne.";
        else if (signer != required)
            errors["Signer"] = mandate.Protection switch
            {
                ProtectionMeasure.Tutelle or ProtectionMeasure.HabilitationFamiliale =>
                    $"Sous {mandate.Protection.Label().ToLowerInvariant()}, la personne ne peut pas signer seule : le mandat est signé par son représentant légal.",
                ProtectionMeasure.Curatelle => "Sous curatelle, la personne signe assistée de son curateur : les deux signent.",
                _ => "Sans mesure de protection, c'est la personne qui signe le mandat.",
            };
        if (errors.Count > 0) return Result.Invalid(errors);
        mandate.RecordSignature(request.SignedOn!.Value, request.Signer!.Value, view.AccountId, Now);
        journal.RecordWrite(view.PersonId, "signature d'un mandat", [FieldGroup.DemarchesEnLigne], view, mandate.Id);
        return await SaveAsync(ct);
    }

    /// <summary>Revokes the whole mandate, or one authorisation, today (Paris). By the team, or by reception when the person comes in.</summary>
    public async Task<Result> RevokeAsync(PersonAccessView? view, Guid mandateId, RevocationRequest request, CancellationToken ct = default)
    {
        if (view is null || !MandateAccess.CanRevoke(view)) return Result.NotFound();
        var mandate = await db.Mandates.Include(m => m.Authorisations).FirstOrDefaultAsync(m => m.Id == mandateId && m.PersonId == view.PersonId, ct);
        if (mandate is null) return Result.NotFound();
        if (request.Reason is { } reason && !Enum.IsDefined(reason)) return Result.Invalid("Reason", "Choisissez la raison dans la liste, ou n'en donnez pas.");
        if (mandate.RevokedOn is not null) return Result.Conflict(AlreadyRevokedMessage);
        var today = Today;
        if (request.Domain is { } domain)
        {
            var authorisation = Enum.IsDefined(domain) ? mandate.AuthorisationFor(domain) : null;
            if (authorisation is null) return Result.Invalid("Domain", "Ce mandat ne contient pas d'autorisation pour ce domaine : choisissez l'une de ses autorisations.");
            if (authorisation.RevokedOn is not null) return Result.Conflict(AuthorisationAlreadyRevokedMessage);
            authorisation.Revoke(today, view.AccountId, request.Reason);
            journal.RecordWrite(view.PersonId, $"révocation d'une autorisation de mandat ({domain})", [FieldGroup.DemarchesEnLigne], view, mandate.Id);
            // The authorisation is a row of its own: the mandate's version moves too, so that two revocations at once conflict.
            db.Entry(mandate).Property(m => m.Version).CurrentValue = mandate.Version + 1;
        }
        else
        {
            mandate.Revoke(today, view.AccountId, request.Reason);
            journal.RecordWrite(view.PersonId, "révocation d'un mandat", [FieldGroup.DemarchesEnLigne], view, mandate.Id);
        }
        return await SaveAsync(ct);
    }

    private async Task<Result> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result.Conflict("Ce mandat vient d'être modifié par quelqu'un d'autre : rien n'a été enregistré. Rechargez la page.");
        }
    }

    /// <summary>The mandate's PDF (two copies), drawn from its stored document: identical at each issue. The team only; journaled.</summary>
    public async Task<Result<(byte[] Pdf, string FileName)>> PdfAsync(PersonAccessView? view, Guid mandateId, CancellationToken ct = default)
    {
        if (view is null || !MandateAccess.CanRead(view)) return Result.NotFound();
        var mandate = await db.Mandates.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mandateId && m.PersonId == view.PersonId, ct);
        if (mandate is null) return Result.NotFound();
        await journal.WriteAsync(Domain.Journal.JournalAction.Export, view.PersonId, "mandat (PDF)", reference: mandate.Id, ct: ct);
        return Result.Ok((MandatePdf.Mandate(mandate), $"mandat-{mandate.Code}.pdf"));
    }

    /// <summary>« Démarches faites en votre nom »: every procedure done under the person's mandates, mandate by mandate, to
    /// hand to her on request (R28: she is told of each procedure done in her name). The team only; journaled as an export.</summary>
    public async Task<Result<(byte[] Pdf, string FileName)>> ProceduresPdfAsync(PersonAccessView? view, CancellationToken ct = default)
    {
        if (view is null || !MandateAccess.CanRead(view)) return Result.NotFound();
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == view.PersonId)
            .Select(p => new MandateDocumentPerson(p.BirthName, p.UsageName, p.FirstNames, p.BirthDate)).SingleAsync(ct);
        var mandates = await db.Mandates.AsNoTracking().Include(m => m.Authorisations).Where(m => m.PersonId == view.PersonId)
            .OrderBy(m => m.StartsOn).ThenBy(m => m.CreatedAt).ToListAsync(ct);
        var ids = mandates.Select(m => m.Id).ToList();
        var actions = await ActionLines(db.MandateActions.Where(a => ids.Contains(a.MandateId)).OrderBy(a => a.DoneOn).ThenBy(a => a.RecordedAt))
            .ToListAsync(ct);
        var departement = (await theme.GetAsync()).Name;
        var today = Today;
        var sections = mandates.Select(m => new MandatePdf.ProceduresSection(m, StateOn(m, today),
            actions.Where(a => a.MandateId == m.Id).Select(a => a.Line).ToList())).ToList();
        await journal.WriteAsync(Domain.Journal.JournalAction.Export, view.PersonId, "démarches faites au nom de la personne (PDF)", ct: ct);
        return Result.Ok((MandatePdf.Procedures(departement, person, today, sections), $"demarches-faites-en-votre-nom-{today:yyyy-MM-dd}.pdf"));
    }

    /// <summary>The receipt of the revocations recorded on the mandate, to hand to the person: the team and reception.</summary>
    public async Task<Result<(byte[] Pdf, string FileName)>> ReceiptAsync(PersonAccessView? view, Guid mandateId, CancellationToken ct = default)
    {
        if (view is null || !MandateAccess.CanRevoke(view) && !MandateAccess.SeesExistence(view)) return Result.NotFound();
        var mandate = await db.Mandates.AsNoTracking().Include(m => m.Authorisations).FirstOrDefaultAsync(m => m.Id == mandateId && m.PersonId == view.PersonId, ct);
        if (mandate is null) return Result.NotFound();
        if (mandate.RevokedOn is null && mandate.Authorisations.All(a => a.RevokedOn is null))
            return Result.Conflict("Aucune révocation n'est enregistrée sur ce mandat : il n'y a pas d'accusé de révocation à remettre.");
        await journal.WriteAsync(Domain.Journal.JournalAction.Export, view.PersonId, "accusé de révocation d'un mandat (PDF)", reference: mandate.Id, ct: ct);
        return Result.Ok((MandatePdf.Receipt(mandate), $"accuse-de-revocation-{mandate.Code}.pdf"));
    }
}
