using System.Security.Claims;
using Discret.Data;
using Discret.Domain.Documents;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>
/// The notice in the other languages the département provides (issue 17 §3): translations entered sentence by sentence
/// (<see cref="NoticeTranslation"/>) for the segments of the notice in force, by the DPO; every member of staff shows a
/// translated notice to a person. A language is offered once one sentence of it is entered; the French notice stays the
/// reference and fills what is not translated.
/// </summary>
public sealed class NoticeTranslations(DiscretDbContext db, AccessJournal journal, TimeProvider clock)
{
    public sealed record Progress(NoticeLanguage Language, int Translated, int Total);

    /// <summary>The translations of a language, by the hash of their French sentence.</summary>
    public async Task<IReadOnlyDictionary<string, string>> OfAsync(NoticeLanguage language, CancellationToken ct = default) =>
        await db.NoticeTranslations.AsNoTracking().Where(t => t.Language == language).ToDictionaryAsync(t => t.SourceHash, t => t.Text, ct);

    /// <summary>The languages begun, each with how many sentences of this notice it translates.</summary>
    public async Task<List<Progress>> ProgressAsync(NoticeContent notice, CancellationToken ct = default)
    {
        var hashes = Sentences(notice).Select(NoticeTranslation.HashOf).ToHashSet();
        var stored = await db.NoticeTranslations.AsNoTracking().Select(t => new { t.Language, t.SourceHash }).ToListAsync(ct);
        return stored.GroupBy(t => t.Language).OrderBy(g => g.Key)
            .Select(g => new Progress(g.Key, g.Count(t => hashes.Contains(t.SourceHash)), hashes.Count)).ToList();
    }

    /// <summary>The distinct French sentences of a notice, in reading order: what a translator translates.</summary>
    public static IReadOnlyList<string> Sentences(NoticeContent notice) => NoticeText.Of(notice).Select(s => s.Text).Distinct().ToList();

    /// <summary>
    /// Saves the translations typed for the notice in force: <paramref name="texts"/> by the index of the sentence in
    /// <see cref="Sentences"/>, checked against its hash (the notice may have changed since the form was shown); an
    /// empty text removes a translation. All or nothing, journaled (<c>Parametrage</c>, the language and counts only).
    /// Errors are keyed by the sentence's hash (the form places them), or empty for the whole form.
    /// </summary>
    public async Task<Result> SaveAsync(ClaimsPrincipal user, NoticeLanguage language, NoticeContent notice,
        IReadOnlyList<(string Hash, string? Text)> texts, CancellationToken ct = default)
    {
        var sentences = Sentences(notice).ToDictionary(NoticeTranslation.HashOf);
        if (texts.Any(t => !sentences.ContainsKey(t.Hash)))
            return Result.Invalid("", "La notice a changé pendant votre saisie : rechargez la page, vos traductions déjà enregistrées y sont reprises.");
        var errors = new Dictionary<string, string>();
        foreach (var (hash, text) in texts)
            if (text is { Length: > NoticeTranslation.MaxLength })
                errors[hash] = $"Cette traduction est trop longue ({NoticeTranslation.MaxLength} caractères au plus).";
        if (errors.Count > 0) return Result.Invalid(errors);

        var existing = await db.NoticeTranslations.Where(t => t.Language == language).ToDictionaryAsync(t => t.SourceHash, ct);
        var (me, now) = (user.AccountId(), clock.GetUtcNow().UtcDateTime);
        int saved = 0, removed = 0;
        foreach (var (hash, raw) in texts)
        {
            var text = raw?.Trim() ?? "";
            existing.TryGetValue(hash, out var row);
            if (text.Length == 0)
            {
                if (row is not null) { db.NoticeTranslations.Remove(row); removed++; }
            }
            else if (row is null) { db.NoticeTranslations.Add(new NoticeTranslation(language, sentences[hash], text, me, now)); saved++; }
            else if (row.Text != text) { row.Change(text, me, now); saved++; }
        }
        journal.Record(JournalAction.Parametrage, detail: $"notice d'information : traduction {language.Code()}, {saved} phrases enregistrées, {removed} retirées");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
