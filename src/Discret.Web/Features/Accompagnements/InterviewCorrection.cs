using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Persons;
using Discret.Web.Features.Garde;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Accompagnements;

/// <summary>Interview settings (<c>Discret:Interviews</c>).</summary>
public sealed class InterviewSettings
{
    /// <summary>How long after recording an interview its author may still correct it; later, only an addendum.</summary>
    public TimeSpan CorrectionWindow { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Correcting an interview and adding to it, for pages and API alike.
/// <list type="bullet">
/// <item>Only its author corrects an interview's shared summary, within the correction window after recording it
/// (<see cref="InterviewSettings.CorrectionWindow"/>, 7 days by default), starting from the version read (a stale one
/// is a conflict). The previous text goes into a history read by the author alone and given to the person in the
/// access export (R20, like a rectified value).</item>
/// <item>After the window, the original text stays as it is: a dated addendum (« complément du … ») adds to it. The
/// author, and the follow-up's team members who may record interviews in the file (referent, co-workers), may add
/// one — the team carries the follow-up together and an addendum never changes what the author wrote; it is signed
/// with its own author.</item>
/// <item>Whoever may not read the file's interviews gets 404 as if the interview did not exist; a team member other
/// than the author asking to correct or to read the history gets 404 too. A closed follow-up takes neither.</item>
/// <item>The texts pass the sobriety guard like the summary (identifiers refused, warnings saved once confirmed);
/// each correction or addendum is journaled <c>Ecriture</c> (groups, never the text).</item>
/// </list>
/// </summary>
public sealed class InterviewCorrection(DiscretDbContext db, PersonFileContext files, TimeProvider clock, Journal.AccessJournal journal,
    IOptions<InterviewSettings> settings)
{
    public const string ClosedMessage = "Cet accompagnement est clos : ses entretiens ne peuvent plus être corrigés ni complétés.";

    public const string ConflictMessage =
        "Cet entretien a été corrigé pendant votre saisie. Votre texte est conservé ci-dessous, mais rien n'a été enregistré : "
        + "relisez la synthèse actuelle, puis validez de nouveau si vous souhaitez la remplacer.";

    /// <summary>La correction de la synthèse d'un entretien : son auteur seulement, dans le délai de correction (7 jours après la saisie, réglable).</summary>
    /// <param name="Version">Version de l'enregistrement telle que vous l'avez lue ; obligatoire. Une version périmée (changée entre-temps) répond 409 et rien n'est enregistré.</param>
    /// <param name="Summary">Synthèse corrigée : non vide, différente de l'actuelle, 1 000 caractères au plus ; passe la garde de sobriété. L'ancienne est gardée dans l'historique.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record CorrectRequest(int? Version, string? Summary, bool ConfirmWarnings = false);

    /// <summary>Un complément daté à ajouter à un entretien (l'auteur ou l'équipe de l'accompagnement), sans modifier son texte.</summary>
    /// <param name="Text">Texte du complément : non vide, 1 000 caractères au plus ; passe la garde de sobriété. Obligatoire.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record AddendumRequest(string? Text, bool ConfirmWarnings = false);

    /// <summary>An interview as its reader finds it, with what the reader may do.</summary>
    public sealed record Found(Interview Interview, FollowUpInFile Target)
    {
        public PersonAccessView File => Target.File;
        public bool IsAuthor => Interview.AuthorId == File.AccountId;
    }

    /// <summary>Une synthèse remplacée par une correction (historique lu par l'auteur de l'entretien seulement).</summary>
    /// <param name="Previous">La synthèse d'avant la correction ; null si l'entretien n'en avait pas.</param>
    /// <param name="CorrectedAt">Date de la correction, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    public sealed record Revision(string? Previous, DateTime CorrectedAt);

    public sealed record Addendum(Guid Id, Guid AuthorId, string Author, string Text, DateTime WrittenAt);

    public TimeSpan Window => settings.Value.CorrectionWindow;

    /// <summary>The interview when the account may read the file's interviews (else null: 404).</summary>
    public async Task<Found?> FindAsync(Guid interviewId, CancellationToken ct = default)
    {
        var followUpId = await db.Interviews.Where(i => i.Id == interviewId).Select(i => (Guid?)i.FollowUpId).FirstOrDefaultAsync(ct);
        if (followUpId is null) return null;
        var target = FollowUpRules.Allowed(await files.FollowUpAsync(followUpId.Value), v => v.CanRead(FieldGroup.Entretiens));
        if (target is null) return null;
        var interview = await db.Interviews.FirstOrDefaultAsync(i => i.Id == interviewId, ct);
        return interview is null ? null : new Found(interview, target);
    }

    /// <summary>Whether this reader may correct now: the author, who may write interviews, within the window, follow-up open.</summary>
    public bool MayCorrect(Found found) =>
        found.IsAuthor && found.File.CanWrite(FieldGroup.Entretiens) && found.Target.FollowUp.IsOpen
        && found.Interview.Correctable(clock.GetUtcNow().UtcDateTime, Window);

    /// <summary>Whether this reader may add an addendum: whoever may write the file's interviews, follow-up open.</summary>
    public static bool MayAddTo(Found found) => found.File.CanWrite(FieldGroup.Entretiens) && found.Target.FollowUp.IsOpen;

    /// <summary>The last moment the author may correct the interview.</summary>
    public DateTime Deadline(Interview interview) => interview.CreatedAt + Window;

    /// <summary>The texts replaced by corrections: the author's only (anyone else gets null, the caller answers 404).</summary>
    public async Task<IReadOnlyList<Revision>?> HistoryAsync(FollowUpInFile target, Interview interview, CancellationToken ct = default)
    {
        if (interview.AuthorId != target.File.AccountId || interview.FollowUpId != target.FollowUp.Id) return null;
        return await db.InterviewRevisions.AsNoTracking().Where(r => r.InterviewId == interview.Id).OrderBy(r => r.CorrectedAt)
            .Select(r => new Revision(r.Previous, r.CorrectedAt)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Addendum>> AddendaAsync(FollowUpInFile target, Interview interview, CancellationToken ct = default) =>
        interview.FollowUpId != target.FollowUp.Id || !target.File.CanRead(FieldGroup.Entretiens) ? [] :
        await (from a in db.InterviewAddenda.AsNoTracking()
               where a.InterviewId == interview.Id
               join s in db.Users on a.AuthorId equals s.Id
               orderby a.WrittenAt
               select new Addendum(a.Id, a.AuthorId, s.DisplayName, a.Text, a.WrittenAt)).ToListAsync(ct);

    /// <returns>The interview's new version.</returns>
    public async Task<Result<int>> CorrectAsync(FollowUpInFile? target, Interview? interview, CorrectRequest request, CancellationToken ct = default)
    {
        var found = target is null || interview is null || interview.FollowUpId != target.FollowUp.Id ? null : new Found(interview, target);
        if (found is null || !found.IsAuthor || !found.File.CanWrite(FieldGroup.Entretiens)) return Result.NotFound();
        if (!found.Target.FollowUp.IsOpen) return Result.Conflict(ClosedMessage);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!interview.Correctable(now, Window))
            return Result.Invalid("Summary", $"Le délai de correction est passé : un entretien se corrige dans les {Window.TotalDays:0} jours qui suivent sa saisie "
                + $"(jusqu'au {ParisTime.DayAtTime(Deadline(interview))}). Ajoutez un complément daté : le texte d'origine reste tel quel. Rien n'a été enregistré.");

        var errors = new Dictionary<string, string>();
        var summary = request.Summary?.Trim();
        GuardResult? check = null;
        if (string.IsNullOrEmpty(summary))
            errors["Summary"] = "Saisissez la synthèse corrigée : elle ne peut pas être vide. Rien n'a été enregistré.";
        else if (summary == interview.Summary)
            errors["Summary"] = "La synthèse n'a pas changé : modifiez-la, ou revenez à l'entretien sans enregistrer.";
        else check = InterviewRecording.CheckSummary(summary, request.ConfirmWarnings, errors);
        if (errors.Count > 0) return Result.Invalid(errors);

        if (request.Version is not { } version || version != interview.Version) return Result.Conflict(ConflictMessage);
        db.Entry(interview).Property(i => i.Version).OriginalValue = version;
        db.InterviewRevisions.Add(interview.Correct(summary!, found.Target.FollowUp.PersonId, now));
        journal.RecordWrite(found.Target.FollowUp.PersonId, "correction d'entretien", [FieldGroup.Entretiens], found.File, interview.Id);
        if (check is not null) journal.RecordConfirmedWarnings(found.Target.FollowUp.PersonId, "Summary", check);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result.Conflict(ConflictMessage);
        }
        return Result.Ok(interview.Version);
    }

    /// <returns>The addendum's id.</returns>
    public async Task<Result<Guid>> AddAsync(FollowUpInFile? target, Interview? interview, AddendumRequest request, CancellationToken ct = default)
    {
        var found = target is null || interview is null || interview.FollowUpId != target.FollowUp.Id ? null : new Found(interview, target);
        if (found is null || !found.File.CanWrite(FieldGroup.Entretiens)) return Result.NotFound();
        if (!found.Target.FollowUp.IsOpen) return Result.Conflict(ClosedMessage);
        var errors = new Dictionary<string, string>();
        var text = request.Text?.Trim();
        GuardResult? check = null;
        if (string.IsNullOrEmpty(text))
            errors["Text"] = "Saisissez le complément : il ne peut pas être vide. Rien n'a été enregistré.";
        else if (text.Length > InterviewAddendum.MaxTextLength)
            errors["Text"] = $"Le complément compte {text.Length} caractères : il doit en compter 1 000 au plus. Raccourcissez-le ; rien n'a été enregistré.";
        else check = FreeTextCheck.Check(text, "Text", request.ConfirmWarnings, errors);
        if (errors.Count > 0) return Result.Invalid(errors);

        var personId = found.Target.FollowUp.PersonId;
        var addendum = new InterviewAddendum(found.Interview.Id, personId, found.File.AccountId, text!, clock.GetUtcNow().UtcDateTime);
        db.InterviewAddenda.Add(addendum);
        journal.RecordWrite(personId, "complément d'entretien", [FieldGroup.Entretiens], found.File, found.Interview.Id);
        if (check is not null) journal.RecordConfirmedWarnings(personId, "Text", check);
        await db.SaveChangesAsync(ct);
        return Result.Ok(addendum.Id);
    }
}
