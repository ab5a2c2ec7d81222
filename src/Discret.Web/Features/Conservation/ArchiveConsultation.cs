using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Web.Features.Personnes;
using Discret.Web.Features.Garde;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Discret.Domain.Input;

namespace Discret.Web.Features.Conservation;

/// <summary>Why the DPO consults the intermediate archive: the only reasons that justify reopening a file whose use has ended.</summary>
public enum ArchiveReason { Contentieux, DemandeDeLaPersonne, ReclamationOuRecours, ControleCnil }

public static class ArchiveReasons
{
    public static string Label(this ArchiveReason reason) => reason switch
    {
        ArchiveReason.Contentieux => "Contentieux",
        ArchiveReason.DemandeDeLaPersonne => "Demande de la personne",
        ArchiveReason.ReclamationOuRecours => "Réclamation ou recours",
        ArchiveReason.ControleCnil => "Contrôle de la CNIL",
        _ => ClosedList.Unknown(reason),
    };

    /// <summary>The journal's purpose code of a consultation of the archive ("archive:Contentieux").</summary>
    public static string Purpose(this ArchiveReason reason) => ArchiveConsultation.PurposePrefix + reason;
}

/// <summary>
/// The DPO's consultation of the files out of daily work (<see cref="Person.InDailyWork"/>: in the intermediate archive,
/// or listed for elimination once their active period is over, until their destruction), absent from every screen of
/// daily work: first a reason from <see cref="ArchiveReason"/> and a written justification (through the
/// sobriety guard), then a name search among those files only, then one file read-only — identity, household,
/// follow-ups with their motives, interviews; never the working notes. Each search and each opening is journaled
/// (<see cref="JournalAction.Recherche"/>, <see cref="JournalAction.Lecture"/>) with the reason as purpose; without a
/// reason nothing is searched, read or journaled. The justification is checked, not stored: the journal holds no free text.
/// </summary>
[AcrossFiles("the DPO's consultation of the files out of daily work (archived, or listed for elimination): out of every file's view, reached on stated grounds")]
public sealed class ArchiveConsultation(DiscretDbContext db, AccessJournal journal)
{
    public const string PurposePrefix = "archive:";
    public const int MinJustificationLength = 15;
    public const int MaxJustificationLength = 500;
    /// <summary>The field named in the journal when the DPO confirmed the guard's warnings on the justification (never the text).</summary>
    public const string JustificationField = "ArchiveConsultation.Justification";

    /// <summary>The groups the archive page shows, named in the journal's read entry.</summary>
    public static readonly FieldGroup[] Shown =
        [FieldGroup.Identite, FieldGroup.Coordonnees, FieldGroup.Menage, FieldGroup.Equipe, FieldGroup.Accompagnement, FieldGroup.Entretiens, FieldGroup.Conservation];

    public sealed record Grounds(ArchiveReason? Reason, string? Justification, bool ConfirmWarnings = false);

    /// <summary>Where a file out of daily work is: in the intermediate archive since a day, or on an elimination batch (its number).</summary>
    public sealed record OutOfDailyWork(DateOnly? ArchivedOn, int? BatchNumber)
    {
        public override string ToString() => (ArchivedOn, BatchNumber) switch
        {
            ({ } on, { } number) => $"Archivé le {ParisTime.Day(on)}, inscrit au bordereau d'élimination n° {number}",
            ({ } on, null) => $"Archivé le {ParisTime.Day(on)}",
            (null, { } number) => $"Inscrit au bordereau d'élimination n° {number}",
            _ => "",
        };
    }

    public sealed record Hit(Guid Id, string BirthName, string? UsageName, string FirstNames, DateOnly BirthDate, string Circonscription, OutOfDailyWork Where);

    public sealed record Hits(IReadOnlyList<Hit> Found, bool More);

    public sealed record Member(string Name, HouseholdLink Link, DateOnly BirthDate, bool Self, bool Archived);
    public sealed record FollowUpLine(FollowUpStatus Status, DateOnly OpenedOn, DateOnly? ClosedOn, string Referent, IReadOnlyList<FollowUpMotive> Motives, Provenance Provenance);
    public sealed record InterviewLine(DateOnly OccurredOn, InterviewKind Kind, IReadOnlyList<FollowUpMotive> Motives, IReadOnlyList<InterviewAction> Actions,
        string? Summary, Provenance Provenance, string Author);

