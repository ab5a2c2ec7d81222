using System.Diagnostics;
using Discret.Domain.Accounts;
using Discret.Tests.Support;

namespace Discret.Tests.Platform;

/// <summary>
/// Spectral (npm <c>@stoplight/spectral-cli</c>, installed by <c>./test.sh</c> from <c>tests/api-lint/package-lock.json</c>)
/// lints the OpenAPI document the application serves, with its OpenAPI rules (<c>tests/api-lint/.spectral.yaml</c>): no error.
/// Once, on the SQLite run (the document does not depend on the database).
/// </summary>
[Collection(InstallationCollection.Name)]
public class ApiLintTests(DiscretFactory app)
{
    [SqliteFact]
    public async Task Spectral_finds_no_error_in_the_openapi_document()
    {
        var lint = Path.Combine(RepositoryRoot(), "tests", "api-lint");
        var spectral = Path.Combine(lint, "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), $"Spectral is not installed: run `npm ci` in {lint} (./test.sh does).");
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Direction));
        var document = Path.Combine(Path.GetTempPath(), $"discret-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await session.Client.GetStringAsync("/api/v1/openapi.json"));
        try
        {
            var start = new ProcessStartInfo(spectral, ["lint", document, "--ruleset", Path.Combine(lint, ".spectral.yaml"), "--fail-severity", "error", "--format", "text"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = lint,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(process.ExitCode == 0, $"Spectral found errors (exit code {process.ExitCode}):\n{await output}\n{await errors}");
        }
        finally
        {
            File.Delete(document);
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Discret.slnx"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("The repository root (Discret.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
