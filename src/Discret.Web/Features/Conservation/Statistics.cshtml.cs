using Discret.Data;
using Discret.Domain.Retention;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Conservation;

/// <summary>The anonymous statistics kept when data past retention is deleted: counts of at least 5, no identifier (DPO only).</summary>
public sealed class StatisticsModel(DiscretDbContext db) : PageModel
{
    public sealed record Cell(string Circonscription, bool Departement, string Value, bool Other, int Count);

    public sealed record Table(int Year, StatisticMeasure Measure, IReadOnlyList<Cell> Cells);

    public IReadOnlyList<Table> Tables { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var names = await db.Circonscriptions.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var cells = await db.StatisticCells.AsNoTracking().ToListAsync(ct);
        Tables = cells.GroupBy(c => (c.Year, c.Measure)).OrderByDescending(g => g.Key.Year).ThenBy(g => g.Key.Measure)
            .Select(g => new Table(g.Key.Year, g.Key.Measure, g
                .Select(c => new Cell(c.CirconscriptionId is { } id ? names.GetValueOrDefault(id, "?") : "Tout le département", c.CirconscriptionId is null,
                    ConservationLabels.Value(c.Measure, c.Value), c.Value == StatisticCell.Other, c.Count))
                .OrderBy(c => c.Departement).ThenBy(c => c.Circonscription, StringComparer.Ordinal).ThenBy(c => c.Other).ThenBy(c => c.Value, StringComparer.Ordinal)
                .ToList()))
            .ToList();
    }
}
