using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Persons;
using Discret.Web.Features.Garde;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Discret.Web.Features.Accompagnements.FollowUpRules;

namespace Discret.Web.Features.Accompagnements;

/// <summary>Working notes settings (<c>Discret:WorkingNotes</c>).</summary>
public sealed class WorkingNotesSettings
{
    /// <summary>How long a note lives at most; empty means 6 calendar months.</summary>
    public TimeSpan? MaxLifetime { get; set; }
    /// <summary>How often the purge of expired notes runs.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// A worker's own working notes, for pages and API alike. The one rule: a note exists only for its author — every
/// query filters on <c>AuthorId == current account</c> at the source, whatever the role (no grant reaches them, see
/// <see cref="FieldGroup.NotesPersonnelles"/>). Writing a new note also needs current access to the follow-up's person
/// (<see cref="CanWrite"/>) on an open follow-up; reading or deleting one's own notes needs authorship only.
/// The text passes the sobriety guard (identifiers refused; warned words saved once confirmed).
/// </summary>
[AcrossFiles("a worker's own notes are read and deleted by authorship alone (no grant reaches them), even once the file is out of reach")]
public sealed class WorkingNotes(DiscretDbContext db, TimeProvider clock, IOptions<WorkingNotesSettings> settings,
    Journal.AccessJournal journal)
{
    public const string Disclosure = "Ces notes restent personnelles, mais la personne peut en demander communication.";
    public const string ClosedMessage = "Cet accompagnement est clos : ses notes de travail ont été supprimées et on ne peut plus en ajouter.";

    /// <summary>Une note de travail personnelle : vous seul la lirez ; elle expire à la clôture de l'accompagnement, au plus tard après 6 mois.</summary>
    /// <param name="Text">Texte de la note : non vide, 1 000 caractères au plus ; passe la garde de sobriété. Obligatoire.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record Request(string? Text, bool ConfirmWarnings = false);

    /// <summary>L'une de vos notes de travail (jamais celle d'un autre compte).</summary>
    /// <param name="Id">Identifiant (UUID) de la note.</param>
    /// <param name="FollowUpId">Identifiant (UUID) de l'accompagnement de la note.</param>
    /// <param name="Text">Texte de la note.</param>
    /// <param name="CreatedAt">Écriture de la note, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    /// <param name="ExpiresOn">Expiration de la note, instant en UTC (AAAA-MM-JJThh:mm:ssZ) (malgré son nom, un instant et non un jour) : elle est alors supprimée ; plus tôt si l'accompagnement est clos.</param>
    public sealed record NoteView(Guid Id, Guid FollowUpId, string Text, DateTime CreatedAt, DateTime ExpiresOn);

    /// <summary>Who may write notes on a follow-up: whoever currently reads its content (referent, co-workers, an assigned
    /// head), on a file that may be written (<see cref="PersonAccess"/> decides it, as for every group).</summary>
    public static bool CanWrite(PersonAccessView view) => view.CanWrite(FieldGroup.NotesPersonnelles);

    /// <summary>The account's own notes on a follow-up (never anyone else's), newest first.</summary>
    public async Task<IReadOnlyList<NoteView>> MineAsync(ClaimsPrincipal user, Guid followUpId, CancellationToken ct = default)
    {
        var me = user.AccountId();
        var rows = await db.WorkingNotes.AsNoTracking()
            .Where(n => n.AuthorId == me && n.FollowUpId == followUpId)
            .Select(n => new NoteView(n.Id, n.FollowUpId, n.Text, n.CreatedAt, n.ExpiresOn))
            .ToListAsync(ct);
        if (rows.Count > 0)
        {
            var personId = await db.FollowUps.Where(f => f.Id == followUpId).Select(f => f.PersonId).SingleAsync(ct);
            await journal.WriteAsync(Domain.Journal.JournalAction.Lecture, personId, AccessJournal.Groups([FieldGroup.NotesPersonnelles]), ct: ct);
        }
        return rows.OrderByDescending(n => n.CreatedAt).ToList();
    }

    /// <returns>The new note's id.</returns>
    public async Task<Result<Guid>> AddAsync(FollowUpInFile? target, Request request, CancellationToken ct = default)
    {
        if (Allowed(target, CanWrite) is null) return Result.NotFound();
        if (!target!.FollowUp.IsOpen) return Result.Conflict(ClosedMessage);
        var followUpId = target.FollowUp.Id;

        var errors = new Dictionary<string, string>();
        var text = request.Text?.Trim();
        GuardResult? check = null;
        if (string.IsNullOrEmpty(text)) errors["Text"] = "Saisissez le texte de la note.";
        else if (text.Length > WorkingNote.MaxTextLength)
            errors["Text"] = $"La note compte {text.Length} caractères : elle doit en compter 1 000 au plus. Raccourcissez-la ; rien n'a été enregistré.";
        else check = FreeTextCheck.Check(text, "Text", request.ConfirmWarnings, errors);
        if (errors.Count > 0) return Result.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var note = new WorkingNote(followUpId, target.File.AccountId, text!, now, ExpiryFrom(now));
        db.WorkingNotes.Add(note);
        journal.RecordWrite(target.FollowUp.PersonId, "note de travail", [FieldGroup.NotesPersonnelles], target.File, note.Id);
        if (check is not null) journal.RecordConfirmedWarnings(target.FollowUp.PersonId, "Text", check);
        await db.SaveChangesAsync(ct);
        return Result.Ok(note.Id);
    }

    /// <summary>Deletes one of the account's own notes; anyone else's answers "not found".</summary>
    public async Task<bool> DeleteAsync(ClaimsPrincipal user, Guid noteId, CancellationToken ct = default)
    {
        var me = user.AccountId();
        var note = await db.WorkingNotes.Where(n => n.Id == noteId && n.AuthorId == me)
            .Select(n => new { Note = n, db.FollowUps.First(f => f.Id == n.FollowUpId).PersonId }).FirstOrDefaultAsync(ct);
        if (note is null) return false;
        db.WorkingNotes.Remove(note.Note);
        journal.RecordWrite(note.PersonId, "suppression d'une note de travail", [FieldGroup.NotesPersonnelles], reference: noteId);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Whether the account has notes of its own on the follow-up (what lets it read them without access to the file).</summary>
    public Task<bool> HasAnyAsync(ClaimsPrincipal user, Guid followUpId, CancellationToken ct = default)
    {
        var me = user.AccountId();
        return db.WorkingNotes.AnyAsync(n => n.AuthorId == me && n.FollowUpId == followUpId, ct);
    }

    public DateTime ExpiryFrom(DateTime now) => settings.Value.MaxLifetime is { } lifetime ? now + lifetime : now.AddMonths(6);

    /// <summary>Marks the follow-up's notes (every author's) for deletion with the closing: the caller's save deletes both together.</summary>
    public static async Task RemoveOnClosingAsync(DiscretDbContext db, Guid followUpId, CancellationToken ct)
    {
        var notes = await db.WorkingNotes.Where(n => n.FollowUpId == followUpId).ToListAsync(ct);
        db.WorkingNotes.RemoveRange(notes);
    }
}

/// <summary>Deletes the working notes whose expiry has passed — real DELETEs, the rows are gone.</summary>
[AcrossFiles("retention: deletes every expired working note")]
public sealed class ExpiredNotesPurge(DiscretDbContext db)
{
    /// <returns>How many notes were deleted.</returns>
    public Task<int> RunAsync(DateTime now, CancellationToken ct = default) =>
        db.WorkingNotes.Where(n => n.ExpiresOn <= now).ExecuteDeleteAsync(ct);
}

/// <summary>Runs <see cref="ExpiredNotesPurge"/> periodically (hourly by default).</summary>
public sealed class ExpiredNotesPurgeService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WorkingNotesSettings> settings,
    ILogger<ExpiredNotesPurgeService> logger) : Discret.Web.Shared.PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Interval => settings.Value.PurgeInterval;
    protected override string? LeaseName => Discret.Domain.Retention.JobLease.WorkingNotes;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var deleted = await services.GetRequiredService<ExpiredNotesPurge>().RunAsync(clock.GetUtcNow().UtcDateTime, ct);
        if (deleted > 0) logger.LogInformation("Expired working notes deleted: {Count}", deleted);
    }
}
