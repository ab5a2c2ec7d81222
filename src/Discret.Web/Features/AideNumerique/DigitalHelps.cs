using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Mandates;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.AideNumerique;

/// <summary>
/// Digital help within a follow-up, at the three levels of the CNIL's kit for social workers (R28):
/// <list type="bullet">
/// <item>« je forme »: that it happened and its theme (closed list) — nothing of the person's situation;</item>
/// <item>« j'accompagne »: the procedure's domain, organisation and outcome — the person types her own credentials;</item>
/// <item>« je fais à la place de »: a <see cref="MandateAction"/>, only under a mandate of the person in force on the day of
/// the procedure (<see cref="Mandate.InForceOn"/>), whose authorisation for the domain is not revoked, lists the
/// organisation (« Autre organisme » only when the person ticked it on the mandate), and names the worker. Any other case is
/// refused and journaled as refused (<see cref="JournalAction.DemarcheRefusee"/>, the mandate as reference, the reason's code
/// as detail, never content).</item>
/// </list>
/// Who may read and write is <see cref="FieldGroup.DemarchesEnLigne"/> in <see cref="PersonAccess"/> (the follow-up's team):
/// everyone else gets 404, as if the follow-up had none.
/// </summary>
public sealed class DigitalHelps(DiscretDbContext db, TimeProvider clock, AccessJournal journal)
{
    /// <summary>Une aide numérique apportée dans un accompagnement, à l'un des trois niveaux.</summary>
    /// <param name="Level">Niveau de l'aide : JeForme, JAccompagne ou JeFaisALaPlaceDe. Obligatoire.</param>
    /// <param name="OccurredOn">Date de l'aide ou de la démarche, jour (AAAA-MM-JJ, calendrier de Paris), pas dans le futur ni avant l'ouverture de l'accompagnement. Obligatoire.</param>
    /// <param name="Theme">Thème de la formation (niveau JeForme seulement, obligatoire pour lui).</param>
    /// <param name="Domain">Domaine de la démarche (niveaux JAccompagne et JeFaisALaPlaceDe, obligatoire pour eux).</param>
    /// <param name="Organisation">Organisme de la démarche (niveaux JAccompagne et JeFaisALaPlaceDe, obligatoire pour eux) ; sous mandat, un organisme que l'autorisation du domaine nomme.</param>
    /// <param name="Outcome">Résultat de la démarche (niveaux JAccompagne et JeFaisALaPlaceDe, obligatoire pour eux).</param>
    /// <param name="MandateId">Mandat de la personne sous lequel la démarche est faite (niveau JeFaisALaPlaceDe, obligatoire pour lui) : en vigueur à la date de la démarche et vous nommant.</param>
    /// <param name="Procedure">Démarche faite à la place de la personne (niveau JeFaisALaPlaceDe, obligatoire pour lui).</param>
    public sealed record Request(DigitalHelpLevel? Level, DateOnly? OccurredOn, DigitalTrainingTheme? Theme = null, ProcedureDomain? Domain = null,
        OnlineOrganisation? Organisation = null, ProcedureOutcome? Outcome = null, Guid? MandateId = null, OnlineProcedure? Procedure = null);

    /// <summary>Une aide numérique de l'accompagnement.</summary>
    /// <param name="Id">Identifiant (UUID) de l'aide, ou de la démarche faite sous mandat.</param>
    /// <param name="Level">Niveau de l'aide : JeForme, JAccompagne ou JeFaisALaPlaceDe.</param>
    /// <param name="OccurredOn">Date de l'aide ou de la démarche (AAAA-MM-JJ).</param>
    /// <param name="Theme">Thème de la formation (JeForme), sinon absent.</param>
    /// <param name="Domain">Domaine de la démarche (JAccompagne, JeFaisALaPlaceDe), sinon absent.</param>
    /// <param name="Organisation">Organisme de la démarche (JAccompagne, JeFaisALaPlaceDe), sinon absent.</param>
    /// <param name="Outcome">Résultat de la démarche (JAccompagne, JeFaisALaPlaceDe), sinon absent.</param>
    /// <param name="Procedure">Démarche faite à la place de la personne (JeFaisALaPlaceDe), sinon absente.</param>
    /// <param name="MandateId">Mandat sous lequel la démarche a été faite (JeFaisALaPlaceDe), sinon absent.</param>
    /// <param name="By">Nom du professionnel qui a apporté l'aide ou fait la démarche.</param>
    public sealed record HelpLine(Guid Id, DigitalHelpLevel Level, DateOnly OccurredOn, DigitalTrainingTheme? Theme, ProcedureDomain? Domain,
        OnlineOrganisation? Organisation, ProcedureOutcome? Outcome, OnlineProcedure? Procedure, Guid? MandateId, string By);

