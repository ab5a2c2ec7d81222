using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.Taches;

/// <summary>
/// The tasks API, on the same use cases as the pages. A task the account does not see answers 404 exactly like an
/// unknown one; a stale version answers 409; a change by someone else than the author answers 400 with the reason.
/// </summary>
public static class TasksApi
{
    /// <summary>Une tâche marquée faite ou à faire (quiconque la voit).</summary>
    /// <param name="Done">true : faite, datée d'aujourd'hui (Paris) ; false : à faire de nouveau. Obligatoire.</param>
    /// <param name="Version">Version de la tâche telle que vous l'avez lue : une version périmée répond 409. Facultative : absente, rien n'est contrôlé.</param>
    public sealed record MarkRequest(bool? Done, int? Version);

    public const string UnknownStatus = "Indiquez status=a-faire (les tâches à faire, par défaut) ou status=faites.";

    public static void Map(RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("").RequireAuthorization(Policies.PersonFiles);

        tasks.MapGet("/taches", async (string? status, WorkTasks use, HttpContext http) => status switch
            {
                null or "" or "a-faire" => Results.Ok(await use.ListAsync(http.User, WorkTasks.Filter.AFaire, ct: http.RequestAborted)),
                "faites" => Results.Ok(await use.ListAsync(http.User, WorkTasks.Filter.Faites, ct: http.RequestAborted)),
                // An unknown value is refused, not read as « à faire »: the caller would take the wrong list for the one asked.
                _ => ApiProblems.Validation(new Dictionary<string, string[]> { ["status"] = [UnknownStatus] }),
            })
            .WithSummary("Vos tâches à faire (status=a-faire, par défaut : les plus en retard d'abord) ou faites (status=faites) : celles que vous avez créées, "
                         + "qui vous sont assignées (ou à votre secrétariat), ou que l'auteur a ouvertes à l'équipe d'un accompagnement dont vous êtes.")
            .Produces<List<WorkTasks.TaskView>>();

        tasks.MapGet("/taches/{id:guid}", async (Guid id, WorkTasks use, HttpContext http) =>
            await use.FindAsync(http.User, id, http.RequestAborted) is { } task ? Results.Ok(task) : ApiProblems.NotFound())
            .WithSummary("Une tâche que vous voyez, et sa version (pour la modifier).")
            .Produces<WorkTasks.TaskView>();

        tasks.MapPost("/taches", async (WorkTasks.Request request, WorkTasks use, HttpContext http) =>
            (await use.CreateAsync(http.User, request, http.RequestAborted)).ToHttp(saved => Results.Created($"/api/v1/taches/{saved.Id}", saved), Body))
            .Idempotent()
            .WithSummary("Crée une tâche : intitulé de 200 caractères au plus (garde de sobriété : ni identifiant, ni jugement, ni mot de santé), échéance, "
                         + "accompagnement ou dossier facultatifs (que vous devez pouvoir lire), personne assignée (vous-même par défaut, un membre de l'équipe "
                         + "de l'accompagnement, ou \"toSecretariat\": true), visibilité MoiEtAssignee ou Equipe.")
            .Produces<WorkTasks.Saved>(StatusCodes.Status201Created);

        tasks.MapPut("/taches/{id:guid}", async (Guid id, WorkTasks.Request request, WorkTasks use, HttpContext http) =>
            (await use.UpdateAsync(http.User, id, request, http.RequestAborted)).ToHttp(Results.Ok, Body))
            .WithSummary("Modifie une tâche (son auteur seulement) ; la version lue est obligatoire pour éviter d'écraser une autre modification (409).")
            .Produces<WorkTasks.Saved>();

        tasks.MapPut("/taches/{id:guid}/etat", async (Guid id, MarkRequest request, WorkTasks use, HttpContext http) =>
            (await use.MarkAsync(http.User, id, request.Done, request.Version, http.RequestAborted)).ToHttp(Results.Ok, Body))
            .WithSummary("Marque une tâche faite (\"done\": true, datée d'aujourd'hui) ou à faire (\"done\": false) : quiconque la voit.")
            .Produces<WorkTasks.Saved>();

        tasks.MapGet("/rappels", async (Reminders reminders, HttpContext http) =>
            Results.Ok(await reminders.MineAsync(http.User, http.RequestAborted)))
            .WithSummary("Vos rappels, calculés à partir des dossiers de vos accompagnements ouverts : notice à remettre, information d'un tiers à "
                         + "porter à la connaissance de la personne, demande de droits, accord de partage qui expire dans les 30 jours, absence de contact, mandat à renouveler (30 jours avant sa fin).")
            .Produces<List<Reminders.Reminder>>();
    }

    /// <summary>Where a form-level error goes in a validation problem.</summary>
    private const string Body = "tache";
}
