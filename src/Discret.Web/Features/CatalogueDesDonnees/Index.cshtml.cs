using Discret.Catalogue;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.CatalogueDesDonnees;

/// <summary>The catalogue as a table, for the DPO and heads of circonscription.</summary>
public sealed class IndexModel(Microsoft.Extensions.Options.IOptions<Journal.JournalSettings> journal,
    Microsoft.Extensions.Options.IOptions<Security.SecuritySettings> security) : PageModel
{
    public TimeSpan JournalRetention => journal.Value.Retention;
    public TimeSpan AfterDeactivation => security.Value.DeactivatedAccountData;

    public void OnGet() { }

    public static string Describe(IReadOnlyDictionary<StaffRole, Scope> grants) =>
        grants.Count == 0 ? "Personne"
        : string.Join(" ; ", grants.Select(g => $"{g.Key.Label()} ({(g.Value == Scope.Circonscription ? "circonscription" : "équipe")})"));
}