    /// <summary>Les aides numériques d'un accompagnement, la plus récente d'abord.</summary>
    /// <param name="Helps">Les aides (je forme, j'accompagne) et les démarches faites sous un mandat rattaché à cet accompagnement.</param>
    public sealed record Overview(IReadOnlyList<HelpLine> Helps);

    /// <summary>A mandate the worker may act under today, with the domains (and their organisations) still authorised.</summary>
    public sealed record MandateChoice(Guid Id, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<(ProcedureDomain Domain, IReadOnlyList<OnlineOrganisation> Organisations)> Domains);

    public const string RefusedTitle = "Démarche refusée";
    public const string NoMandateMessage =
        "Aucun mandat en vigueur ne vous permet d'agir à la place de la personne : préparez un mandat depuis son dossier.";
    public const string TrainingNotice =
        "Pour les exercices, utilisez des données fictives (un compte d'essai, une adresse inventée). Seuls la date et le thème sont enregistrés : rien de la situation de la personne.";
    public const string AccompanyingNotice =
        "La personne saisit elle-même ses identifiants et ses mots de passe : ne les lisez pas, ne les notez nulle part. Discret n'en garde rien.";
    public const string InPlaceNotice =
        "Seulement sous un mandat signé par la personne, en vigueur, qui couvre le domaine et l'organisme et qui vous nomme. "
        + "La personne reçoit la liste des démarches faites en son nom. Aucun identifiant ni mot de passe n'est enregistré.";

    /// <summary>Why a procedure in the person's place is refused; the code is the journal's detail.</summary>
    public enum Refusal { NonSigne, HorsPeriode, Revoque, DomaineNonCouvert, AutorisationRevoquee, OrganismeNonCouvert, NonMandate }

    public static bool CanRead(PersonAccessView view) => view.CanRead(FieldGroup.DemarchesEnLigne);
    public static bool CanRecord(PersonAccessView view) => view.CanWrite(FieldGroup.DemarchesEnLigne);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    public DateOnly Today => ParisTime.DayOf(Now);

    public static string RefusalMessage(Refusal refusal, Mandate mandate, ProcedureDomain domain, DateOnly on) => refusal switch
    {
        Refusal.NonSigne => "Démarche refusée : le mandat n'a pas été signé. Rien n'a été enregistré. Faites signer le mandat avant d'agir à la place de la personne.",
        Refusal.HorsPeriode => $"Démarche refusée : le mandat n'est pas en vigueur le {ParisTime.Day(on)} (il va du {ParisTime.Day(mandate.StartsOn)} au {ParisTime.Day(mandate.EndsOn)}). Rien n'a été enregistré. Si la personne le souhaite, préparez un nouveau mandat.",
        Refusal.Revoque => $"Démarche refusée : la personne a révoqué ce mandat le {ParisTime.Day(mandate.RevokedOn)}. Rien n'a été enregistré.",
        Refusal.DomaineNonCouvert => $"Démarche refusée : le mandat ne couvre pas le domaine « {domain.Label()} ». Rien n'a été enregistré.",
        Refusal.AutorisationRevoquee => $"Démarche refusée : la personne a révoqué l'autorisation « {domain.Label()} » de ce mandat. Rien n'a été enregistré.",
        Refusal.OrganismeNonCouvert => $"Démarche refusée : pour le domaine « {domain.Label()} », le mandat ne nomme pas cet organisme. Rien n'a été enregistré.",
        Refusal.NonMandate => "Démarche refusée : le mandat ne vous nomme pas parmi les professionnels qui peuvent agir à la place de la personne. Rien n'a été enregistré.",
        _ => "Démarche refusée. Rien n'a été enregistré.",
    };

