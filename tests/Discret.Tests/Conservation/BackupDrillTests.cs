using System.Diagnostics;
using System.Net;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Rights;
using Discret.Tests.Droits;
using Discret.Tests.Support;
using Discret.Web.Features.Conservation;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Discret.Tests.Conservation;

/// <summary>
/// The backup and restore drill (issue 20 §4, docs/backups.md), on the provider of the run (SQLite: the online backup API;
/// PostgreSQL: pg_dump and pg_restore): small data, a backup, a person erased after it, the restore, the start — the
/// journal verified with its seals, and every person erased before or after the backup erased still, by the erasure
/// ledger's replay. Each test is one installation stopped and started again (applications on the same storage) and the
/// operator's commands run as the operator runs them, <c>dotnet Discret.Web.dll …</c>.
/// </summary>
public class BackupDrillTests
{
    /// <summary>Two files erasable (a closed follow-up), each with its erasure request, and one file that stays.</summary>
    private sealed record Installation(DiscretFactory App, TestAccount DpoAccount, StaffSession Dpo, TestCase Before, Guid BeforeRequest, TestCase After, Guid AfterRequest, TestCase Kept);

    private static async Task<Installation> InstallAsync()
    {
        var app = new DiscretFactory { KeepStorage = true };
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var dpoAccount = await app.CreateAccountAsync(StaffRole.Dpo);
        var dpo = await StaffSession.LoginAsync(app, dpoAccount);
        var before = await app.CreateCaseAsync(0, referent, closed: true);
        var after = await app.CreateCaseAsync(0, referent, closed: true);
        var kept = await app.CreateCaseAsync(0, referent, closed: true);
        var beforeRequest = await app.CreateRequestAsync(before.PersonId, RightKind.Effacement, referent.Id);
        var afterRequest = await app.CreateRequestAsync(after.PersonId, RightKind.Effacement, referent.Id);
        return new Installation(app, dpoAccount, dpo, before, beforeRequest, after, afterRequest, kept);
    }

