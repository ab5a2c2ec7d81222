using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Letters;
using Discret.Web.Features.Garde;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Courriers;

/// <summary>
/// The département's letter templates: read, checked, saved as a new version (never changed in place), and the default
/// wording written at first start. Managed by the technical administrator, like the département's other settings.
/// </summary>
public sealed class LetterTemplates(DiscretDbContext db, TimeProvider clock)
{
    public sealed record Summary(LetterKind Kind, int Version, string Title, DateTime SavedAt);

    /// <summary>The current version of each kind (the highest), in the order of the list of kinds. The first read writes the
    /// default templates (as the information notice publishes its first version when first read).</summary>
    public async Task<IReadOnlyList<Summary>> CurrentAsync(CancellationToken ct = default)
    {
        await EnsureDefaultsAsync(db, clock, ct);
        var rows = await db.LetterTemplates.AsNoTracking()
            .Where(t => t.Version == db.LetterTemplates.Where(o => o.Kind == t.Kind).Max(o => o.Version))
            .Select(t => new Summary(t.Kind, t.Version, t.Title, t.SavedAt)).ToListAsync(ct);
        return rows.OrderBy(r => r.Kind).ToList();
    }

    public async Task<LetterTemplate?> CurrentAsync(LetterKind kind, CancellationToken ct = default)
    {
        var current = await db.LetterTemplates.AsNoTracking().Where(t => t.Kind == kind).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        if (current is not null) return current;
        await EnsureDefaultsAsync(db, clock, ct);
        return await db.LetterTemplates.AsNoTracking().Where(t => t.Kind == kind).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
    }

    public async Task<LetterTemplate?> VersionAsync(LetterKind kind, int version, CancellationToken ct = default)
    {
        await CurrentAsync(kind, ct); // version 1 is the default template, written at first use
        return await db.LetterTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Kind == kind && t.Version == version, ct);
    }

    public async Task<IReadOnlyList<Summary>> VersionsAsync(LetterKind kind, CancellationToken ct = default) =>
        await db.LetterTemplates.AsNoTracking().Where(t => t.Kind == kind).OrderByDescending(t => t.Version)
            .Select(t => new Summary(t.Kind, t.Version, t.Title, t.SavedAt)).ToListAsync(ct);

    /// <summary>
    /// What is wrong with a template's wording, by field ("Title", "Body"): lengths, identifiers (a NIR has no place in a
    /// template), and each merge field — unknown, not readable by a role that sends this kind, or without a value in it.
    /// </summary>
    public static Dictionary<string, string> Check(LetterKind kind, string? title, string? body)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(title)) errors["Title"] = "Indiquez l'objet du courrier.";
        else if (title.Trim().Length > LetterTemplate.MaxTitleLength) errors["Title"] = $"L'objet est trop long ({LetterTemplate.MaxTitleLength} caractères au plus).";
        if (string.IsNullOrWhiteSpace(body)) errors["Body"] = "Écrivez le texte du courrier.";
        else if (body.Length > LetterTemplate.MaxBodyLength) errors["Body"] = $"Le texte est trop long ({LetterTemplate.MaxBodyLength} caractères au plus).";
        // Not personal data, but printed for every person: no identifier may slip into it.
        if (!errors.ContainsKey("Title")) FreeTextCheck.RefuseIdentifiers(title, "Title", errors);
        if (!errors.ContainsKey("Body")) FreeTextCheck.RefuseIdentifiers(body, "Body", errors);
        if (errors.ContainsKey("Body") || body is null) return errors;
        foreach (var key in MergeFields.Used(title + "\n" + body))
        {
            var message = FieldProblem(kind, key);
            if (message is null) continue;
            errors["Body"] = message;
            break;
        }
        return errors;
    }

    /// <summary>Why a merge field may not be used in a template of this kind, or null.</summary>
    public static string? FieldProblem(LetterKind kind, string key)
    {
        var field = MergeFields.Find(key);
        if (field is null)
            return $"« {{{{{key}}}}} » n'est pas un champ de fusion connu. Les champs possibles sont listés sous le texte.";
        if (field.Group is { } group)
        {
            var blind = LetterSenders.Of(kind).FirstOrDefault(r => !LetterSenders.Readable(r, kind).Contains(group), (StaffRole)(-1));
            if (blind != (StaffRole)(-1))
                return $"Le champ {{{{{key}}}}} ({field.Label.ToLowerInvariant()}) n'est pas lisible par le rôle « {blind.Label()} », qui envoie ce courrier : retirez-le.";
        }
        if (!field.AvailableIn(kind))
            return $"Le champ {{{{{key}}}}} ({field.Label.ToLowerInvariant()}) n'a pas de valeur dans un courrier « {kind.Label()} » : retirez-le.";
        return null;
    }

    /// <summary>Saves the wording as the next version of the kind's template; the previous versions stay as they were.</summary>
    public async Task<Result<LetterTemplate>> SaveAsync(LetterKind kind, string? title, string? body, Guid accountId, CancellationToken ct = default)
    {
        var errors = Check(kind, title, body);
        if (errors.Count > 0) return Result.Invalid(errors);
        var last = await db.LetterTemplates.Where(t => t.Kind == kind).MaxAsync(t => (int?)t.Version, ct) ?? 0;
        var template = new LetterTemplate(kind, last + 1, title!.Trim(), body!.Replace("\r\n", "\n").Trim(), accountId, clock.GetUtcNow().UtcDateTime);
        db.LetterTemplates.Add(template);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator saved this kind at the same moment (unique kind + version).
            db.Entry(template).State = EntityState.Detached;
            return Result.Conflict("Un autre enregistrement de ce modèle vient d'avoir lieu : rechargez la page et recommencez.");
        }
        return Result.Ok(template);
    }

    /// <summary>At start: the default template of each kind that has none yet (version 1), in plain French.</summary>
    public static async Task EnsureDefaultsAsync(DiscretDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var existing = await db.LetterTemplates.Select(t => t.Kind).Distinct().ToListAsync(ct);
        var missing = DefaultLetters.All.Where(d => !existing.Contains(d.Kind)).ToList();
        if (missing.Count == 0) return;
        foreach (var d in missing) db.LetterTemplates.Add(new LetterTemplate(d.Kind, 1, d.Title, d.Body, null, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance wrote them at the same moment.
            db.ChangeTracker.Clear();
        }
    }
}
