using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Journal;

/// <summary>The anomaly alerts of the recent window, each linked to the journal entries behind it.</summary>
public sealed class AlertsModel(JournalAlerts alerts, JournalAccounts accounts, AccessJournal journal) : PageModel
{
    public IReadOnlyList<JournalAlerts.Alert> Alerts { get; private set; } = [];
    public IReadOnlyDictionary<Guid, JournalAccounts.Name> Names { get; private set; } = new Dictionary<Guid, JournalAccounts.Name>();
    public JournalAlertSettings Settings => alerts.Settings;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        await journal.WriteAsync(JournalAction.ConsultationJournal, detail: DpoConsole.Views.Alerts, ct: ct);
        Alerts = await alerts.ComputeAsync(ct);
        Names = await accounts.NamesAsync(Alerts.Select(a => (Guid?)a.AccountId), ct);
    }

    public string NameOf(Guid id) => Names.TryGetValue(id, out var n) ? n.DisplayName : "Compte supprimé";
}
