using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Web.Features.Personnes;
using Discret.Web.Features.Garde;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Discret.Domain.Input;

namespace Discret.Web.Features.AccesExceptionnel;

/// <summary>Break-glass settings (<c>Discret:BreakGlass</c>).</summary>
public sealed class BreakGlassSettings
{
    /// <summary>How long an access lasts.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromHours(4);
    /// <summary>How many accesses an account may open over 7 days; the next one is refused and the DPO warned.</summary>
    public int WeeklyLimit { get; set; } = 3;
    /// <summary>No break-glass (search or access) this long after the account's role and circonscription were confirmed: a new
    /// account, or one newly in this role or circonscription.</summary>
    public TimeSpan NewAccountWait { get; set; } = TimeSpan.FromDays(7);
    /// <summary>No break-glass (search or access) this long after the account was reset (its reset confirmed).</summary>
    public TimeSpan AfterResetWait { get; set; } = TimeSpan.FromHours(24);
    /// <summary>The break-glass search shows at most this many persons (the name, then the birth date or the first name, narrow it).</summary>
    public int SearchMaxResults { get; set; } = 10;
}

public static class BreakGlassReasons
{
    public static string Label(this BreakGlassReason reason) => reason switch
    {
        BreakGlassReason.ReferentAbsentUrgence => "Référent absent et situation urgente",
        BreakGlassReason.Remplacement => "Remplacement d'un collègue",
        BreakGlassReason.PermanenceSansRendezVous => "Permanence sans rendez-vous",
        BreakGlassReason.DemandeDeLaPersonne => "Demande de la personne",
        _ => ClosedList.Unknown(reason),
    };
}

/// <summary>
/// "Accès exceptionnel": a social worker opens, for a reason from the closed list and a written justification, a file
/// of their circonscription that they do not follow, for a limited time (<see cref="BreakGlassSettings.Duration"/>).
/// The access, its journal entry (<see cref="JournalAction.AccesExceptionnel"/>) and the notifications to the
/// referents and every DPO are saved together. Refused: another circonscription, a role other than social worker, an
/// account in its first days or just reset (<see cref="WaitingPeriodAsync"/>), beyond the weekly limit (journaled <see cref="JournalAction.AccesExceptionnelRefuse"/>; the DPO warned of the
/// limit). While it runs, <see cref="PersonAccess"/> opens the file as to an assigned worker, never the private notes.
/// </summary>
[AcrossFiles("finds and opens a file of the worker's circonscription that is not open to them yet: there is no view before the access")]
public sealed class BreakGlass(DiscretDbContext db, PersonFileContext files, AccessJournal journal, TimeProvider clock, IOptions<BreakGlassSettings> settings)
{
    public const int MinJustificationLength = 15;
    public const string JustificationField = "BreakGlassAccess.Justification";

    public const string OtherCirconscriptionMessage =
        "Accès exceptionnel refusé : ce dossier relève d'une autre circonscription que la vôtre. L'accès exceptionnel est limité "
        + "aux personnes de votre circonscription ; adressez-vous au responsable de la circonscription concernée. Cette demande est tracée.";

    public const string AlreadyAssignedMessage =
        "Vous accompagnez déjà cette personne : son dossier vous est ouvert sans accès exceptionnel.";

    /// <summary>Une demande d'accès exceptionnel (travailleur social) au dossier d'une personne de sa circonscription qu'il ne suit pas.</summary>
    /// <param name="PersonId">Identifiant (UUID) de la personne. Obligatoire.</param>
    /// <param name="Reason">Motif de l'accès. Obligatoire.</param>
    /// <param name="Justification">Pourquoi vous devez ouvrir ce dossier : de 15 à 500 caractères ; passe la garde de sobriété (identifiant refusé ; mots à relire : confirmWarnings). Obligatoire.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record Request(Guid? PersonId, BreakGlassReason? Reason, string? Justification, bool ConfirmWarnings = false);

    /// <summary>An access as the banner and the answers show it.</summary>
    public sealed record Running(Guid Id, Guid PersonId, BreakGlassReason Reason, DateTime ExpiresAt)
    {
        public string Until => ParisTime.Time(ExpiresAt);
    }

    /// <summary>A person as the form shows it, before asking: only persons of the account's circonscription are named.</summary>
    public sealed record Target(Guid PersonId, bool SameCirconscription, bool Assigned, string? Name, DateOnly? BirthDate, Running? Running);

