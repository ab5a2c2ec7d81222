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
    public sealed record IndicatorInfo(string Code, string Label, string Unit, string Definition, IReadOnlyList<BreakdownInfo> Breakdowns);
    public sealed record BreakdownInfo(string Code, string Label, IReadOnlyList<ValueInfo>? Values);
    public sealed record ValueInfo(string Code, string Label);
    public sealed record TerritoryInfo(string Code, string Label);
    public sealed record CatalogAnswer(int Threshold, IReadOnlyList<int> Years, IReadOnlyList<TerritoryInfo> Territories, IReadOnlyList<IndicatorInfo> Indicators);
    public sealed record PeriodInfo(string Code, string Label);
    public sealed record CellAnswer(string Territory, int? Count, bool Masked, string Display, double? Change);
    public sealed record RowAnswer(string Value, string Label, IReadOnlyList<CellAnswer> Cells);
    public sealed record PreviousAnswer(PeriodInfo Period, IReadOnlyList<RowAnswer> Rows);
    public sealed record TableAnswer(string Indicator, string Label, string Unit, string Definition, PeriodInfo Period, BreakdownInfo? Breakdown,
        int Threshold, bool Frozen, DateTimeOffset? ComputedAt, bool AllMasked, IReadOnlyList<TerritoryInfo> Territories, IReadOnlyList<RowAnswer> Rows,
        PreviousAnswer? Previous);
    public sealed record RecomputeAnswer(IReadOnlyList<int> Years, int Figures);
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