    /// <summary>Why the worker may not act under the mandate for this domain and organisation on that day; null when she may.</summary>
    public static Refusal? Check(Mandate mandate, ProcedureDomain domain, OnlineOrganisation organisation, Guid workerId, DateOnly on)
    {
        if (mandate.SignedOn is null) return Refusal.NonSigne;
        if (mandate.RevokedOn is { } revoked && on >= revoked) return Refusal.Revoque;
        if (!Mandate.InForceOn.Holds(mandate, on)) return Refusal.HorsPeriode;
        if (mandate.AuthorisationFor(domain) is not { } authorisation) return Refusal.DomaineNonCouvert;
        if (!authorisation.ActiveOn(on)) return Refusal.AutorisationRevoquee;
        if (!authorisation.Organisations.Contains(organisation)) return Refusal.OrganismeNonCouvert;
        if (!mandate.Mandataires.Contains(workerId)) return Refusal.NonMandate;
        return null;
    }

    /// <summary>The digital helps of the follow-up and the procedures done under the mandates of its team; null when the account may not read them (404).</summary>
    public Task<Overview?> OverviewAsync(FollowUpInFile? target, bool journaled = false, CancellationToken ct = default) =>
        target is null ? Task.FromResult<Overview?>(null) : OverviewAsync(target.File, target.FollowUp.Id, journaled, ct);

