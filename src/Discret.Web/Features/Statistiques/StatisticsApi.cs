using Discret.Domain.Journal;
using Discret.Domain.Organisation;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;

namespace Discret.Web.Features.Statistiques;

/// <summary>The statistics through the API: the same tables as the pages, masked the same way (Direction, DPO, heads of
/// circonscription; every other account: 404). Fields in English like the rest of the API.</summary>
public static class StatisticsApi
{
    /// <summary>Un indicateur statistique et ses ventilations.</summary>
    /// <param name="Code">Code de l'indicateur, à mettre dans la route GET /api/v1/statistiques/{indicator}.</param>
    /// <param name="Label">Libellé français.</param>
    /// <param name="Unit">Unité, en français (personnes, accompagnements, jours…).</param>
    /// <param name="Definition">Définition, en français : ce qui est compté.</param>
    /// <param name="Breakdowns">Les ventilations possibles (paramètre breakdown).</param>
    public sealed record IndicatorInfo(string Code, string Label, string Unit, string Definition, IReadOnlyList<BreakdownInfo> Breakdowns);
    /// <summary>Une ventilation d'un indicateur.</summary>
    /// <param name="Code">Code de la ventilation, pour le paramètre breakdown.</param>
    /// <param name="Label">Libellé français.</param>
    /// <param name="Values">Ses valeurs ; null pour une liste ouverte (les communes).</param>
    public sealed record BreakdownInfo(string Code, string Label, IReadOnlyList<ValueInfo>? Values);
    /// <summary>Une valeur d'une ventilation.</summary>
    /// <param name="Code">Code de la valeur.</param>
    /// <param name="Label">Libellé français.</param>
    public sealed record ValueInfo(string Code, string Label);
    /// <summary>Un territoire des statistiques : le département ou une circonscription.</summary>
    /// <param name="Code">departement, ou l'identifiant (UUID) d'une circonscription ; pour le paramètre territory.</param>
    /// <param name="Label">Libellé français.</param>
    public sealed record TerritoryInfo(string Code, string Label);
    /// <summary>Ce que les statistiques offrent à votre rôle : indicateurs, territoires visibles, années calculées, seuil de masquage.</summary>
    /// <param name="Threshold">Seuil de masquage : tout nombre inférieur est masqué (de 5 à 11, réglé par le DPO).</param>
    /// <param name="Years">Les années calculées.</param>
    /// <param name="Territories">Les territoires que votre rôle peut voir.</param>
    /// <param name="Indicators">Les indicateurs.</param>
    public sealed record CatalogAnswer(int Threshold, IReadOnlyList<int> Years, IReadOnlyList<TerritoryInfo> Territories, IReadOnlyList<IndicatorInfo> Indicators);
    /// <summary>Une période des statistiques.</summary>
    /// <param name="Code">Code de la période : une année (2026), un trimestre (2026-T1) ou un mois (2026-03).</param>
    /// <param name="Label">Libellé français.</param>
    public sealed record PeriodInfo(string Code, string Label);
    /// <summary>Un nombre d'un tableau pour un territoire, masqué sous le seuil.</summary>
    /// <param name="Territory">Code du territoire (departement ou identifiant d'une circonscription).</param>
    /// <param name="Count">Le nombre ; null quand il est masqué.</param>
    /// <param name="Masked">true quand le nombre est masqué : sous le seuil, ou masqué pour qu'un petit nombre ne puisse pas être retrouvé (masquage secondaire).</param>
    /// <param name="Display">Ce qu'il faut afficher, en français : le nombre (« 1 234 ») ; sous le seuil, le signe « inférieur à » suivi du seuil (pour un seuil de 5 : « inférieur à 5 » écrit avec le signe) ; « masqué » (masquage secondaire) ; ou « non publié ».</param>
    /// <param name="Change">Évolution en pourcentage par rapport à la même période un an avant, arrondie au dixième ; null si l'un des deux nombres est masqué ou si l'ancien est nul.</param>
    public sealed record CellAnswer(string Territory, int? Count, bool Masked, string Display, double? Change);
    /// <summary>Une ligne d'un tableau : le total, ou une valeur de la ventilation.</summary>
    /// <param name="Value">Code de la valeur de la ventilation ; chaîne vide pour la ligne du total.</param>
    /// <param name="Label">Libellé français de la ligne.</param>
    /// <param name="Cells">Un nombre par territoire, dans l'ordre de territories.</param>
    public sealed record RowAnswer(string Value, string Label, IReadOnlyList<CellAnswer> Cells);
    /// <summary>Le même tableau pour la même période un an avant.</summary>
    /// <param name="Period">La période d'un an avant.</param>
    /// <param name="Rows">Ses lignes.</param>
    public sealed record PreviousAnswer(PeriodInfo Period, IReadOnlyList<RowAnswer> Rows);
    /// <summary>Un indicateur pour une période, par territoire et ventilation, chaque petit nombre déjà masqué.</summary>
    /// <param name="Indicator">Code de l'indicateur.</param>
    /// <param name="Label">Libellé français de l'indicateur.</param>
    /// <param name="Unit">Unité, en français.</param>
    /// <param name="Definition">Définition, en français.</param>
    /// <param name="Period">La période du tableau.</param>
    /// <param name="Breakdown">La ventilation demandée ; null sans ventilation (total seulement).</param>
    /// <param name="Threshold">Seuil de masquage appliqué.</param>
    /// <param name="Frozen">true si l'année est figée (après le 31 mars de l'année suivante) : ses nombres ne changent plus.</param>
    /// <param name="ComputedAt">Dernier calcul des nombres de l'année : heure de Paris avec son décalage (…+01:00 ou +02:00), et non en UTC ; null si l'année n'a pas été calculée.</param>
    /// <param name="AllMasked">true si tous les nombres du tableau sont masqués.</param>
    /// <param name="Territories">Les territoires, dans l'ordre des nombres de chaque ligne.</param>
    /// <param name="Rows">Les lignes : le total d'abord, puis les valeurs de la ventilation.</param>
    /// <param name="Previous">La même période un an avant ; null si elle n'est pas calculée.</param>
    public sealed record TableAnswer(string Indicator, string Label, string Unit, string Definition, PeriodInfo Period, BreakdownInfo? Breakdown,
        int Threshold, bool Frozen, DateTimeOffset? ComputedAt, bool AllMasked, IReadOnlyList<TerritoryInfo> Territories, IReadOnlyList<RowAnswer> Rows,
        PreviousAnswer? Previous);
    /// <summary>Le résultat d'un recalcul des statistiques.</summary>
    /// <param name="Years">Les années recalculées (celles qui ne sont pas figées).</param>
    /// <param name="Figures">Nombre de chiffres calculés.</param>
    public sealed record RecomputeAnswer(IReadOnlyList<int> Years, int Figures);
    /// <summary>Le seuil de masquage des statistiques (DPO).</summary>
    /// <param name="Threshold">Le seuil : de 5 à 11. Obligatoire.</param>
    public sealed record ThresholdBody(int? Threshold);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/statistiques", async (StatisticsTables tables, HttpContext http) =>
        {
            var catalog = await tables.CatalogAsync(http.User, http.RequestAborted);
            if (catalog is null) return ApiProblems.NotFound();
            return Results.Ok(new CatalogAnswer(catalog.Threshold, catalog.Years, catalog.Territories.Select(t => new TerritoryInfo(t.Code, t.Label)).ToList(),
                Indicators.All.Select(i => new IndicatorInfo(i.Code, i.Label, i.Unit, i.Definition, i.Breakdowns.Select(Info).ToList())).ToList()));
        }).RequireAuthorization(Policies.Statistics)
          .WithSummary("Les indicateurs statistiques, leurs définitions et ventilations, les territoires visibles, les années calculées et le seuil de masquage. 404 pour les rôles sans statistiques.")
            .Produces<CatalogAnswer>();

        api.MapGet("/statistiques/{indicator}", async (string indicator, string? period, string? territory, string? breakdown, StatisticsTables tables,
            HttpContext http) =>
        {
            var table = await tables.TableAsync(http.User, indicator, period, territory, breakdown, http.RequestAborted);
            return table.ToHttp(t => Results.Ok(Answer(t)));
        }).RequireAuthorization(Policies.Statistics)
          .WithSummary("Un indicateur pour une période (period : 2026, 2026-T1 ou 2026-03), par territoire (territory : departement ou l'identifiant d'une "
                       + "circonscription ; tous les territoires visibles par défaut) et ventilation (breakdown) ; tout nombre sous le seuil est masqué "
                       + "(count null, display « < 5 »), avec masquage secondaire. previous : la même période un an avant. 400 ; 404.")
            .Produces<TableAnswer>();

        api.MapPost("/statistiques/recalcul", async (StatisticsRollup rollup, AccessJournal journal, HttpContext http) =>
        {
            var report = await rollup.RunAsync(http.RequestAborted);
            if (report is null)
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Calcul en cours",
                    detail: "Les statistiques sont déjà en cours de calcul. Réessayez dans quelques minutes.");
            await journal.WriteAsync(JournalAction.Parametrage, detail: $"statistiques recalculées: {string.Join(",", report.Years)}", ct: http.RequestAborted);
            return Results.Ok(new RecomputeAnswer(report.Years, report.Figures));
        }).RequireAuthorization(Policies.StatisticsControl)
          .WithSummary("Recalcule maintenant les statistiques des années non figées (DPO). 200 ; 409 si un calcul est déjà en cours ; 404 pour tout autre compte.")
            .Produces<RecomputeAnswer>();

        api.MapPut("/statistiques/seuil", async (ThresholdBody body, StatisticsThreshold threshold, HttpContext http) =>
            (await threshold.SetAsync(body.Threshold, http.RequestAborted)).ToHttp(() => Results.NoContent()))
          .RequireAuthorization(Policies.StatisticsControl)
          .WithSummary($"Règle le seuil de masquage des statistiques (DPO) : threshold de {DepartementSettings.MinStatisticsThreshold} à "
                       + $"{DepartementSettings.MaxStatisticsThreshold}. 204 ; 400 ; 404 pour tout autre compte.")
            .Produces(StatusCodes.Status204NoContent);
    }

    private static BreakdownInfo Info(Breakdown b) => new(b.Code, b.Label, b.Values?.Select(v => new ValueInfo(v.Code, v.Label)).ToList());

    public static TableAnswer Answer(StatTable t) => new(t.Indicator.Code, t.Indicator.Label, t.Indicator.Unit, t.Indicator.Definition,
        new(t.Period.Code, t.Period.Label), t.Breakdown is null ? null : Info(t.Breakdown), t.Threshold, t.Frozen,
        t.ComputedAt is { } at ? ParisTime.Instant(at) : null, t.AllMasked, t.Territories.Select(x => new TerritoryInfo(x.Code, x.Label)).ToList(),
        Rows(t), t.Previous is { } p ? new PreviousAnswer(new(p.Period.Code, p.Period.Label), Rows(p)) : null);

    private static List<RowAnswer> Rows(StatTable t) =>
        t.Rows.Select(r => new RowAnswer(r.Value, r.Label, r.Cells.Select(c => new CellAnswer(c.Territory, c.Count, c.Masked, c.Display, c.Change)).ToList())).ToList();
}
