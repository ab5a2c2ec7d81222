using Discret.Web.Data;
using Discret.Web.Domain.Accounts;
using Discret.Web.Domain.Organisation;
using Discret.Web.Features.Administration.Comptes;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Cli;

/// <summary>
/// Operator commands, run as `dotnet Discret.Web.dll &lt;command&gt;` (or `dotnet run --project src/Discret.Web -- &lt;command&gt;`):
/// <list type="bullet">
/// <item><c>migrate</c> — applies the schema migrations (production: before starting a new version).</item>
/// <item><c>create-admin --login LOGIN --name "Prénom Nom" [--circonscription NAME] [--departement NAME]</c> — creates the
/// first technical administrator (and, on an empty database, the département and its first circonscription) and prints
/// its one-time activation link.</item>
/// </list>
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["migrate", "create-admin"];

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
                Console.WriteLine("Schéma à jour.");
                return 0;
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
                var result = await services.GetRequiredService<AccountCommands>().CreateAsync(login, name, StaffRole.AdminTechnique, circonscription.Id);
                if (!result.Succeeded)
                {
                    foreach (var error in result.Errors.Values) Console.Error.WriteLine(error);
                    return 1;
                }
                var baseUrl = (Option(args, "--url") ?? "http://localhost:5080").TrimEnd('/');
                Console.WriteLine($"Compte administrateur créé. Lien d'activation (valable 72 heures, à usage unique) :");
                Console.WriteLine($"{baseUrl}/activation?jeton={result.ActivationToken}");
                return 0;
        }
        return 2;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