    /// <summary>The same, for the follow-up <paramref name="followUpId"/> of the file <paramref name="view"/> (the file page's section).</summary>
    public async Task<Overview?> OverviewAsync(PersonAccessView view, Guid followUpId, bool journaled = false, CancellationToken ct = default)
    {
        if (!CanRead(view)) return null;
        if (!journaled) await journal.ReadAsync(view, [FieldGroup.DemarchesEnLigne], ct);
        var helps = await db.DigitalHelps.AsNoTracking().Where(h => h.FollowUpId == followUpId && h.PersonId == view.PersonId).ToListAsync(ct);
        var mandateIds = db.Mandates.Where(m => m.FollowUpId == followUpId && m.PersonId == view.PersonId).Select(m => m.Id);
        var actions = await db.MandateActions.AsNoTracking().Where(a => a.PersonId == view.PersonId && mandateIds.Contains(a.MandateId)).ToListAsync(ct);
        var accountIds = helps.Select(h => h.AuthorId).Concat(actions.Select(a => a.WorkerId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => accountIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var lines = helps.Select(h => (h.RecordedAt, Line: new HelpLine(h.Id, h.Level, h.OccurredOn, h.Theme, h.Domain, h.Organisation, h.Outcome, null, null, names.GetValueOrDefault(h.AuthorId, "?"))))
            .Concat(actions.Select(a => (a.RecordedAt, Line: new HelpLine(a.Id, DigitalHelpLevel.JeFaisALaPlaceDe, a.DoneOn, null, a.Domain, a.Organisation, a.Outcome, a.Procedure, a.MandateId,
                names.GetValueOrDefault(a.WorkerId, "?")))))
            .OrderByDescending(x => x.Line.OccurredOn).ThenByDescending(x => x.RecordedAt).Select(x => x.Line).ToList();
        return new Overview(lines);
    }

    /// <summary>
    /// The mandates of the person the account may act under today: in force, naming it, with the authorisations not
    /// revoked. Empty when the account may not record digital helps on the file.
    /// </summary>
    public async Task<IReadOnlyList<MandateChoice>> MandatesAsync(PersonAccessView view, CancellationToken ct = default)
    {
        if (!CanRecord(view)) return [];
        var today = Today;
        var mandates = await db.Mandates.AsNoTracking().Include(m => m.Authorisations).Where(m => m.PersonId == view.PersonId)
            .Where(Mandate.InForceOn.For(today)).OrderBy(m => m.EndsOn).ToListAsync(ct);
        return mandates.Where(m => m.Mandataires.Contains(view.AccountId))
            .Select(m => new MandateChoice(m.Id, m.StartsOn, m.EndsOn, m.Authorisations.Where(a => a.RevokedOn == null).OrderBy(a => a.Domain)
                .Select(a => (a.Domain, (IReadOnlyList<OnlineOrganisation>)a.Organisations)).ToList()))
            .Where(m => m.Domains.Count > 0).ToList();
    }

    /// <summary>Records the digital help (or the procedure done under a mandate); its id when saved.</summary>
    public async Task<Result<Guid>> RecordAsync(FollowUpInFile? target, Request request, CancellationToken ct = default)
    {
        if (target is null || !CanRecord(target.File)) return Result.NotFound();
        var (followUp, view) = target;
        if (!followUp.IsOpen) return Result.Conflict("Cet accompagnement est clos : on ne peut plus y enregistrer d'aide numérique.");

        var today = Today;
        var errors = new Dictionary<string, string>();
        if (request.Level is not { } level || !Enum.IsDefined(level))
        {
            errors[nameof(Request.Level)] = "Choisissez le niveau de l'aide : je forme, j'accompagne ou je fais à la place de la personne.";
            return Result.Invalid(errors);
        }
        if (request.OccurredOn is not { } on) errors[nameof(Request.OccurredOn)] = "Saisissez la date de l'aide (jour, mois, année).";
        else if (on > today) errors[nameof(Request.OccurredOn)] = "La date de l'aide ne peut pas être dans le futur.";
        else if (on < followUp.OpenedOn)
            errors[nameof(Request.OccurredOn)] = $"La date de l'aide ne peut pas précéder l'ouverture de l'accompagnement (le {ParisTime.Day(followUp.OpenedOn)}).";

        switch (level)
        {
            case DigitalHelpLevel.JeForme:
                if (request.Theme is not { } theme || !Enum.IsDefined(theme)) errors[nameof(Request.Theme)] = "Choisissez le thème de la formation.";
                break;
            default:
                if (request.Domain is not { } domain || !Enum.IsDefined(domain)) errors[nameof(Request.Domain)] = "Choisissez le domaine de la démarche.";
                if (request.Organisation is not { } organisation || !Enum.IsDefined(organisation)) errors[nameof(Request.Organisation)] = "Choisissez l'organisme de la démarche.";
                if (request.Outcome is not { } outcome || !Enum.IsDefined(outcome)) errors[nameof(Request.Outcome)] = "Indiquez le résultat de la démarche.";
                if (level == DigitalHelpLevel.JeFaisALaPlaceDe)
                {
                    if (request.MandateId is null) errors[nameof(Request.MandateId)] = "Choisissez le mandat sous lequel vous agissez.";
                    if (request.Procedure is not { } procedure || !Enum.IsDefined(procedure)) errors[nameof(Request.Procedure)] = "Choisissez la démarche faite.";
                }
                break;
        }
        if (errors.Count > 0) return Result.Invalid(errors);

        var now = Now;
        Guid id;
        if (level == DigitalHelpLevel.JeFaisALaPlaceDe)
        {
            var mandate = await db.Mandates.Include(m => m.Authorisations).FirstOrDefaultAsync(m => m.Id == request.MandateId && m.PersonId == view.PersonId, ct);
            if (mandate is null) return Result.Invalid(nameof(Request.MandateId), "Ce mandat n'est pas un mandat de la personne : choisissez parmi ses mandats en vigueur.");
            var (domain, organisation) = (request.Domain!.Value, request.Organisation!.Value);
            if (Check(mandate, domain, organisation, view.AccountId, request.OccurredOn!.Value) is { } refusal)
            {
                await journal.WriteAsync(JournalAction.DemarcheRefusee, view.PersonId, refusal.ToString(), reference: mandate.Id, ct: ct);
                return Result.Refused(RefusedTitle, RefusalMessage(refusal, mandate, domain, request.OccurredOn!.Value));
            }
            var action = new MandateAction(mandate, mandate.AuthorisationFor(domain)!, organisation, request.Procedure!.Value, request.Outcome!.Value,
                request.OccurredOn!.Value, view.AccountId, now);
            db.MandateActions.Add(action);
            journal.RecordWrite(view.PersonId, "démarche faite sous mandat", [FieldGroup.DemarchesEnLigne], view, mandate.Id);
            id = action.Id;
        }
        else
        {
            var help = level == DigitalHelpLevel.JeForme
                ? DigitalHelp.Training(followUp.Id, view.PersonId, request.Theme!.Value, request.OccurredOn!.Value, view.AccountId, now)
                : DigitalHelp.Accompanying(followUp.Id, view.PersonId, request.Domain!.Value, request.Organisation!.Value, request.Outcome!.Value,
                    request.OccurredOn!.Value, view.AccountId, now);
            db.DigitalHelps.Add(help);
            journal.RecordWrite(view.PersonId, "aide numérique", [FieldGroup.DemarchesEnLigne], view, help.Id);
            id = help.Id;
        }
        await db.SaveChangesAsync(ct);
        await Conservation.LastContact.TouchAsync(db, clock, view.PersonId, request.OccurredOn!.Value, ct);
        return Result.Ok(id);
    }
}

/// <summary>The model of the file page's « Aides numériques » part of one follow-up.</summary>
public sealed record DigitalHelpSection(PersonAccessView Access, Guid FollowUpId, bool Open);
