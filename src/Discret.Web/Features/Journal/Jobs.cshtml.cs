using Discret.Data;
using Discret.Domain.Retention;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Journal;

/// <summary>
/// The background jobs (« Tâches de fond »): for each, the instance that ran it last, when, how it ended, and whether
/// an instance holds its lease now — so that the DPO sees the journal sealed and purged, the retention applied, and by
/// which instance when there are several (the DPO only). No personal data: machine and process names, dates, outcomes.
/// </summary>
public sealed class JobsModel(DiscretDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Job(string Label, string? Instance, DateTime? StartedAt, DateTime? EndedAt, string? Outcome, bool Running);

    public IReadOnlyList<Job> Jobs { get; private set; } = [];

    public static string Label(string name) => name switch
    {
        JobLease.Journal => "Scellement et purge du journal",
        JobLease.Retention => "Conservation des données (chaque nuit)",
        JobLease.Statistics => "Statistiques anonymes (chaque nuit)",
        JobLease.WorkingNotes => "Purge des notes de travail expirées",
        JobLease.Idempotency => "Purge des traces anti-doublon",
        JobLease.Sessions => "Purge des sessions terminées",
        JobLease.DeactivatedAccounts => "Effacement des données des comptes désactivés",
        _ => name,
    };

    /// <summary>The instance without the run's own token: « machine/processus ».</summary>
    public static string? InstanceOf(string? holder) => holder is null ? null : string.Join('/', holder.Split('/').SkipLast(1));

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var leases = await db.JobLeases.AsNoTracking().ToListAsync(HttpContext.RequestAborted);
        Jobs = leases.OrderBy(l => Array.IndexOf(JobLease.All, l.Name))
            .Select(l => new Job(Label(l.Name), InstanceOf(l.LastHolder), l.LastStartedAt, l.LastEndedAt, l.LastOutcome, l.Holder is not null && l.Until >= now))
            .ToList();
    }
}
