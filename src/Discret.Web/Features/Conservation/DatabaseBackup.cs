using System.Diagnostics;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Discret.Web.Features.Conservation;

/// <summary>A backup or restore that could not be done, with its reason in French (the command prints it).</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// The <c>backup</c> and <c>restore</c> commands (docs/backups.md). <b>SQLite</b>: SQLite's online backup API
/// (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>), a consistent copy of the whole database while Discret
/// runs; the restore copies it back the same way, Discret stopped. <b>PostgreSQL</b>: <c>pg_dump --format=custom</c>
/// and <c>pg_restore --clean --if-exists --single-transaction</c> on the configured database, with the owner's connection
/// string (the password passed in the environment, never on the command line). A backup file holds personal data: it is
/// created readable by Discret's account only (0600), and must be encrypted where it is kept and expire within the
/// backups' retention. The database only: the journal's key, its seals and the erasure ledger are never in it.
/// </summary>
public sealed class DatabaseBackup(IConfiguration configuration, IHostEnvironment environment, IOptions<BackupSettings> settings)
{
    private DatabaseProvider Provider => DatabaseSetup.Provider(configuration);

    public async Task BackupAsync(string file, CancellationToken ct = default)
    {
        file = Path.GetFullPath(file);
        if (File.Exists(file)) throw new BackupException($"Sauvegarde refusée : le fichier {file} existe déjà (une sauvegarde n'en remplace pas une autre).");
        if (!Directory.Exists(Path.GetDirectoryName(file))) throw new BackupException($"Sauvegarde refusée : le dossier {Path.GetDirectoryName(file)} n'existe pas.");
        // Created empty and private first: the copy is written into it, never readable by another account for an instant.
        await using (new FileStream(file, JournalAnchors.PrivateCreation(FileMode.CreateNew))) { }
        try
        {
            if (Provider == DatabaseProvider.Postgres) await RunToolAsync("pg_dump", ["--format=custom", "--no-password", $"--file={file}"], ct);
            else
            {
                await using var source = new SqliteConnection(SqliteConnectionString());
                await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
                await source.OpenAsync(ct);
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
            }
        }
        catch
        {
            File.Delete(file);
            throw;
        }
    }

    /// <summary>Replaces the database's content with the backup's. Discret's instances must be stopped.</summary>
    public async Task RestoreAsync(string file, CancellationToken ct = default)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file)) throw new BackupException($"Restauration refusée : le fichier {file} n'existe pas.");
        if (Provider == DatabaseProvider.Postgres)
        {
            await RunToolAsync("pg_restore", ["--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-password", file], ct);
            NpgsqlConnection.ClearAllPools();
            return;
        }
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var target = new SqliteConnection(SqliteConnectionString()))
        {
            await source.OpenAsync(ct);
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
            await using var checkpoint = target.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync(ct);
        }
        SqliteConnection.ClearAllPools();
    }

    private string SqliteConnectionString() =>
        new SqliteConnectionStringBuilder(DatabaseSetup.SqliteConnectionString(configuration, environment.ContentRootPath)) { Pooling = false }.ToString();

    /// <summary>Runs pg_dump or pg_restore on the configured database: the connection's parts in libpq's environment variables.</summary>
    private async Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var connection = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres")
            ?? throw new BackupException("ConnectionStrings__Postgres est requis quand Discret__Database=Postgres."));
        var start = new ProcessStartInfo(ToolPath(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (tool == "pg_restore") start.ArgumentList.Insert(start.ArgumentList.Count - 1, $"--dbname={connection.Database}");
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = connection.Database;
        if (connection.Username is { Length: > 0 } user) start.Environment["PGUSER"] = user;
        if (connection.Password is { Length: > 0 } password) start.Environment["PGPASSWORD"] = password;
        start.Environment["PGSSLMODE"] = connection.SslMode switch
        {
            SslMode.Disable => "disable", SslMode.Allow => "allow", SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => "prefer",
        };
        if (connection.RootCertificate is { Length: > 0 } root) start.Environment["PGSSLROOTCERT"] = root;
        using var process = Process.Start(start) ?? throw new BackupException($"{tool} n'a pas pu être lancé.");
        var errors = process.StandardError.ReadToEndAsync(ct);
        _ = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BackupException($"{tool} a échoué (code {process.ExitCode}) : {(await errors).Trim()}");
    }

    /// <summary><c>Discret:Backups:PostgresTools</c>, else the PATH, else the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
    private string ToolPath(string tool)
    {
        if (settings.Value.PostgresTools is { Length: > 0 } folder) return Path.Combine(folder, tool);
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, tool))) return Path.Combine(dir, tool);
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var newest = Directory.EnumerateDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Dir, "bin", tool))).OrderByDescending(d => d.Version).FirstOrDefault();
            if (newest.Dir is not null) return Path.Combine(newest.Dir, "bin", tool);
        }
        throw new BackupException($"{tool} est introuvable : installez le client PostgreSQL ou indiquez son dossier (Discret__Backups__PostgresTools).");
    }
}