    public sealed record File(Guid Id, string BirthName, string? UsageName, string FirstNames, DateOnly BirthDate, Provenance Provenance,
        string? Phone, string? Email, string Address, string Circonscription, DateOnly LastContactOn, OutOfDailyWork Where,
        IReadOnlyList<Member> Household, IReadOnlyList<FollowUpLine> FollowUps, IReadOnlyList<InterviewLine> Interviews);

    /// <summary>French errors keyed by field (Reason, Justification, ConfirmWarnings); empty when the grounds are sufficient.</summary>
    public static Dictionary<string, string> Check(Grounds grounds) => Check(grounds, out _);

    private static Dictionary<string, string> Check(Grounds grounds, out GuardResult? guard)
    {
        var errors = new Dictionary<string, string>();
        guard = null;
        if (grounds.Reason is not { } reason || !Enum.IsDefined(reason))
            errors[nameof(Grounds.Reason)] = "Choisissez le motif de la consultation de l'archive : rien n'est recherché ni affiché sans motif.";
        var justification = grounds.Justification?.Trim();
        if (string.IsNullOrEmpty(justification))
            errors[nameof(Grounds.Justification)] = $"Écrivez pourquoi vous devez consulter l'archive ({MinJustificationLength} caractères au moins).";
        else if (justification.Length < MinJustificationLength)
            errors[nameof(Grounds.Justification)] = $"La justification est trop courte ({justification.Length} caractère{(justification.Length > 1 ? "s" : "")}) : "
                + $"expliquez en une phrase d'au moins {MinJustificationLength} caractères pourquoi vous devez consulter l'archive.";
        else if (justification.Length > MaxJustificationLength)
            errors[nameof(Grounds.Justification)] = $"La justification compte {justification.Length} caractères : elle doit en compter {MaxJustificationLength} au plus. Raccourcissez-la.";
        else guard = FreeTextCheck.Check(justification, nameof(Grounds.Justification), grounds.ConfirmWarnings, errors);
        const string saved = "Rien n'a été enregistré. ";
        if (errors.TryGetValue(nameof(Grounds.Justification), out var refused) && refused.StartsWith(saved, StringComparison.Ordinal))
            errors[nameof(Grounds.Justification)] = "Rien n'a été recherché ni affiché. " + refused[saved.Length..];
        return errors;
    }

    /// <summary>Name search among the files out of daily work only (never one in daily work), journaled with the reason: the count, never the terms.</summary>
    public async Task<Result<Hits>> SearchAsync(Grounds grounds, string? name, DateOnly? birthDate, CancellationToken ct = default)
    {
        var errors = Check(grounds, out var guard);
        if (PersonSearch.Problem(name) is { } problem) errors["Name"] = problem;
        if (errors.Count > 0) return Result.Invalid(errors);
        var result = await PersonSearch.SearchAmongAsync(db, db.Persons.Where(Person.InDailyWork.Negated), name!, birthDate, ct);
        var ids = result.Hits.Select(h => h.Id).ToList();
        var places = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Join(db.Circonscriptions, p => p.CirconscriptionId, c => c.Id, (p, c) => new
            {
                p.Id, c.Name, p.ArchivedOn, Batch = db.EliminationBatches.Where(b => b.Id == p.EliminationBatchId).Select(b => (int?)b.Number).FirstOrDefault(),
            })
            .ToDictionaryAsync(x => x.Id, ct);
        if (guard is not null) journal.RecordConfirmedWarnings(null, JustificationField, guard);
        await journal.WriteAsync(JournalAction.Recherche, detail: $"archive : {result.Hits.Count}{(result.More ? "+" : "")} résultat(s)",
            purpose: grounds.Reason!.Value.Purpose(), ct: ct);
        var hits = result.Hits.Where(h => places.ContainsKey(h.Id))
            .Select(h => new Hit(h.Id, h.BirthName, h.UsageName, h.FirstNames, h.BirthDate, places[h.Id].Name, new(places[h.Id].ArchivedOn, places[h.Id].Batch))).ToList();
        return Result.Ok(new Hits(hits, result.More));
    }

