using System.Security.Claims;
using System.Text.Json.Serialization;
using System.Text.Json;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Retention;
using Discret.Web.Features.Droits;
using Discret.Web.Features.Journal;
using Discret.Web.Features.Garde;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Discret.Domain.Input;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// Elimination batches as the DPO handles them. A département's files are public archives: nothing is destroyed without
/// the visa of the archives service (Code du patrimoine L.212-2, R.212-14). The batch's elimination list (bordereau
/// d'élimination) counts what it holds by category, circonscription and year — never a name: computed from the rows
/// marked with the batch while it is in preparation, frozen when the DPO submits it to the archives service. The visa
/// (date and reference) is then recorded; the retention job deletes the batch at its next run. Each step is journaled
/// without names; a step out of order is refused in French and saves nothing.
/// </summary>
[AcrossFiles("counts the files, follow-ups and requests marked for an elimination batch, never a name (DPO)")]
public sealed class EliminationBatches(DiscretDbContext db, AccessJournal journal, TimeProvider clock)
{
    /// <summary>What a line of the elimination list counts.</summary>
    public enum Category
    {
        /// <summary>Persons' files listed for destruction (year of the last contact).</summary>
        Dossiers,
        /// <summary>The follow-ups of those files, destroyed with them.</summary>
        AccompagnementsDesDossiers,
        /// <summary>The interviews of those files, destroyed with them.</summary>
        EntretiensDesDossiers,
        /// <summary>Closed follow-ups listed on their own (year of closure).</summary>
        AccompagnementsClos,
        /// <summary>The interviews of those follow-ups.</summary>
        EntretiensDesAccompagnementsClos,
        /// <summary>Rights requests past their retention (year of closure).</summary>
        Demandes,
    }

    public static string Label(Category category) => category switch
    {
        Category.Dossiers => "Dossiers de personnes",
        Category.AccompagnementsDesDossiers => "— dont leurs accompagnements",
        Category.EntretiensDesDossiers => "— dont leurs entretiens",
        Category.AccompagnementsClos => "Accompagnements clos",
        Category.EntretiensDesAccompagnementsClos => "— dont leurs entretiens",
        Category.Demandes => "Demandes d'exercice des droits",
        _ => ClosedList.Unknown(category),
    };

    /// <summary>A category named on its own (the totals), where <see cref="Label"/> relies on the line above it.</summary>
    public static string TotalLabel(Category category) => category switch
    {
        Category.AccompagnementsDesDossiers => "Accompagnements de ces dossiers",
        Category.EntretiensDesDossiers => "Entretiens de ces dossiers",
        Category.EntretiensDesAccompagnementsClos => "Entretiens de ces accompagnements clos",
        _ => Label(category),
    };

    /// <summary>One line of the elimination list: a count, never a name.</summary>
    public sealed record Line(Category Category, Guid CirconscriptionId, string Circonscription, int Year, int Count);

    public sealed record Summary(Guid Id, int Number, BatchStatus Status, DateTime CreatedAt, DateTime? SubmittedAt, DateOnly? VisaDate, DateTime? ExecutedAt);

    /// <summary>A batch and its list. <see cref="Live"/>: counted now from the marked rows (in preparation); otherwise the frozen list.</summary>
    public sealed record Detail(EliminationBatch Batch, IReadOnlyList<Line> Lines, bool Live, string Departement, string Controller);

    public sealed record Visa(string? Date, string? Reference);

    public const string SubmittedAlreadyMessage = "Ce bordereau a déjà été soumis au service des archives : il ne peut pas l'être de nouveau.";
    public const string EmptyMessage = "Le bordereau est vide : il n'y a rien à soumettre au service des archives.";
    public const string NotSubmittedMessage = "Soumettez d'abord le bordereau au service des archives : le visa porte sur la liste soumise.";
    public const string VisaAlreadyMessage = "Le visa de ce bordereau est déjà enregistré : il ne peut pas être modifié.";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(IEnumerable<Line> lines) => JsonSerializer.Serialize(lines.ToList(), Json);

    public static IReadOnlyList<Line> Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<Line>>(json, Json) ?? [];

    public async Task<IReadOnlyList<Summary>> ListAsync(CancellationToken ct = default) =>
        await db.EliminationBatches.AsNoTracking().OrderByDescending(b => b.Number)
            .Select(b => new Summary(b.Id, b.Number, b.Status, b.CreatedAt, b.SubmittedAt, b.VisaDate, b.ExecutedAt)).Take(500).ToListAsync(ct);

