using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Discret.Web.Shared;

namespace Discret.Web.Security.Secrets;

/// <summary>Where the key-encryption certificate comes from (<c>Discret:Secrets</c>).</summary>
public sealed class SecretsSettings
{
    /// <summary>
    /// The certificate (PKCS#12 file with its private key) that encrypts the data-protection key ring. Required outside
    /// Development and demo mode; there, generated on first start as <c>data-protection-kek.pfx</c> in <see cref="Folder"/>.
    /// </summary>
    public string? KeyEncryptionCertificate { get; set; }
    /// <summary>The password of the certificate files, when they have one.</summary>
    public string? KeyEncryptionCertificatePassword { get; set; }
    /// <summary>Certificates used before a rotation: still accepted to read the key ring, which is then re-encrypted under the current one.</summary>
    public string[] PreviousKeyEncryptionCertificates { get; set; } = [];
    /// <summary>Development and demo only: the folder of the generated certificate (default <c>secrets</c>, beside and not inside <c>data</c>).</summary>
    public string? Folder { get; set; }
}

/// <summary>
/// The key-encryption key: an RSA certificate held in a file outside the database. ASP.NET Core Data Protection encrypts
/// every key of its ring with it before the key is written to the database (<c>ProtectKeysWithCertificate</c>'s
/// encryptor), so a dump of the database alone holds no key that signs a session cookie or opens a sealed TOTP seed.
/// Production must name the file (<c>Discret__Secrets__KeyEncryptionCertificate</c>) and Discret refuses to start without
/// it; Development and demo mode generate one on first start, in a folder of their own (0700, file 0600).
/// </summary>
public sealed class KeyEncryptionCertificates
{
    public const string SettingName = "Discret__Secrets__KeyEncryptionCertificate";
    public const string GeneratedFileName = "data-protection-kek.pfx";

    private KeyEncryptionCertificates(X509Certificate2 current, IReadOnlyList<X509Certificate2> previous)
    {
        Current = current;
        Previous = previous;
    }

    /// <summary>Encrypts new keys, and every key at start (<see cref="KeyRingSealing"/>).</summary>
    public X509Certificate2 Current { get; }
    /// <summary>Decrypt only: keys encrypted before a rotation.</summary>
    public IReadOnlyList<X509Certificate2> Previous { get; }
    public IEnumerable<X509Certificate2> All => Previous.Prepend(Current);

    public static KeyEncryptionCertificates Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection("Discret:Secrets").Get<SecretsSettings>() ?? new SecretsSettings();
        string path;
        if (settings.KeyEncryptionCertificate is { Length: > 0 } configured)
            path = Path.GetFullPath(configured, environment.ContentRootPath);
        else if (environment.IsDevelopment() || DiscretSettings.From(configuration).DemoMode)
        {
            var folder = settings.Folder is { Length: > 0 } f ? Path.GetFullPath(f, environment.ContentRootPath) : Path.Combine(environment.ContentRootPath, "secrets");
            path = Path.Combine(folder, GeneratedFileName);
            if (!File.Exists(path)) Generate(path);
        }
        else
            throw new InvalidOperationException(
                $"{SettingName} is required outside Development and demo mode: the path of the certificate (PKCS#12 file with its private key, " +
                "readable by Discret's user only) that encrypts the data-protection keys stored in the database. See README, « Secrets at rest ».");
        var password = settings.KeyEncryptionCertificatePassword;
        return new KeyEncryptionCertificates(Read(path, password),
            settings.PreviousKeyEncryptionCertificates.Select(p => Read(Path.GetFullPath(p, environment.ContentRootPath), password)).ToList());
    }

    private static X509Certificate2 Read(string path, string? password)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"The key-encryption certificate file does not exist: {path} ({SettingName}).");
        const UnixFileMode othersAndGroup = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                                            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & othersAndGroup) != 0)
            throw new InvalidOperationException($"The key-encryption certificate {path} is open to its group or to other users: make it readable by Discret's user only (chmod 600).");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey || certificate.GetRSAPublicKey() is null)
            throw new InvalidOperationException($"The key-encryption certificate {path} must be an RSA certificate with its private key (PKCS#12).");
        return certificate;
    }

    /// <summary>
    /// Writes a new self-signed RSA-3072 certificate with its private key (PKCS#12, no password) to <paramref name="path"/>:
    /// the folder is created 0700 and the file 0600. Two processes starting together: the second reads the first's file.
    /// </summary>
    public static void Generate(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Discret data-protection key encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var file = new FileStream(path, options);
            file.Write(certificate.Export(X509ContentType.Pkcs12));
        }
        catch (IOException) when (File.Exists(path)) { }
    }
}