    private static async Task EraseAsync(Installation i, Guid request)
    {
        var response = await i.Dpo.PostFormAsync($"/droits/demandes/{request}?handler=Erase", new Dictionary<string, string>(), $"/droits/demandes/{request}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(RequestStatus.Traitee, (await i.App.RequestAsync(request))!.Status);
    }

    /// <summary>The hourly seal that precedes a backup: the restored chain must still match it.</summary>
    private static Task SealAsync(DiscretFactory app) => app.WithAsync(sp => sp.GetRequiredService<JournalAnchors>().SealAsync());

    private static Task<long> HeadAsync(DiscretFactory app) => app.DbAsync(db => db.JournalHeads.AsNoTracking().Select(h => h.Seq).SingleAsync());

    /// <summary>After the backup: the second person erased, then the journal sealed (an hourly seal and the head witness beyond the backup).</summary>
    private static async Task<long> EraseAfterTheBackupAsync(Installation i)
    {
        await EraseAsync(i, i.AfterRequest);
        await i.App.WithAsync(async sp =>
        {
            var anchors = sp.GetRequiredService<JournalAnchors>();
            await anchors.SealAsync();
            return await anchors.WitnessHeadAsync();
        });
        return await HeadAsync(i.App);
    }

    private static string BackupFile() => Path.Combine(Path.GetTempPath(), $"discret-backup-{Guid.NewGuid():N}.{(DiscretFactory.OnPostgres ? "dump" : "db")}");

    /// <summary>Runs an operator's command on the installation's storage, as <c>dotnet Discret.Web.dll …</c> in production.</summary>
    private static async Task<(int Code, string Output)> CommandAsync(DiscretFactory installation, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Discret.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in installation.StorageSettings()) start.Environment[key.Replace(":", "__")] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The state every drill ends in: both persons erased, the third kept, the journal intact with its seals checked.</summary>
    private static async Task AssertRestoredAsync(DiscretFactory restarted, Installation i)
    {
        Assert.False(await restarted.PersonExistsAsync(i.Before.PersonId));
        Assert.False(await restarted.PersonExistsAsync(i.After.PersonId));
        Assert.True(await restarted.PersonExistsAsync(i.Kept.PersonId));
        // The request the backup had open is answered again, on the day it was.
        var request = (await restarted.RequestAsync(i.AfterRequest))!;
        Assert.Equal(RequestStatus.Traitee, request.Status);
        var replayed = await restarted.DbAsync(db => db.JournalEntries.AsNoTracking()
            .Where(e => e.Action == JournalAction.Suppression && e.Reference == i.AfterRequest && e.Detail == ErasureReplay.ReplayedErasure).CountAsync());
        Assert.Equal(1, replayed);
        Assert.Equal(1, await restarted.DbAsync(db => db.JournalEntries.CountAsync(e => e.Action == JournalAction.Restauration)));
        var verification = await restarted.WithAsync(sp => sp.GetRequiredService<JournalVerifier>().VerifyAsync());
        Assert.True(verification.Intact, verification.Problem);
        Assert.True(verification.AnchorsChecked >= 2, $"{verification.AnchorsChecked} seals checked");
    }

    [Fact]
    public async Task A_backup_restored_after_an_erasure_starts_with_both_erased_persons_erased_and_its_journal_verified_against_its_seals()
    {
        var i = await InstallAsync();
        var file = BackupFile();
        DiscretFactory? restarted = null;
        try
        {
            await EraseAsync(i, i.BeforeRequest);
            await SealAsync(i.App);
            var headAtBackup = await HeadAsync(i.App);
            // Online, while Discret runs.
            await i.App.WithAsync(async sp => { await sp.GetRequiredService<DatabaseBackup>().BackupAsync(file); return 0; });
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            var lostUpTo = await EraseAfterTheBackupAsync(i);
            Assert.False(await i.App.PersonExistsAsync(i.After.PersonId));
            await i.App.DisposeAsync();

            var (code, output) = await CommandAsync(i.App, "restore", "--from", file);
            Assert.True(code == 0, output);
            // verify-journal's documented outcome on a restored database: the newest entries are lost, and said so.
            Assert.Contains($"Des entrées ont disparu après le n° {headAtBackup}", output);
            Assert.Contains("mis de côté", output);
            Assert.Contains("Registre des effacements rejoué : 1 effacement(s)", output);
            // The seals of the lost entries are kept as evidence, out of the verifier's way.
            var setAside = Directory.GetDirectories(Path.Combine(i.App.JournalFolder, "anchors"), "set-aside-*").Single();
            Assert.Contains(Path.Combine(setAside, JournalAnchors.HeadWitness), Directory.GetFiles(setAside));
            Assert.Contains(Path.Combine(setAside, $"anchor-{lostUpTo:D12}.json"), Directory.GetFiles(setAside));

            restarted = new DiscretFactory { StorageOf = i.App };
            await AssertRestoredAsync(restarted, i);
        }
        finally
        {
            File.Delete(file);
            await i.App.DisposeAsync();
            if (restarted is not null) await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_database_restored_by_other_tools_does_not_start_until_after_restore_has_set_the_lost_seals_aside_and_replayed_the_erasures()
    {
        var i = await InstallAsync();
        var file = BackupFile();
        DiscretFactory? refused = null, restarted = null;
        try
        {
            await EraseAsync(i, i.BeforeRequest);
            await SealAsync(i.App);
            // The operator's command, from another process while Discret runs.
            var (backupCode, backupOutput) = await CommandAsync(i.App, "backup", "--to", file);
            Assert.True(backupCode == 0, backupOutput);
            await EraseAfterTheBackupAsync(i);
            await i.App.DisposeAsync();

            // Restored without Discret's command (e.g. the operator's own pg_restore): nothing set aside, nothing replayed.
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(i.App.StorageSettings().Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
            await new DatabaseBackup(configuration, new FakeEnvironment(), Options.Create(new BackupSettings())).RestoreAsync(file);

            refused = new DiscretFactory { StorageOf = i.App, KeepStorage = true };
            var start = Assert.ThrowsAny<Exception>(() => refused.Services);
            Assert.Contains("after-restore", Flatten(start));
            await refused.DisposeAsync();

            var (code, output) = await CommandAsync(i.App, "after-restore");
            Assert.True(code == 0, output);

            restarted = new DiscretFactory { StorageOf = i.App };
            await AssertRestoredAsync(restarted, i);
        }
        finally
        {
            File.Delete(file);
            await i.App.DisposeAsync();
            if (restarted is not null) await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_erasure_whose_ledger_line_was_written_but_whose_commit_was_lost_is_completed_at_the_next_start()
    {
        var i = await InstallAsync();
        DiscretFactory? restarted = null;
        try
        {
            // The erasure's line is in the ledger, then the process died before its transaction committed.
            var dpoId = i.DpoAccount.Id;
            await i.App.WithAsync(async sp =>
            {
                var ledger = sp.GetRequiredService<ErasureLedger>();
                await ledger.AppendAsync(new LedgerLine(Guid.NewGuid(), LedgerKind.Effacement, ledger.Now, Request: i.AfterRequest, By: dpoId, Persons: [i.After.PersonId]));
                return 0;
            });
            Assert.True(await i.App.PersonExistsAsync(i.After.PersonId));
            await i.App.DisposeAsync();

            restarted = new DiscretFactory { StorageOf = i.App };
            Assert.False(await restarted.PersonExistsAsync(i.After.PersonId));
            Assert.True(await restarted.PersonExistsAsync(i.Kept.PersonId));
            var request = (await restarted.RequestAsync(i.AfterRequest))!;
            Assert.Equal(RequestStatus.Traitee, request.Status);
            Assert.Equal(dpoId, request.ClosedById);
        }
        finally
        {
            await i.App.DisposeAsync();
            if (restarted is not null) await restarted.DisposeAsync();
        }
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    private sealed class FakeEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "Discret.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
