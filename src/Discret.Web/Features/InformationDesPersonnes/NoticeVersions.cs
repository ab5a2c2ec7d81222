using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Discret.Web.Data;
using Discret.Web.Domain.Organisation;
using Discret.Web.Domain.Rights;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>
/// The published versions of the information notice. The current version is the notice generated now from the
/// catalogue and the settings: when its text differs from the last published one, it is published as the next
/// version, so a change of catalogue or settings always produces a new version and old ones stay as they were given.
/// </summary>
public sealed class NoticeVersions(DiscretDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public sealed record Published(int Number, DateTime PublishedAt, NoticeContent Content);

    public async Task<Published> CurrentAsync(CancellationToken ct = default)
    {
        var settings = await db.DepartementSettings.AsNoTracking().FirstAsync(s => s.Id == DepartementSettings.SingletonId, ct);
        var content = NoticeContent.Build(settings);
        var text = JsonSerializer.Serialize(content, Json);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        for (var attempt = 0; ; attempt++)
        {
            var last = await db.NoticeVersions.AsNoTracking().OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
            if (last?.Fingerprint == fingerprint) return new Published(last.Number, last.PublishedAt, content);
            var next = new NoticeVersion((last?.Number ?? 0) + 1, fingerprint, text, clock.GetUtcNow().UtcDateTime);
            db.NoticeVersions.Add(next);
            try
            {
                await db.SaveChangesAsync(ct);
                return new Published(next.Number, next.PublishedAt, content);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another request published the same number at the same moment: read again.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<Published?> FindAsync(int number, CancellationToken ct = default)
    {
        var version = await db.NoticeVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Number == number, ct);
        return version is null ? null : new Published(version.Number, version.PublishedAt, JsonSerializer.Deserialize<NoticeContent>(version.Content, Json)!);
    }

    public sealed record Summary(int Number, DateTime PublishedAt);

    public Task<List<Summary>> AllAsync(CancellationToken ct = default) =>
        db.NoticeVersions.AsNoTracking().OrderByDescending(v => v.Number).Select(v => new Summary(v.Number, v.PublishedAt)).ToListAsync(ct);
}