    /// <summary>The title of a refusal (another circonscription, already followed, weekly limit): 400.</summary>
    public const string RefusedTitle = "Accès exceptionnel refusé";

    public static bool MayUse(ClaimsPrincipal user) => user.Role() == StaffRole.TravailleurSocial;

    /// <summary>At least this many letters of the name, in a break-glass search.</summary>
    public const int MinNameLetters = 3;
    /// <summary>A first name is searched whole (one of the person's first names, accents and case ignored), with at least this many letters.</summary>
    public const int MinFirstNameLetters = 2;

    /// <summary>The break-glass search looks for one person: the name (3 letters at least) and the birth date or the first name.
    /// French messages by field, none when the search may run.</summary>
    public static Dictionary<string, string> SearchProblems(string? name, string? firstName, DateOnly? birthDate)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name) || NameKeys.Normalize(name).Length < MinNameLetters)
            errors["Name"] = $"Saisissez au moins les {MinNameLetters} premières lettres du nom : l'accès exceptionnel vise une personne précise.";
        else if (name.Length > Person.MaxNameLength) errors["Name"] = "Le nom recherché est trop long (100 caractères au plus).";
        else if (PersonSearch.Problem(name) is { } problem) errors["Name"] = problem;
        if (!string.IsNullOrWhiteSpace(firstName))
        {
            if (firstName.Length > Person.MaxFirstNamesLength) errors["FirstName"] = "Le prénom recherché est trop long (150 caractères au plus).";
            else if (NameKeys.Normalize(firstName).Length < MinFirstNameLetters) errors["FirstName"] = "Saisissez le prénom en entier.";
        }
        else if (birthDate is null)
            errors["FirstName"] = "Indiquez aussi le prénom ou la date de naissance de la personne : l'accès exceptionnel vise une personne précise.";
        return errors;
    }

    /// <summary>
    /// Why the account may not use break-glass yet — its role and circonscription were confirmed less than
    /// <see cref="BreakGlassSettings.NewAccountWait"/> ago (a new account), or it was reset less than
    /// <see cref="BreakGlassSettings.AfterResetWait"/> ago — or null when it may. A taken-over account cannot reach the
    /// files of a whole circonscription at once.
    /// </summary>
    public async Task<string?> WaitingPeriodAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var me = user.AccountId();
        var account = await db.Users.AsNoTracking().Where(a => a.Id == me).Select(a => new { a.AccessConfirmedAt, a.ResetAt }).FirstOrDefaultAsync(ct);
        var now = Now;
        var s = settings.Value;
        if (account?.ResetAt is { } reset && now < reset + s.AfterResetWait)
            return $"Accès exceptionnel refusé : votre compte a été réinitialisé le {ParisTime.DayAtTime(reset)}. L'accès exceptionnel reste fermé pendant "
                   + $"{Duration(s.AfterResetWait)} après une réinitialisation, jusqu'au {ParisTime.DayAtTime(reset + s.AfterResetWait)}. "
                   + "En cas d'urgence, adressez-vous au responsable de votre circonscription.";
        if (account?.AccessConfirmedAt is not { } confirmed)
            return "Accès exceptionnel refusé : votre compte attend encore la confirmation de son rôle.";
        if (now < confirmed + s.NewAccountWait)
            return $"Accès exceptionnel refusé : votre compte est en service dans ce rôle et cette circonscription depuis le {ParisTime.Day(confirmed)}. "
                   + $"L'accès exceptionnel n'est ouvert qu'après {Duration(s.NewAccountWait)} de service, à partir du {ParisTime.DayAtTime(confirmed + s.NewAccountWait)}. "
                   + "En cas d'urgence, adressez-vous au responsable de votre circonscription.";
        return null;
    }

    private static string Duration(TimeSpan span) => RetentionLabels.Duration(span);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string WeeklyLimitMessage =>
        $"Accès exceptionnel refusé : vous avez déjà ouvert {settings.Value.WeeklyLimit} accès exceptionnel(s) au cours des 7 derniers jours, "
        + "le maximum prévu. Le délégué à la protection des données en est averti. Adressez-vous au responsable de votre circonscription.";

    public static string AlreadyOpenMessage(Running running) =>
        $"Un accès exceptionnel à ce dossier est déjà ouvert jusqu'à {running.Until} : rien n'a été prolongé ni ouvert de nouveau.";

    /// <summary>The account's running access to the person, if any.</summary>
    public Task<Running?> RunningAsync(Guid accountId, Guid personId, CancellationToken ct = default)
    {
        var now = Now;
        return db.BreakGlassAccesses.AsNoTracking()
            .Where(b => b.AccountId == accountId && b.PersonId == personId && b.StartedAt <= now && b.ExpiresAt > now)
            .OrderByDescending(b => b.ExpiresAt)
            .Select(b => new Running(b.Id, b.PersonId, b.Reason, b.ExpiresAt))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>One access by id (the banner).</summary>
    public Task<Running?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.BreakGlassAccesses.AsNoTracking().Where(b => b.Id == id)
            .Select(b => new Running(b.Id, b.PersonId, b.Reason, b.ExpiresAt)).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The search page: among the persons of the account's circonscription, by name (3 letters at least) and birth date
    /// or first name, at most <see cref="BreakGlassSettings.SearchMaxResults"/> persons; journaled (the count, never the terms).
    /// </summary>
    public async Task<Result<PersonSearch.Result>> SearchAsync(ClaimsPrincipal user, string? name, string? firstName, DateOnly? birthDate,
        CancellationToken ct = default)
    {
        if (!MayUse(user)) return Result.NotFound();
        var errors = SearchProblems(name, firstName, birthDate);
        if (errors.Count > 0) return Result.Invalid(errors);
        if (await WaitingPeriodAsync(user, ct) is { } waiting) return Result.Refused(RefusedTitle, waiting);
        var circonscription = user.CirconscriptionId();
        var words = db.PersonNameWords.Where(w => w.CirconscriptionId == circonscription);
        var text = SearchText.Parse(name).Text!;
        var persons = db.Persons.Where(p => p.CirconscriptionId == circonscription).Where(Person.InDailyWork);
        var max = Math.Max(1, settings.Value.SearchMaxResults);
        // The first name is compared whole, accents and case ignored, among the few persons of the circonscription with that name.
        var wanted = string.IsNullOrWhiteSpace(firstName) ? null : NameKeys.Normalize(firstName);
        var hits = await PersonSearch.FindRankedAsync(db, persons, words, text, birthDate,
            p => new PersonSearch.Hit(p.Id, p.BirthName, p.UsageName, p.FirstNames, p.BirthDate, null, null), wanted is null ? max + 1 : MaxCandidates, ct);
        if (wanted is not null) hits = hits.Where(h => HasFirstName(h.FirstNames, wanted)).Take(max + 1).ToList();
        var result = new PersonSearch.Result(hits.Take(max).ToList(), hits.Count > max);
        await journal.WriteAsync(JournalAction.Recherche, detail: $"{result.Hits.Count}{(result.More ? "+" : "")} résultats",
            purpose: AccessJournal.BreakGlassPurpose, ct: ct);
        return Result.Ok(result);
    }

    /// <summary>Persons of the circonscription with the searched name read to compare their first names (a name's 3 letters narrow it well below).</summary>
    private const int MaxCandidates = 2000;

    /// <summary>One of the first names (or one part of a hyphenated one), or all of them, equals the searched first name.</summary>
    public static bool HasFirstName(string firstNames, string normalizedWanted)
    {
        if (NameKeys.Normalize(firstNames) == normalizedWanted) return true;
        foreach (var part in firstNames.Split([' ', ',', '-'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (NameKeys.Normalize(part) == normalizedWanted) return true;
        foreach (var name in firstNames.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (NameKeys.Normalize(name) == normalizedWanted) return true;
        return false;
    }

    /// <summary>The person for the form, or null when it does not exist (404).</summary>
    public async Task<Target?> TargetAsync(ClaimsPrincipal user, Guid personId, CancellationToken ct = default)
    {
        var me = user.AccountId();
        var mine = db.FollowUps.Where(FollowUp.Involves.For(me));
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Where(Person.InDailyWork)
            .Select(p => new
            {
                p.CirconscriptionId, Name = Person.NameOf(p.UsageName, p.BirthName, p.FirstNames), p.BirthDate,
                Assigned = mine.Any(f => f.PersonId == p.Id && f.Status == FollowUpStatus.Ouvert),
            })
            .FirstOrDefaultAsync(ct);
        if (person is null) return null;
        var same = person.CirconscriptionId == user.CirconscriptionId();
        if (!same) return new Target(personId, false, false, null, null, null);
        return new Target(personId, true, person.Assigned, person.Name, person.BirthDate, await RunningAsync(me, personId, ct));
    }

    /// <summary>Opens the access (then the rest of the request sees the file open); a refusal, a running access (conflict) or invalid input else.</summary>
    public async Task<Result<Running>> OpenAsync(ClaimsPrincipal user, Request request, CancellationToken ct = default)
    {
        if (!MayUse(user)) return Result.NotFound();
        if (request.PersonId is not { } personId)
            return Result.Invalid(nameof(Request.PersonId), "Indiquez le dossier (identifiant de la personne).");
        var target = await TargetAsync(user, personId, ct);
        if (target is null) return Result.NotFound();
        if (!target.SameCirconscription)
        {
            await journal.WriteAsync(JournalAction.AccesExceptionnelRefuse, personId, "autre circonscription", request.Reason?.ToString(), ct: ct);
            return Result.Refused(RefusedTitle, OtherCirconscriptionMessage);
        }
        if (target.Assigned) return Result.Refused(RefusedTitle, AlreadyAssignedMessage);
        if (await WaitingPeriodAsync(user, ct) is { } waiting)
        {
            await journal.WriteAsync(JournalAction.AccesExceptionnelRefuse, personId, "compte récent ou réinitialisé", request.Reason?.ToString(), ct: ct);
            return Result.Refused(RefusedTitle, waiting);
        }
        if (target.Running is { } running) return Result.Conflict(AlreadyOpenMessage(running));

        var errors = new Dictionary<string, string>();
        if (request.Reason is not { } reason || !Enum.IsDefined(reason)) errors["Reason"] = "Choisissez le motif de l'accès exceptionnel.";
        var justification = request.Justification?.Trim();
        GuardResult? guard = null;
        if (string.IsNullOrEmpty(justification))
            errors["Justification"] = "Écrivez pourquoi vous devez ouvrir ce dossier (15 caractères au moins).";
        else if (justification.Length < MinJustificationLength)
            errors["Justification"] = $"La justification est trop courte ({justification.Length} caractère{(justification.Length > 1 ? "s" : "")}) : "
                                      + $"expliquez en une phrase d'au moins {MinJustificationLength} caractères pourquoi vous devez ouvrir ce dossier.";
        else if (justification.Length > BreakGlassAccess.MaxJustificationLength)
            errors["Justification"] = $"La justification compte {justification.Length} caractères : elle doit en compter 500 au plus. Raccourcissez-la ; rien n'a été enregistré.";
        else guard = FreeTextCheck.Check(justification, "Justification", request.ConfirmWarnings, errors);
        if (errors.Count > 0) return Result.Invalid(errors);

        var me = user.AccountId();
        var now = Now;
        var dpos = await db.Users.AsNoTracking().Where(a => a.IsActive && a.Role == StaffRole.Dpo).Select(a => a.Id).ToListAsync(ct);
        var since = now.AddDays(-7);
        // Counted and added one opening of the account at a time: requests sent at the same moment are counted one after
        // another, so none passes the weekly limit.
        await using var transaction = await db.BeginJournaledTransactionAsync(ct);
        await db.SerializeAsync($"acces-exceptionnel:{me}", ct);
        var used = await db.BreakGlassAccesses.CountAsync(b => b.AccountId == me && b.StartedAt > since, ct);
        if (used >= settings.Value.WeeklyLimit)
        {
            journal.Record(JournalAction.AccesExceptionnelRefuse, personId, "seuil hebdomadaire", request.Reason!.Value.ToString());
            foreach (var dpo in dpos)
                db.Notifications.Add(new Notification(dpo, NotificationKind.SeuilAccesExceptionnel, now, me, personId, null));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Result.Refused(RefusedTitle, WeeklyLimitMessage);
        }

        var access = new BreakGlassAccess(me, personId, request.Reason!.Value, justification!, now, settings.Value.Duration);
        db.BreakGlassAccesses.Add(access);
        journal.Record(JournalAction.AccesExceptionnel, personId, purpose: access.Reason.ToString(), reference: access.Id);
        journal.RecordConfirmedWarnings(personId, JustificationField, guard!);
        var referents = await db.FollowUps.AsNoTracking()
            .Where(f => f.PersonId == personId && f.Status == FollowUpStatus.Ouvert && f.ReferentId != me)
            .Join(db.Users.Where(a => a.IsActive), f => f.ReferentId, a => a.Id, (f, a) => a.Id)
            .Distinct().ToListAsync(ct);
        foreach (var recipient in referents.Union(dpos))
            db.Notifications.Add(new Notification(recipient, NotificationKind.AccesExceptionnel, now, me, personId, access.Id));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        files.Forget(personId);
        return Result.Ok(new Running(access.Id, personId, access.Reason, access.ExpiresAt));
    }
}
