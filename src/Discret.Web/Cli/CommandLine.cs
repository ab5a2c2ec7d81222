using Discret.Web.Features.Journal;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Organisation;
using Discret.Web.Features.Administration.Comptes;
using Discret.Web.Features.ComptesAConfirmer;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Cli;

/// <summary>
/// Operator commands, run as `dotnet Discret.Web.dll &lt;command&gt;` (or `dotnet run --project src/Discret.Web -- &lt;command&gt;`):
/// <list type="bullet">
/// <item><c>migrate</c> — applies the schema migrations (production: before starting a new version).</item>
/// <item><c>create-admin --login LOGIN --name "Prénom Nom" [--circonscription NAME] [--departement NAME]</c> — creates the
/// first technical administrator (and, on an empty database, the département and its first circonscription). While no
/// DPO can confirm it in the application (installation), the operator confirms it at once and the one-time activation
/// link is printed; otherwise it awaits the DPO's confirmation like any account.</item>
/// <item><c>confirm-account --login LOGIN</c> — confirms the pending request on an account (creation, reset…) and prints
/// its activation link, only when nobody in the application may confirm it (no other active DPO: the first DPO's account
/// at installation, or the only DPO's own reset). Otherwise it says who confirms, and does nothing.</item>
/// <item><c>verify-journal</c> — checks the journal's whole hash chain and its anchors; exit code 1 and the first broken link when it is not intact.</item>
/// <item><c>seal-journal</c> — seals the head of the chain into an anchor file now.</item>
/// <item><c>rotate-journal-key</c> — checks the chain is intact, then signs every anchor again under a new anchor key, which replaces the key file.</item>
/// <item><c>conservation [--simulation]</c> — runs the retention job now (the dry-run report, then, without
/// <c>--simulation</c>, archiving, listing for elimination and deleting the approved batches); exit code 3 when another
/// instance holds the lock, 4 when it lost the lock mid-run and stopped.</item>
/// <item><c>purge-journal</c> — deletes the entries past retention (after sealing the last one); run it under the owner role when the application's role may not delete.</item>
/// <item><c>backup --to FILE</c> — a consistent copy of the database while Discret runs (SQLite's online backup; PostgreSQL's
/// pg_dump), created 0600 (docs/backups.md).</item>
/// <item><c>restore --from FILE</c> — Discret stopped: the database replaced by the backup's, then <c>after-restore</c>.</item>
/// <item><c>after-restore</c> — after any restore: the seals of the journal's lost entries set aside (kept), the restore
/// journaled, the erasure ledger replayed, the journal sealed and verified; exit code 1 when the journal is not intact.</item>
/// </list>
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["migrate", "create-admin", "confirm-account", "verify-journal", "seal-journal", "rotate-journal-key", "purge-journal", "conservation", "backup", "restore", "after-restore"];

    public static bool IsCommand(string arg) => Commands.Contains(arg);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DiscretDbContext>();
        switch (args[0])
        {
            case "migrate":
                await db.Database.MigrateAsync();
                var filled = await NameWordsBackfill.RunAsync(db);
                Console.WriteLine(filled > 0 ? $"Schéma à jour ; clés de recherche calculées pour {filled} dossier(s)." : "Schéma à jour.");
                return 0;
            case "verify-journal":
                var report = await services.GetRequiredService<JournalVerifier>().VerifyAsync();
                Console.WriteLine(report.Intact
                    ? $"Journal intact : {report.EntriesChecked} entrées et {report.AnchorsChecked} scellements vérifiés."
                    : $"Journal NON intègre (entrée n° {report.BrokenAt}) : {report.Problem}");
                return report.Intact ? 0 : 1;
            case "seal-journal":
                var anchor = await services.GetRequiredService<JournalAnchors>().SealAsync();
                Console.WriteLine(anchor is null ? "Journal vide : rien à sceller." : $"Journal scellé jusqu'à l'entrée n° {anchor.Seq} : {anchor.File}");
                return 0;
            case "rotate-journal-key":
                var before = await services.GetRequiredService<JournalVerifier>().VerifyAsync();
                if (!before.Intact)
                {
                    Console.Error.WriteLine($"Rotation refusée : le journal n'est pas intègre (entrée n° {before.BrokenAt}) : {before.Problem}");
                    return 1;
                }
                var ledger = services.GetRequiredService<Features.Conservation.ErasureLedger>();
                var resigned = services.GetRequiredService<JournalAnchors>().RotateKey(ledger.SignAgain);
                Console.WriteLine($"Nouvelle clé de scellement en place ; {resigned} scellements signés de nouveau. L'ancienne clé ne signe ni ne vérifie plus rien.");
                return 0;
            case "purge-journal":
                var purged = await services.GetRequiredService<JournalPurge>().RunAsync();
                Console.WriteLine($"{purged} entrées du journal supprimées (durée de conservation dépassée).");
                return 0;
            case "conservation":
                var simulation = args.Contains("--simulation");
                var run = await services.GetRequiredService<Features.Conservation.RetentionEngine>().RunAsync(Domain.Retention.RunTrigger.LigneDeCommande, simulation);
                if (run is null)
                {
                    Console.Error.WriteLine("Un traitement de conservation est déjà en cours sur une autre instance : rien n'a été fait.");
                    return 3;
                }
                var circonscriptions = await db.Circonscriptions.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name);
                Console.WriteLine(simulation ? "Simulation (rien n'a été modifié) :" : "Prévu :");
                foreach (var line in Features.Conservation.RunReport.Describe(run.Planned, circonscriptions)) Console.WriteLine("  " + line);
                if (!simulation)
                {
                    Console.WriteLine("Fait :");
                    foreach (var line in Features.Conservation.RunReport.Describe(run.Done, circonscriptions)) Console.WriteLine("  " + line);
                }
                if (run.Outcome == Domain.Retention.RunOutcome.Interrompue)
                {
                    Console.Error.WriteLine("Traitement interrompu : une autre instance a repris le verrou. Le prochain traitement finira le travail.");
                    return 4;
                }
                return 0;
            case "backup":
                var to = Option(args, "--to");
                if (to is null)
                {
                    Console.Error.WriteLine("Usage : backup --to FICHIER");
                    return 2;
                }
                try
                {
                    await services.GetRequiredService<Features.Conservation.DatabaseBackup>().BackupAsync(to);
                }
                catch (Features.Conservation.BackupException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return 1;
                }
                Console.WriteLine($"Sauvegarde écrite : {Path.GetFullPath(to)} (lisible par ce compte seul ; à chiffrer et à garder 30 jours au plus).");
                return 0;
            case "restore":
                var from = Option(args, "--from");
                if (from is null)
                {
                    Console.Error.WriteLine("Usage : restore --from FICHIER (Discret arrêté sur toutes ses instances)");
                    return 2;
                }
                try
                {
                    await services.GetRequiredService<Features.Conservation.DatabaseBackup>().RestoreAsync(from);
                }
                catch (Features.Conservation.BackupException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return 1;
                }
                Console.WriteLine($"Base restaurée depuis {Path.GetFullPath(from)}.");
                return await AfterRestoreAsync(app);
            case "after-restore":
                return await AfterRestoreAsync(app);
            case "create-admin":
                var login = Option(args, "--login");
                var name = Option(args, "--name");
                if (login is null || name is null)
                {
                    Console.Error.WriteLine("Usage : create-admin --login LOGIN --name \"Prénom Nom\" [--circonscription NOM] [--departement NOM] [--url https://discret.exemple.fr]");
                    return 2;
                }
                if (!await db.DepartementSettings.AnyAsync())
                    db.DepartementSettings.Add(new DepartementSettings(Option(args, "--departement") ?? "Département", "#1f5f8b",
                        "Président du conseil départemental", "À renseigner"));
                var circonscriptionName = Option(args, "--circonscription") ?? "Siège";
                var circonscription = await db.Circonscriptions.FirstOrDefaultAsync(c => c.Name == circonscriptionName);
                if (circonscription is null) db.Circonscriptions.Add(circonscription = new Circonscription(circonscriptionName));
                await db.SaveChangesAsync();
                var result = await services.GetRequiredService<AccountCommands>().CreateAsync(login, name, StaffRole.AdminTechnique, circonscription.Id, null);
                if (!result.Succeeded)
                {
                    foreach (var error in result.Errors.Values) Console.Error.WriteLine(error);
                    return 1;
                }
                Console.WriteLine("Compte administrateur créé.");
                if (result.Value.Confirmer.Kind != ConfirmerKind.Exploitant)
                {
                    Console.WriteLine($"Il attend la confirmation de {result.Value.Confirmer.Description}, qui recevra le lien d'activation.");
                    return 0;
                }
                return await ConfirmAsync(services, login, args);
            case "confirm-account":
                var account = Option(args, "--login");
                if (account is null)
                {
                    Console.Error.WriteLine("Usage : confirm-account --login LOGIN [--url https://discret.exemple.fr]");
                    return 2;
                }
                return await ConfirmAsync(services, account, args);
        }
        return 2;
    }

    /// <summary>The steps after a restore, in a fresh scope (the restore replaced the database under the first one's connections).</summary>
    private static async Task<int> AfterRestoreAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<Features.Conservation.AfterRestore>().RunAsync();
        Console.WriteLine(report.Before.Intact
            ? $"Journal restauré intact jusqu'au n° {report.Head}."
            : $"Journal restauré : {report.Before.Problem}");
        if (report.Refused is not null)
        {
            Console.Error.WriteLine("Restauration non terminée : " + report.Refused);
            return 1;
        }
        if (report.SetAsideFolder is not null)
            Console.WriteLine($"{report.AnchorsSetAside} scellement(s) au-delà du n° {report.Head} mis de côté (preuve à garder) : {report.SetAsideFolder}");
        var r = report.Replay;
        Console.WriteLine(r.Any
            ? $"Registre des effacements rejoué : {r.Erasures} effacement(s), {r.Files} dossier(s), {r.FollowUps} accompagnement(s) clos et {r.Requests} demande(s) supprimés de nouveau."
            : "Registre des effacements : rien à refaire.");
        if (r.RejectedLines > 0)
            Console.Error.WriteLine($"{r.RejectedLines} ligne(s) du registre des effacements ne sont pas authentiques : elles n'ont pas été rejouées (gardez le fichier, prévenez le DPO).");
        Console.WriteLine(report.After.Intact
            ? $"Journal intact : {report.After.EntriesChecked} entrées et {report.After.AnchorsChecked} scellements vérifiés. Lancez maintenant « conservation », puis démarrez Discret."
            : $"Journal NON intègre (entrée n° {report.After.BrokenAt}) : {report.After.Problem}");
        return report.After.Intact ? 0 : 1;
    }

    /// <summary>The operator confirms (only when nobody in the application may) and hands over the printed link.</summary>
    private static async Task<int> ConfirmAsync(IServiceProvider services, string login, string[] args)
    {
        var confirmed = await services.GetRequiredService<AccountConfirmations>().ConfirmAsOperatorAsync(login);
        if (!confirmed.Succeeded)
        {
            foreach (var error in confirmed.Errors.Values) Console.Error.WriteLine(error);
            return 1;
        }
        Console.WriteLine($"Demande confirmée : {confirmed.Value.Kind.Label()}.");
        if (confirmed.Value.Token is { } token)
        {
            Console.WriteLine("Lien d'activation (valable 72 heures, à usage unique), à remettre en main propre au titulaire :");
            Console.WriteLine(Features.Connexion.ActivationModel.Link(Option(args, "--url") ?? "http://localhost:5080", token));
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
