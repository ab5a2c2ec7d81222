using Discret.Web.Security.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Discret.Tests.Security;

/// <summary>Where the key-encryption certificate comes from, without an application (issue 15 §2).</summary>
public sealed class KeyEncryptionCertificateTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"discret-kek-test-{Guid.NewGuid():N}");

    [Fact]
    public void Development_generates_the_certificate_once_in_a_secrets_folder_only_its_user_can_open()
    {
        var first = KeyEncryptionCertificates.Load(Settings(), Environment(Environments.Development));
        var file = Path.Combine(_root, "secrets", KeyEncryptionCertificates.GeneratedFileName);
        Assert.True(File.Exists(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        Assert.DoesNotContain(Path.Combine(_root, "data"), file); // beside the database folder, not in it
        Assert.True(first.Current.HasPrivateKey);
        var again = KeyEncryptionCertificates.Load(Settings(), Environment(Environments.Development));
        Assert.Equal(first.Current.Thumbprint, again.Current.Thumbprint);
    }

    [Fact]
    public void Production_names_the_setting_it_misses_and_refuses_a_certificate_its_group_or_others_can_read()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => KeyEncryptionCertificates.Load(Settings(), Environment(Environments.Production)));
        Assert.Contains(KeyEncryptionCertificates.SettingName, missing.Message);

        var file = Path.Combine(_root, "kek.pfx");
        KeyEncryptionCertificates.Generate(file);
        var configured = Settings(("Discret:Secrets:KeyEncryptionCertificate", file));
        Assert.NotNull(KeyEncryptionCertificates.Load(configured, Environment(Environments.Production)).Current);
        foreach (var open in new[] { UnixFileMode.OtherRead, UnixFileMode.GroupRead }) // 0604, then 0640: the group is refused too
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | open);
            var readable = Assert.Throws<InvalidOperationException>(() => KeyEncryptionCertificates.Load(configured, Environment(Environments.Production)));
            Assert.Contains("chmod 600", readable.Message);
        }
    }

    private IHostEnvironment Environment(string name) => new HostingEnvironment { EnvironmentName = name, ContentRootPath = _root };

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