    /// <summary>Whether the id is a file out of daily work (the page asks for the grounds only then; a file in daily work is not here).</summary>
    public Task<bool> IsOutOfDailyWorkAsync(Guid personId, CancellationToken ct = default) =>
        db.Persons.Where(Person.InDailyWork.Negated).AnyAsync(p => p.Id == personId, ct);

    /// <summary>One file out of daily work, read-only, journaled (the groups shown, the reason as purpose) before anything is loaded.</summary>
    public async Task<Result<File>> OpenAsync(Guid personId, Grounds grounds, CancellationToken ct = default)
    {
        if (!await IsOutOfDailyWorkAsync(personId, ct)) return Result.NotFound();
        var errors = Check(grounds, out var guard);
        if (errors.Count > 0) return Result.Invalid(errors);
        if (guard is not null) journal.RecordConfirmedWarnings(personId, JustificationField, guard);
        await journal.WriteAsync(JournalAction.Lecture, personId, AccessJournal.Groups(Shown), grounds.Reason!.Value.Purpose(), ct: ct);

        var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId)
            .Join(db.Circonscriptions, p => p.CirconscriptionId, c => c.Id, (p, c) => new
            {
                p, Circonscription = c.Name, Batch = db.EliminationBatches.Where(b => b.Id == p.EliminationBatchId).Select(b => (int?)b.Number).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var p = person.p;
        var address = await db.Households.AsNoTracking().Where(h => h.Id == p.HouseholdId)
            .Select(h => new HouseholdAddress(h.AddressLine, h.PostalCode, h.City)).SingleOrDefaultAsync(ct);
        var inDailyWork = await db.Persons.Where(m => m.HouseholdId == p.HouseholdId).Where(Person.InDailyWork).Select(m => m.Id).ToListAsync(ct);
        var members = (await db.Persons.AsNoTracking().Where(m => m.HouseholdId == p.HouseholdId)
            .OrderBy(m => m.HouseholdLink == HouseholdLink.PersonneDeReference ? 0 : 1).ThenBy(m => m.BirthDate)
            .Select(m => new { m.Id, Name = Person.NameOf(m.UsageName, m.BirthName, m.FirstNames), m.HouseholdLink, m.BirthDate })
            .ToListAsync(ct))
            .Select(m => new Member(m.Name, m.HouseholdLink, m.BirthDate, m.Id == personId, !inDailyWork.Contains(m.Id))).ToList();
        var followUps = (await db.FollowUps.AsNoTracking().Where(f => f.PersonId == personId).OrderByDescending(f => f.OpenedOn)
            .Select(f => new { f.Status, f.OpenedOn, f.ClosedOn, f.Motives, f.Provenance, Referent = db.Users.Where(u => u.Id == f.ReferentId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(ct))
            .Select(f => new FollowUpLine(f.Status, f.OpenedOn, f.ClosedOn, f.Referent ?? "?", f.Motives, f.Provenance)).ToList();
        var interviews = (await (from i in db.Interviews.AsNoTracking()
                                 join f in db.FollowUps on i.FollowUpId equals f.Id
                                 where f.PersonId == personId
                                 orderby i.OccurredOn descending, i.CreatedAt descending
                                 select new { i.OccurredOn, i.Kind, i.Motives, i.Actions, i.Summary, i.Provenance,
                                     Author = db.Users.Where(u => u.Id == i.AuthorId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(ct))
            .Select(i => new InterviewLine(i.OccurredOn, i.Kind, i.Motives, i.Actions, i.Summary, i.Provenance, i.Author ?? "?")).ToList();
        return Result.Ok(new File(personId, p.BirthName, p.UsageName, p.FirstNames, p.BirthDate, p.Provenance, p.Phone, p.Email,
            address?.ToString() ?? "", person.Circonscription, p.LastContactOn, new OutOfDailyWork(p.ArchivedOn, person.Batch), members, followUps, interviews));
    }
}
