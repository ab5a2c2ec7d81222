using System.Xml.Linq;
using Discret.Data;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Security.Secrets;

/// <summary>
/// Seals the data-protection key ring stored in the database, at start: a key written in clear by an earlier version, or
/// encrypted under a previous key-encryption certificate, is (re-)encrypted under the current one. The key keeps its id
/// and its secret — cookies, antiforgery tokens and sealed TOTP seeds it protected stay readable — only its storage
/// changes. The framework's own encryptor and decryptor do the cryptography; this class only finds the elements, as
/// Data Protection does when it writes a new key (the <c>requiresEncryption</c> element becomes <c>encryptedSecret</c>).
/// </summary>
public sealed class KeyRingSealing(DiscretDbContext db, KeyEncryptionCertificates certificates, IServiceProvider services, ILoggerFactory logs)
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";

    /// <summary>Seals every key that needs it; returns how many were rewritten.</summary>
    public async Task<int> SealAsync(CancellationToken ct = default)
    {
        var encryptor = new CertificateXmlEncryptor(certificates.Current, logs);
        var decryptor = new EncryptedXmlDecryptor(services);
        var current = Convert.ToBase64String(certificates.Current.RawData);
        var sealedCount = 0;
        foreach (var key in await db.DataProtectionKeys.ToListAsync(ct))
        {
            if (key.Xml is null) continue;
            var element = XElement.Parse(key.Xml);
            var changed = false;
            // Encrypted under a previous certificate: back to the clear element, encrypted again below.
            foreach (var secret in element.Descendants(EncryptedSecret).ToList())
            {
                if (EncryptedFor(secret) == current) continue;
                secret.ReplaceWith(decryptor.Decrypt(secret.Elements().Single()));
                changed = true;
            }
            foreach (var clear in element.Descendants().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList())
            {
                var encrypted = encryptor.Encrypt(clear);
                clear.ReplaceWith(new XElement(EncryptedSecret,
                    new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!), encrypted.EncryptedElement));
                changed = true;
            }
            if (!changed) continue;
            key.Xml = element.ToString(SaveOptions.DisableFormatting);
            sealedCount++;
        }
        await db.SaveChangesAsync(ct);
        return sealedCount;
    }

    /// <summary>The certificate an encrypted element names (EncryptedXml puts it in the key info), base64.</summary>
    private static string? EncryptedFor(XElement secret) =>
        secret.Descendants().FirstOrDefault(e => e.Name.LocalName == "X509Certificate")?.Value.Trim();
}