/// <summary>What <c>after-restore</c> found and did.</summary>
public sealed record RestoreReport(long Head, JournalCut? Cut, string? SetAsideFolder, int AnchorsSetAside, ReplayOutcome Replay,
    JournalVerification Before, JournalVerification After, string? Refused)
{
    public bool Completed => Refused is null && After.Intact;
}

/// <summary>
/// After a database restore (<c>restore</c> runs it; <c>after-restore</c> alone after a restore by other tools — a base
/// backup with its WAL, another dump): the README's procedure, in order. (1) Verify the journal: a restored journal has
/// lost its newest entries, and its seals beyond the restored head say so. (2) Only when that is the whole break — every
/// entry up to the restored head intact and matching its seals — set those seals aside (<see cref="JournalAnchors.SetAsideBeyond"/>,
/// kept as evidence) and journal the restore (<see cref="JournalAction.Restauration"/>: up to which entry, which seals);
/// any other break is left as it is, reported, and nothing is done. (3) Replay the erasure ledger
/// (<see cref="ErasureReplay"/>). (4) Seal the new head and verify again.
/// </summary>
public sealed class AfterRestore(DiscretDbContext db, JournalVerifier verifier, JournalAnchors anchors, AccessJournal journal, ErasureReplay replay)
{
    public async Task<RestoreReport> RunAsync(CancellationToken ct = default)
    {
        var before = await verifier.VerifyAsync(ct);
        var head = (await db.JournalHeads.AsNoTracking().SingleAsync(ct)).Seq;
        var cut = await replay.JournalCutAsync(ct);
        (string Folder, IReadOnlyList<JournalAnchor> Anchors)? aside = null;
        if (!before.Intact)
        {
            if (cut is null || before.BrokenAt != head + 1)
                return new RestoreReport(head, cut, null, 0, ReplayOutcome.Nothing, before, before,
                    $"le journal n'est pas intègre avant sa fin restaurée (entrée n° {before.BrokenAt}) : {before.Problem} Rien n'a été fait ; gardez tout en l'état et prévenez le DPO.");
            aside = anchors.SetAsideBeyond(head);
            var check = await verifier.VerifyAsync(ct);
            if (!check.Intact)
            {
                anchors.PutBack(aside!.Value.Folder);
                return new RestoreReport(head, cut, null, 0, ReplayOutcome.Nothing, before, check,
                    $"une fois les scellements au-delà du n° {head} mis de côté, le journal n'est toujours pas intègre (entrée n° {check.BrokenAt}) : {check.Problem} Ils ont été remis en place ; rien n'a été fait.");
            }
        }
        await journal.WriteAsync(JournalAction.Restauration, detail: aside is { } a
            ? $"base restaurée : journal jusqu'au n° {head}, entrées n° {head + 1} à {cut!.SealedUpTo} perdues ; {a.Anchors.Count} scellements mis de côté"
            : $"base restaurée : journal jusqu'au n° {head}, aucun scellement au-delà", ct: ct);
        var replayed = await replay.ReplayAsync(ct: ct);
        await anchors.SealAsync(ct);
        await anchors.WitnessHeadAsync(ct);
        var after = await verifier.VerifyAsync(ct);
        return new RestoreReport(head, cut, aside?.Folder, aside?.Anchors.Count ?? 0, replayed, before, after, null);
    }
}