    public async Task<Detail?> ReadAsync(int number, CancellationToken ct = default)
    {
        var batch = await db.EliminationBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Number == number, ct);
        if (batch is null) return null;
        var live = batch.Status == BatchStatus.EnPreparation;
        var lines = live ? await LinesAsync(batch.Id, ct) : Deserialize(batch.ListJson);
        var settings = await db.DepartementSettings.AsNoTracking().Select(s => new { s.Name, s.ControllerName }).FirstOrDefaultAsync(ct);
        return new Detail(batch, lines, live, settings?.Name ?? "Département", settings?.ControllerName ?? "");
    }

    /// <summary>The list counted from the rows that carry the batch's id, by category, circonscription and year.</summary>
    public async Task<IReadOnlyList<Line>> LinesAsync(Guid batchId, CancellationToken ct = default)
    {
        var names = await db.Circonscriptions.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var lines = new List<Line>();
        void Add(Category category, IEnumerable<(Guid Circonscription, int Year, int Count)> groups) =>
            lines.AddRange(groups.Where(g => g.Count > 0).Select(g => new Line(category, g.Circonscription, names.GetValueOrDefault(g.Circonscription, "?"), g.Year, g.Count)));

        var persons = db.Persons.AsNoTracking().Where(p => p.EliminationBatchId == batchId);
        Add(Category.Dossiers, (await persons.GroupBy(p => new { p.CirconscriptionId, p.LastContactOn.Year })
            .Select(g => new { g.Key.CirconscriptionId, g.Key.Year, Count = g.Count() }).ToListAsync(ct)).Select(g => (g.CirconscriptionId, g.Year, g.Count)));
        Add(Category.AccompagnementsDesDossiers, (await (from f in db.FollowUps
                                                         join p in persons on f.PersonId equals p.Id
                                                         group f by new { p.CirconscriptionId, p.LastContactOn.Year } into g
                                                         select new { g.Key.CirconscriptionId, g.Key.Year, Count = g.Count() }).ToListAsync(ct))
            .Select(g => (g.CirconscriptionId, g.Year, g.Count)));
        Add(Category.EntretiensDesDossiers, (await (from i in db.Interviews
                                                    join f in db.FollowUps on i.FollowUpId equals f.Id
                                                    join p in persons on f.PersonId equals p.Id
                                                    group i by new { p.CirconscriptionId, p.LastContactOn.Year } into g
                                                    select new { g.Key.CirconscriptionId, g.Key.Year, Count = g.Count() }).ToListAsync(ct))
            .Select(g => (g.CirconscriptionId, g.Year, g.Count)));

        // Closed follow-ups listed on their own: those of a file listed as a whole are counted with the file.
        var followUps = from f in db.FollowUps.AsNoTracking()
                        join p in db.Persons on f.PersonId equals p.Id
                        where f.EliminationBatchId == batchId && f.ClosedOn != null && (p.EliminationBatchId == null || p.EliminationBatchId != batchId)
                        select f;
        Add(Category.AccompagnementsClos, (await followUps.GroupBy(f => new { f.CirconscriptionId, f.ClosedOn!.Value.Year })
            .Select(g => new { g.Key.CirconscriptionId, g.Key.Year, Count = g.Count() }).ToListAsync(ct)).Select(g => (g.CirconscriptionId, g.Year, g.Count)));
        Add(Category.EntretiensDesAccompagnementsClos, (await (from i in db.Interviews
                                                               join f in followUps on i.FollowUpId equals f.Id
                                                               group i by new { f.CirconscriptionId, f.ClosedOn!.Value.Year } into g
                                                               select new { g.Key.CirconscriptionId, g.Key.Year, Count = g.Count() }).ToListAsync(ct))
            .Select(g => (g.CirconscriptionId, g.Year, g.Count)));

        Add(Category.Demandes, (await db.RightsRequests.AsNoTracking().Where(r => r.EliminationBatchId == batchId && r.ClosedOn != null)
            .GroupBy(r => new { r.CirconscriptionId, r.ClosedOn!.Value.Year })
            .Select(g => new { g.Key.CirconscriptionId, g.Key.Year, Count = g.Count() }).ToListAsync(ct)).Select(g => (g.CirconscriptionId, g.Year, g.Count)));

        return lines.OrderBy(l => l.Category).ThenBy(l => l.Circonscription, StringComparer.Ordinal).ThenBy(l => l.Year).ToList();
    }

    /// <summary>Takes the write lock on a batch's row for the current transaction if it is still in preparation (1), or not (0).</summary>
    public static Task<int> LockInPreparationAsync(DiscretDbContext db, Guid batchId, CancellationToken ct) =>
        db.EliminationBatches.Where(b => b.Id == batchId && b.Status == BatchStatus.EnPreparation)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BatchStatus.EnPreparation), ct);

    /// <summary>
    /// « Soumettre au service des archives »: the list is frozen as it is now, and the batch no longer grows. The
    /// message to show when done; a conflict when the step is out of order.
    /// </summary>
    public async Task<Result<string>> SubmitAsync(ClaimsPrincipal user, int number, CancellationToken ct = default)
    {
        if (user.Role() != StaffRole.Dpo) return Result.NotFound();
        var batch = await db.EliminationBatches.FirstOrDefaultAsync(b => b.Number == number, ct);
        if (batch is null) return Result.NotFound();
        if (batch.Status != BatchStatus.EnPreparation) return Result.Conflict(SubmittedAlreadyMessage);
        await using var transaction = await db.BeginJournaledTransactionAsync(ct);
        // A retention run adding rows to this batch holds its row until it commits: the list is counted after it.
        if (await LockInPreparationAsync(db, batch.Id, ct) == 0) return Result.Conflict(SubmittedAlreadyMessage);
        var lines = await LinesAsync(batch.Id, ct);
        if (lines.Count == 0) return Result.Conflict(EmptyMessage);
        batch.Submit(Serialize(lines), user.AccountId(), clock.GetUtcNow().UtcDateTime);
        journal.Record(JournalAction.Parametrage, detail: $"bordereau d'élimination {batch.Number} : soumis au service des archives", reference: batch.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok("Le bordereau est soumis : imprimez-le et adressez-le au service des archives pour visa.");
    }

    /// <summary>« Enregistrer le visa »: the date (not in the future, not before the submission) and the reference of the archives service's visa.</summary>
    public async Task<Result<string>> ApproveAsync(ClaimsPrincipal user, int number, Visa input, CancellationToken ct = default)
    {
        if (user.Role() != StaffRole.Dpo) return Result.NotFound();
        var batch = await db.EliminationBatches.FirstOrDefaultAsync(b => b.Number == number, ct);
        if (batch is null) return Result.NotFound();
        if (batch.Status == BatchStatus.EnPreparation) return Result.Conflict(NotSubmittedMessage);
        if (batch.Status != BatchStatus.Soumis) return Result.Conflict(VisaAlreadyMessage);

        var errors = new Dictionary<string, string>();
        var today = ParisTime.Today(clock);
        var submittedOn = ParisTime.DayOf(batch.SubmittedAt!.Value);
        DateOnly? date = null;
        if (string.IsNullOrWhiteSpace(input.Date)) errors[nameof(Visa.Date)] = "Saisissez la date du visa.";
        else if (ParisTime.ParseDay(input.Date) is not { } d) errors[nameof(Visa.Date)] = "La date du visa n'est pas valide : saisissez-la au format jj/mm/aaaa.";
        else if (d > today) errors[nameof(Visa.Date)] = "La date du visa ne peut pas être dans le futur.";
        else if (d < submittedOn) errors[nameof(Visa.Date)] = $"Le visa ne peut pas précéder la soumission du bordereau, le {ParisTime.Day(submittedOn)}.";
        else date = d;
        var reference = input.Reference?.Trim();
        if (string.IsNullOrEmpty(reference)) errors[nameof(Visa.Reference)] = "Saisissez la référence du visa donnée par le service des archives.";
        else if (reference.Length > EliminationBatch.MaxVisaReferenceLength)
            errors[nameof(Visa.Reference)] = $"La référence compte plus de {EliminationBatch.MaxVisaReferenceLength} caractères : raccourcissez-la.";
        else FreeTextCheck.Check(reference, nameof(Visa.Reference), confirmed: true, errors); // an identifier has no place here
        if (errors.Count > 0) return Result.Invalid(errors);

        batch.Approve(date!.Value, reference!, user.AccountId());
        journal.Record(JournalAction.Parametrage, detail: $"bordereau d'élimination {batch.Number} : visa des archives enregistré", reference: batch.Id);
        await db.SaveChangesAsync(ct);
        return Result.Ok("Le visa est enregistré : le traitement de conservation supprimera les données de ce bordereau à sa prochaine exécution.");
    }
}
