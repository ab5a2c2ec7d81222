using System.Data.Common;
using System.Net;
using System.Xml.Linq;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Discret.Web.Demo;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Discret.Tests.Security;

/// <summary>
/// Issue 15 §2: a copy of the database alone gives neither a second factor nor the keys that sign sessions. The tests read
/// the raw tables through a plain connection, as someone holding a dump would.
/// </summary>
[Collection(SecretsCollection.Name)]
public class SecretsAtRestTests(SecretsApp app)
{
    [Fact]
    public async Task A_dump_of_the_database_holds_no_totp_seed_no_recovery_code_and_no_clear_key()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var codes = await app.WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffAccount>>();
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(account.Id.ToString()))!, 10))!.ToList();
        });

        await using var connection = await OpenRawAsync(app);
        var dump = string.Join('\n', (await RowsAsync(connection, "SELECT * FROM \"AspNetUserTokens\""))
            .Concat(await RowsAsync(connection, "SELECT * FROM staff_accounts")));
        Assert.Contains(account.Id.ToString(), dump, StringComparison.OrdinalIgnoreCase); // the account's rows were read
        foreach (var secret in new[] { account.TotpSecret, DemoAccounts.TotpSecret })
            foreach (var form in SecretForms(secret))
                Assert.DoesNotContain(form, dump, StringComparison.OrdinalIgnoreCase);
        foreach (var code in codes)
        {
            Assert.DoesNotContain(code, dump, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(code.Replace("-", ""), dump, StringComparison.OrdinalIgnoreCase);
        }

        var keys = await RowsAsync(connection, "SELECT \"Xml\" FROM \"DataProtectionKeys\"");
        Assert.NotEmpty(keys);
        foreach (var xml in keys) AssertSealed(xml);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_key_encryption_key()
    {
        await using var production = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Discret:DemoMode", "false");
            b.UseSetting("Discret:Secrets:KeyEncryptionCertificate", "");
        });
        var refusal = Assert.ThrowsAny<Exception>(() => production.Services);
        Assert.Contains("Discret__Secrets__KeyEncryptionCertificate", refusal.ToString());
    }

    [Fact]
    public async Task Secrets_left_in_clear_by_an_earlier_version_are_sealed_at_start_and_keep_working()
    {
        await using var earlier = new DiscretFactory();
        var account = await earlier.CreateAccountAsync(StaffRole.Secretariat);
        const string oldCode = "BCDFG-HJKMN";
        // What an earlier version wrote: the seed and the recovery codes in clear, a data-protection key unencrypted.
        var clearKey = ClearKeyXml(out var keyId, out var protectedBefore);
        await using (var connection = await OpenRawAsync(earlier))
        {
            await ExecuteAsync(connection, "UPDATE \"AspNetUserTokens\" SET \"Value\" = @v WHERE \"UserId\" = @u AND \"Name\" = 'AuthenticatorKey'",
                ("v", account.TotpSecret), ("u", AccountKey(account.Id)));
            await ExecuteAsync(connection, "INSERT INTO \"AspNetUserTokens\" (\"UserId\", \"LoginProvider\", \"Name\", \"Value\") VALUES (@u, '[AspNetUserStore]', 'RecoveryCodes', @v)",
                ("u", AccountKey(account.Id)), ("v", $"{oldCode};CDFGH-JKMNP"));
            await ExecuteAsync(connection, "INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES (@f, @x)", ("f", $"key-{keyId}"), ("x", clearKey));
        }

        // The new version starts on that database.
        await using var upgraded = earlier.WithWebHostBuilder(_ => { });
        _ = upgraded.Services;
        await using (var connection = await OpenRawAsync(earlier))
        {
            var tokens = string.Join('\n', await RowsAsync(connection, "SELECT * FROM \"AspNetUserTokens\""));
            foreach (var form in SecretForms(account.TotpSecret)) Assert.DoesNotContain(form, tokens, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(oldCode, tokens);
            var keys = await RowsAsync(connection, "SELECT \"Xml\" FROM \"DataProtectionKeys\"");
            Assert.Contains(keys, k => k.Contains(keyId.ToString()));
            foreach (var xml in keys) AssertSealed(xml);
        }
        // The key kept its identity and its secret: what it protected before is still read.
        Assert.Equal("protégé avant", upgraded.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedBefore));

        var client = upgraded.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await StaffSession.LoginAsync(client, account); // the sealed seed still gives the same codes
        var recovery = new StaffSession(upgraded.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await recovery.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        var opened = await recovery.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = oldCode });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/", opened.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Rotating_the_key_encryption_certificate_re_encrypts_the_key_ring_and_the_old_one_can_then_go()
    {
        await using var before = new DiscretFactory();
        var account = await before.CreateAccountAsync(StaffRole.Secretariat);
        var replacement = Path.Combine(Path.GetTempPath(), $"discret-test-kek-{Guid.NewGuid():N}.pfx");
        Discret.Web.Security.Secrets.KeyEncryptionCertificates.Generate(replacement);
        try
        {
            // Step 2 of the README: the new certificate current, the old one still readable.
            await using (var rotated = before.WithWebHostBuilder(b =>
            {
                b.UseSetting("Discret:Secrets:KeyEncryptionCertificate", replacement);
                b.UseSetting("Discret:Secrets:PreviousKeyEncryptionCertificates:0", DatabaseTemplate.KeyEncryptionCertificate);
            }))
                _ = rotated.Services;
            var current = Convert.ToBase64String(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(replacement, null).RawData);
            await using (var connection = await OpenRawAsync(before))
                foreach (var xml in await RowsAsync(connection, "SELECT \"Xml\" FROM \"DataProtectionKeys\""))
                {
                    AssertSealed(xml);
                    Assert.Equal(current, XElement.Parse(xml).Descendants().Single(e => e.Name.LocalName == "X509Certificate").Value.Trim());
                }

            // Step 3: the old certificate is gone; the sealed seed is still read through the re-encrypted keys.
            await using var after = before.WithWebHostBuilder(b => b.UseSetting("Discret:Secrets:KeyEncryptionCertificate", replacement));
            await StaffSession.LoginAsync(after.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), account);
        }
        finally
        {
            File.Delete(replacement);
        }
    }

    /// <summary>A key's secret is only present as an encrypted element: no clear master key, no <c>value</c>.</summary>
    private static void AssertSealed(string xml)
    {
        Assert.Contains("encryptedSecret", xml);
        Assert.DoesNotContain("<value>", xml);
        Assert.DoesNotContain("requiresEncryption", xml); // the attribute marks a master key still in clear
        Assert.Empty(XElement.Parse(xml).Descendants().Where(e => e.Name.LocalName == "masterKey"));
    }

    /// <summary>The forms a TOTP seed could take in a table: base32 as shown, its bytes in hex or base64.</summary>
    private static IEnumerable<string> SecretForms(string base32)
    {
        var bytes = Base32Encoding.ToBytes(base32);
        return [base32, Convert.ToHexString(bytes), Convert.ToBase64String(bytes), Convert.ToBase64String(bytes).TrimEnd('=')];
    }

    /// <summary>A data-protection key as an earlier version stored it (generated without any key encryption), and a payload it protected.</summary>
    private static string ClearKeyXml(out Guid keyId, out string protectedBefore)
    {
        var repository = new MemoryRepository();
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().SetApplicationName("Discret").AddKeyManagementOptions(o => o.XmlRepository = repository);
        using var provider = services.BuildServiceProvider();
        keyId = provider.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(90)).KeyId;
        protectedBefore = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("protégé avant");
        var xml = repository.Elements.Single().ToString(SaveOptions.DisableFormatting);
        Assert.Contains("<value>", xml); // in clear, as before the fix
        return xml;
    }

    private sealed class MemoryRepository : IXmlRepository
    {
        public List<XElement> Elements { get; } = [];
        public IReadOnlyCollection<XElement> GetAllElements() => Elements.ToList();
        public void StoreElement(XElement element, string friendlyName) => Elements.Add(element);
    }

    /// <summary>How the provider stores an account id: uuid on PostgreSQL, upper-case text on SQLite.</summary>
    private static object AccountKey(Guid id) => DiscretFactory.OnPostgres ? id : id.ToString().ToUpperInvariant();

    private static async Task<DbConnection> OpenRawAsync(DiscretFactory factory)
    {
        DbConnection connection = DiscretFactory.OnPostgres
            ? new Npgsql.NpgsqlConnection($"{Environment.GetEnvironmentVariable("DISCRET_TEST_PG")};Database={factory.DatabaseName};Pooling=false")
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.SqliteFile};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetValue(i) switch
            {
                byte[] blob => Convert.ToHexString(blob),
                var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
            })));
        return rows;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
