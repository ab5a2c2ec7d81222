using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Discret.Data;
using Discret.Domain.Documents;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Shared.Documents;

/// <summary>
/// Publishes generated documents in versions: the current version is the document generated now; when its text
/// differs from the last published one it becomes the next version, so a change of catalogue or settings always
/// produces a new version, and old ones stay as they were.
/// </summary>
public sealed class PublishedDocuments(DiscretDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public sealed record Published<T>(int Number, DateTime PublishedAt, T Content);
    public sealed record Summary(int Number, DateTime PublishedAt);

    public async Task<Published<T>> CurrentAsync<T>(DocumentKind kind, T content, CancellationToken ct = default)
    {
        var text = JsonSerializer.Serialize(content, Json);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        for (var attempt = 0; ; attempt++)
        {
            var last = await db.PublishedDocuments.AsNoTracking().Where(d => d.Kind == kind).OrderByDescending(d => d.Number).FirstOrDefaultAsync(ct);
            if (last?.Fingerprint == fingerprint) return new Published<T>(last.Number, last.PublishedAt, content);
            var next = new PublishedDocument(kind, (last?.Number ?? 0) + 1, fingerprint, text, clock.GetUtcNow().UtcDateTime);
            db.PublishedDocuments.Add(next);
            try
            {
                await db.SaveChangesAsync(ct);
                return new Published<T>(next.Number, next.PublishedAt, content);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another request published the same number at the same moment: read again.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<Published<T>?> FindAsync<T>(DocumentKind kind, int number, CancellationToken ct = default)
    {
        var document = await db.PublishedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Kind == kind && d.Number == number, ct);
        return document is null ? null : new Published<T>(document.Number, document.PublishedAt, JsonSerializer.Deserialize<T>(document.Content, Json)!);
    }

    public Task<List<Summary>> AllAsync(DocumentKind kind, CancellationToken ct = default) =>
        db.PublishedDocuments.AsNoTracking().Where(d => d.Kind == kind).OrderByDescending(d => d.Number)
            .Select(d => new Summary(d.Number, d.PublishedAt)).ToListAsync(ct);
}
