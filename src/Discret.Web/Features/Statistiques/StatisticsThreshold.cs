using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Organisation;
using Discret.Web.Features.Journal;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Statistiques;

/// <summary>The DPO sets the threshold under which published counts are masked (journaled as a setting).</summary>
public sealed class StatisticsThreshold(DiscretDbContext db, AccessJournal journal)
{
    public async Task<Result> SetAsync(int? threshold, CancellationToken ct)
    {
        if (threshold is not { } t || t < DepartementSettings.MinStatisticsThreshold || t > DepartementSettings.MaxStatisticsThreshold)
            return Result.Invalid("Threshold", $"Le seuil doit être un nombre entier de {DepartementSettings.MinStatisticsThreshold} à "
                                               + $"{DepartementSettings.MaxStatisticsThreshold}.");
        var settings = await db.DepartementSettings.SingleOrDefaultAsync(s => s.Id == DepartementSettings.SingletonId, ct);
        if (settings is null) return Result.Refused("Réglages absents", "Les réglages du département ne sont pas encore enregistrés.");
        if (settings.StatisticsThreshold == t) return Result.Ok();
        settings.SetStatisticsThreshold(t);
        await db.SaveChangesAsync(ct);
        await journal.WriteAsync(JournalAction.Parametrage, detail: $"seuil des statistiques: {t}", ct: ct);
        return Result.Ok();
    }
}
