using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Discret.Data;
using Discret.Domain.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Journal;

/// <summary>A sealed point of the chain: entry <see cref="Seq"/> had hash <see cref="Hash"/> when it was sealed.</summary>
public sealed record JournalAnchor(long Seq, byte[] Hash, DateTime SealedAt, string File, bool Authentic);

/// <summary>
/// Anchors: the head of the chain sealed, from time to time, into a small file outside the database, signed with
/// HMAC-SHA-256 under a key the database does not hold. Someone who rewrites the journal table — and recomputes every
/// hash after the row they changed — still cannot make the chain match an anchor sealed before, nor forge a new one.
/// </summary>
public sealed class JournalAnchors(DiscretDbContext db, IOptions<JournalSettings> settings, IConfiguration configuration,
    IHostEnvironment environment, TimeProvider clock)
{
    private const string Domain = "discret-journal-anchor/1";

    private string DataFolder => DatabaseSetup.DataFolder(configuration, environment.ContentRootPath);

    public string Directory => settings.Value.AnchorDirectory is { Length: > 0 } d ? Path.GetFullPath(d, environment.ContentRootPath) : Path.Combine(DataFolder, "journal-anchors");

    /// <summary>Seals the current head of the chain (nothing when the journal is empty or the head is already sealed).</summary>
    public async Task<JournalAnchor?> SealAsync(CancellationToken ct = default)
    {
        var head = await db.JournalHeads.AsNoTracking().SingleAsync(ct);
        return head.Seq == 0 ? null : Seal(head.Seq, head.Hash);
    }

    /// <summary>Seals one point of the chain; the file is written completely or not at all.</summary>
    public JournalAnchor Seal(long seq, byte[] hash)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var file = Path.Combine(Directory, $"anchor-{seq:D12}.json");
        if (File.Exists(file) && Read(file) is { Authentic: true } existing && existing.Hash.AsSpan().SequenceEqual(hash)) return existing;
        var sealedAt = clock.GetUtcNow().UtcDateTime;
        var document = new AnchorFile(seq, Convert.ToHexString(hash), sealedAt, Convert.ToHexString(Mac(seq, hash, sealedAt)));
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(document));
        File.Move(temporary, file, overwrite: true);
        return new JournalAnchor(seq, hash, sealedAt, file, true);
    }

    /// <summary>Every anchor found, oldest first; one whose signature does not verify is returned with Authentic = false.</summary>
    public IReadOnlyList<JournalAnchor> List()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        return System.IO.Directory.EnumerateFiles(Directory, "anchor-*.json").Select(Read).OfType<JournalAnchor>().OrderBy(a => a.Seq).ToList();
    }

    private JournalAnchor? Read(string file)
    {
        try
        {
            var document = JsonSerializer.Deserialize<AnchorFile>(File.ReadAllText(file));
            if (document is null) return new JournalAnchor(-1, [], DateTime.MinValue, file, false);
            var hash = Convert.FromHexString(document.Hash);
            var authentic = CryptographicOperations.FixedTimeEquals(Convert.FromHexString(document.Mac), Mac(document.Seq, hash, document.SealedAt));
            return new JournalAnchor(document.Seq, hash, document.SealedAt, file, authentic);
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException)
        {
            return new JournalAnchor(-1, [], DateTime.MinValue, file, false);
        }
    }

    private byte[] Mac(long seq, byte[] hash, DateTime sealedAt) =>
        HMACSHA256.HashData(Key(), Encoding.UTF8.GetBytes($"{Domain}|{seq}|{Convert.ToHexString(hash)}|{sealedAt.ToUniversalTime():O}"));

    private byte[]? _key;

    private byte[] Key()
    {
        if (_key is not null) return _key;
        if (settings.Value.AnchorKey is { Length: > 0 } configured)
        {
            var key = Convert.FromBase64String(configured);
            if (key.Length < 32) throw new InvalidOperationException("Discret:Journal:AnchorKey must hold at least 32 bytes (base64).");
            return _key = key;
        }
        var path = settings.Value.AnchorKeyFile is { Length: > 0 } k ? Path.GetFullPath(k, environment.ContentRootPath) : Path.Combine(DataFolder, "journal-anchor.key");
        if (!File.Exists(path))
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            stream.Write(RandomNumberGenerator.GetBytes(32));
        }
        return _key = File.ReadAllBytes(path);
    }

    private sealed record AnchorFile(long Seq, string Hash, DateTime SealedAt, string Mac);
}
