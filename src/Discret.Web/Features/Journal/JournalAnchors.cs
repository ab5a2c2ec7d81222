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
/// Anchors: the head of the chain sealed into small files outside the database, signed with HMAC-SHA-256 under a key
/// the database does not hold. Someone who rewrites the journal table — and recomputes every hash after the row they
/// changed — still cannot make the chain match an anchor sealed before, nor forge a new one. Lasting anchors
/// (<c>anchor-&lt;seq&gt;.json</c>) are sealed every <see cref="JournalSettings.SealInterval"/>, before a purge and on
/// demand; the head witness (<see cref="HeadWitness"/>, signed the same way) is rewritten every
/// <see cref="JournalSettings.WitnessInterval"/> when the journal grew, so that cutting off the newest entries goes
/// unnoticed for that long at most. The key and the anchors live outside the database's folder, in files readable by
/// Discret's account alone (0600, folders 0700); outside Development the application refuses to start otherwise
/// (<see cref="KeyProblem"/>).
/// </summary>
public sealed class JournalAnchors(DiscretDbContext db, IOptions<JournalSettings> settings, IConfiguration configuration,
    IHostEnvironment environment, TimeProvider clock)
{
    private const string Domain = "discret-journal-anchor/1";

    /// <summary>The head witness's file name, in the anchors' folder (it reads as an anchor: the verifier checks it like one).</summary>
    public const string HeadWitness = "anchor-head.json";

    /// <summary>Files only Discret's account reads and writes; folders only it enters.</summary>
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The folder of the key and the anchors when they are not configured: <c>journal</c> in the application's
    /// root, beside the data folder (which holds the SQLite database), never inside it.</summary>
    public static string DefaultFolder(string contentRoot) => Path.Combine(contentRoot, "journal");

    private string DataFolder => DatabaseSetup.DataFolder(configuration, environment.ContentRootPath);

    public string Directory => settings.Value.AnchorDirectory is { Length: > 0 } d
        ? Path.GetFullPath(d, environment.ContentRootPath)
        : Path.Combine(DefaultFolder(environment.ContentRootPath), "anchors");

    /// <summary>The key's file; null when the key is given by configuration (<see cref="JournalSettings.AnchorKey"/>).</summary>
    public string? KeyFile => settings.Value.AnchorKey is { Length: > 0 } ? null
        : settings.Value.AnchorKeyFile is { Length: > 0 } k ? Path.GetFullPath(k, environment.ContentRootPath)
        : Path.Combine(DefaultFolder(environment.ContentRootPath), "anchor.key");

    /// <summary>Where the key and the anchors were kept before they left the data folder.</summary>
    private string LegacyKeyFile => Path.Combine(DataFolder, "journal-anchor.key");
    private string LegacyDirectory => Path.Combine(DataFolder, "journal-anchors");

    /// <summary>Seals the current head of the chain (nothing when the journal is empty or the head is already sealed).</summary>
    public async Task<JournalAnchor?> SealAsync(CancellationToken ct = default)
    {
        var head = await JournalChain.DurableHeadAsync(db, ct);
        return head.Seq == 0 ? null : Seal(head.Seq, head.Hash);
    }

    /// <summary>Seals one point of the chain; the file is written completely or not at all.</summary>
    public JournalAnchor Seal(long seq, byte[] hash)
    {
        var file = Path.Combine(Directory, $"anchor-{seq:D12}.json");
        if (File.Exists(file) && Read(file) is { Authentic: true } existing && existing.Hash.AsSpan().SequenceEqual(hash)) return existing;
        return Write(file, seq, hash);
    }

    /// <summary>
    /// Rewrites the head witness when the journal grew since it was last written (nothing when it did not: a cheap
    /// read of the head row). A witness ahead of the head — the end of the journal was cut — is never moved back, nor is
    /// one that does not verify: they stay for the verifier to report.
    /// </summary>
    public async Task<JournalAnchor?> WitnessHeadAsync(CancellationToken ct = default)
    {
        var head = await JournalChain.DurableHeadAsync(db, ct);
        if (head.Seq == 0) return null;
        var file = Path.Combine(Directory, HeadWitness);
        if (File.Exists(file) && Read(file) is { } current && (!current.Authentic || current.Seq >= head.Seq)) return current;
        return Write(file, head.Seq, head.Hash);
    }

    private JournalAnchor Write(string file, long seq, byte[] hash)
    {
        CreatePrivateFolder(Directory);
        var sealedAt = clock.GetUtcNow().UtcDateTime;
        var document = new AnchorFile(seq, Convert.ToHexString(hash), sealedAt, Convert.ToHexString(Mac(Key(), seq, hash, sealedAt)));
        WritePrivateFile(file, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document)));
        return new JournalAnchor(seq, hash, sealedAt, file, true);
    }

    /// <summary>Every anchor found (the head witness among them), oldest first; one whose signature does not verify is returned with Authentic = false.</summary>
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
            var mac = Convert.FromHexString(document.Mac);
            var authentic = Keys().Any(key => CryptographicOperations.FixedTimeEquals(mac, Mac(key, document.Seq, hash, document.SealedAt)));
            return new JournalAnchor(document.Seq, hash, document.SealedAt, file, authentic);
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException)
        {
            return new JournalAnchor(-1, [], DateTime.MinValue, file, false);
        }
    }

    /// <summary>
    /// Signs another file kept beside the anchors (the erasure ledger) with the anchor key, under its own
    /// <paramref name="domain"/> so that no signature of one kind passes for another.
    /// </summary>
    public byte[] Sign(string domain, string text) => SignWith(Key(), domain, text);

    /// <summary>Whether <paramref name="mac"/> is <paramref name="text"/>'s signature under the key (or the next key while a rotation is under way).</summary>
    public bool Verifies(string domain, string text, byte[] mac) =>
        Keys().Any(key => CryptographicOperations.FixedTimeEquals(mac, SignWith(key, domain, text)));

    private static byte[] SignWith(byte[] key, string domain, string text) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{domain}|{text}"));

    /// <summary>
    /// After a database restore (<c>after-restore</c>): the anchors sealed beyond the restored head of the chain — the
    /// head witness among them — cover entries the restored journal never had. They are moved, not deleted, into a
    /// folder of their own under the anchors' folder (<c>set-aside-&lt;UTC time&gt;</c>), kept as evidence of what was lost.
    /// </summary>
    /// <returns>The folder they went to and how many; null when no anchor lies beyond <paramref name="head"/>.</returns>
    public (string Folder, IReadOnlyList<JournalAnchor> Anchors)? SetAsideBeyond(long head)
    {
        var beyond = List().Where(a => a.Seq > head).ToList();
        if (beyond.Count == 0) return null;
        var folder = Path.Combine(Directory, $"set-aside-{clock.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
        CreatePrivateFolder(folder);
        foreach (var anchor in beyond) File.Move(anchor.File, Path.Combine(folder, Path.GetFileName(anchor.File)));
        return (folder, beyond);
    }

    /// <summary>Puts anchors set aside by <see cref="SetAsideBeyond"/> back where they were (the restore could not be completed).</summary>
    public void PutBack(string folder)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, "anchor-*.json")) File.Move(file, Path.Combine(Directory, Path.GetFileName(file)));
        System.IO.Directory.Delete(folder);
    }

    private static byte[] Mac(byte[] key, long seq, byte[] hash, DateTime sealedAt) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Domain}|{seq}|{Convert.ToHexString(hash)}|{sealedAt.ToUniversalTime():O}"));

    private byte[]? _key;

    /// <summary>The key anchors are signed with, read once; the key file is created (random, 0600) when absent.</summary>
    private byte[] Key()
    {
        if (_key is not null) return _key;
        if (settings.Value.AnchorKey is { Length: > 0 } configured)
        {
            var key = Convert.FromBase64String(configured);
            if (key.Length < 32) throw new InvalidOperationException("Discret:Journal:AnchorKey must hold at least 32 bytes (base64).");
            return _key = key;
        }
        var path = KeyFile!;
        if (!File.Exists(path))
        {
            CreatePrivateFolder(Path.GetDirectoryName(path)!);
            try
            {
                using var stream = new FileStream(path, PrivateCreation(FileMode.CreateNew));
                stream.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(path)) { } // another instance created it first
        }
        return _key = File.ReadAllBytes(path);
    }

    /// <summary>The keys an anchor may be signed with: the key, and the next one while a rotation is under way.</summary>
    private IEnumerable<byte[]> Keys()
    {
        yield return Key();
        if (NextKeyFile is { } next && File.Exists(next)) yield return File.ReadAllBytes(next);
    }

    private string? NextKeyFile => KeyFile is { } k ? k + ".next" : null;

    /// <summary>
    /// At start (<see cref="AnchorKeyCheck"/>): the key is created when absent; the key and anchors still in the data
    /// folder, where they were kept before, are moved out of it in Development. Then, outside Development, what forbids
    /// starting, in French with what to do: the key still at its former place, in the SQLite database's folder, or
    /// readable (or writable) by other accounts than Discret's. Null when all is well.
    /// </summary>
    public string? KeyProblem(bool development)
    {
        if (KeyFile is not { } key) return null; // from configuration: no file to protect here
        var defaultKey = settings.Value.AnchorKeyFile is not { Length: > 0 };
        if (defaultKey && !File.Exists(key) && File.Exists(LegacyKeyFile))
        {
            if (!development)
                return $"Démarrage refusé : la clé de scellement du journal est encore dans le dossier des données, {LegacyKeyFile}. "
                    + $"Déplacez-la avec ses scellements hors de ce dossier, puis relancez : mkdir -m 700 -p {Path.GetDirectoryName(key)} && "
                    + $"mv {LegacyKeyFile} {key} && mv {LegacyDirectory} {Directory} (README, « Production », « Clé et scellements du journal »).";
            CreatePrivateFolder(Path.GetDirectoryName(key)!);
            File.Move(LegacyKeyFile, key);
            if (System.IO.Directory.Exists(LegacyDirectory) && !System.IO.Directory.Exists(Directory)) System.IO.Directory.Move(LegacyDirectory, Directory);
        }
        Key();
        if (development) return null;
        var folder = Path.GetDirectoryName(key)!;
        if (DatabaseSetup.SqliteFile(configuration, environment.ContentRootPath) is { } database
            && SameFolder(folder, Path.GetDirectoryName(database)!))
            return $"Démarrage refusé : la clé de scellement du journal, {key}, est dans le dossier de la base SQLite ({Path.GetDirectoryName(database)}) : "
                + "une copie de ce dossier emporterait la base et la clé qui atteste l'intégrité de son journal. Placez la clé hors de ce dossier "
                + $"(Discret__Journal__AnchorKeyFile ; par défaut {Path.Combine(DefaultFolder(environment.ContentRootPath), "anchor.key")}), puis relancez.";
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(key) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute)) != 0)
            return $"Démarrage refusé : la clé de scellement du journal, {key}, est accessible à d'autres comptes que celui de Discret. "
                + $"Réservez-la à ce compte, puis relancez : chmod 600 {key} && chmod 700 {folder}.";
        return null;
    }

    private static bool SameFolder(string a, string b) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(b));

    /// <summary>
    /// « rotate-journal-key »: signs every anchor again under a new random key, which then replaces the key file; the
    /// former key can no longer sign nor verify anything. Run it after <c>verify-journal</c> found the chain intact (the
    /// command checks): the anchors' seals are carried over, not re-made. Each anchor is rewritten whole; cut short, the
    /// command is run again (the new key waits in <c>anchor.key.next</c>, and anchors under either key verify meanwhile).
    /// </summary>
    /// <param name="alsoSign">Signs again, under the new key, the other files signed with it (the erasure ledger): called with
    /// the new key's <see cref="Sign"/> before that key replaces the former one.</param>
    /// <returns>How many anchors were signed again.</returns>
    public int RotateKey(Action<Func<string, string, byte[]>>? alsoSign = null)
    {
        if (KeyFile is not { } key || NextKeyFile is not { } next)
            throw new InvalidOperationException("La clé vient de la configuration (Discret__Journal__AnchorKey) : la rotation se fait avec un fichier de clé (README).");
        var anchors = List();
        if (anchors.FirstOrDefault(a => !a.Authentic) is { } forged)
            throw new InvalidOperationException($"Le scellement {Path.GetFileName(forged.File)} n'est pas authentique : rien n'a été changé.");
        if (!File.Exists(next))
        {
            using var stream = new FileStream(next, PrivateCreation(FileMode.CreateNew));
            stream.Write(RandomNumberGenerator.GetBytes(32));
        }
        var newKey = File.ReadAllBytes(next);
        foreach (var anchor in anchors)
        {
            var document = new AnchorFile(anchor.Seq, Convert.ToHexString(anchor.Hash), anchor.SealedAt,
                Convert.ToHexString(Mac(newKey, anchor.Seq, anchor.Hash, anchor.SealedAt)));
            WritePrivateFile(anchor.File, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document)));
        }
        alsoSign?.Invoke((domain, text) => SignWith(newKey, domain, text));
        File.Move(next, key, overwrite: true);
        _key = null;
        return anchors.Count;
    }

    /// <summary>Creates a folder (and its missing parents) that only Discret's account may enter; an existing one is left as it is.</summary>
    public static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(path);
        else System.IO.Directory.CreateDirectory(path, PrivateFolder);
    }

    public static FileStreamOptions PrivateCreation(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = PrivateFile;
        return options;
    }

    /// <summary>Writes a file whole or not at all (a fresh temporary file, mode 0600 from its creation, then renamed over the target).</summary>
    public static void WritePrivateFile(string file, byte[] content)
    {
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temporary, PrivateCreation(FileMode.CreateNew))) stream.Write(content);
        File.Move(temporary, file, overwrite: true);
    }

    private sealed record AnchorFile(long Seq, string Hash, DateTime SealedAt, string Mac);
}

/// <summary>
/// Prepares the journal's anchor key before the application serves anything, and refuses to start outside Development
/// when the key is in the SQLite database's folder or open to other accounts (<see cref="JournalAnchors.KeyProblem"/>).
/// </summary>
public sealed class AnchorKeyCheck(IServiceScopeFactory scopes, IHostEnvironment environment) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        if (scope.ServiceProvider.GetRequiredService<JournalAnchors>().KeyProblem(environment.IsDevelopment()) is { } problem)
            throw new InvalidOperationException(problem);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
