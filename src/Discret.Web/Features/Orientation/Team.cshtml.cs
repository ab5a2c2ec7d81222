using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Orientation;

/// <summary>« Équipe de la circonscription »: who is available today and the absences declared — never what anyone holds.</summary>
public sealed class TeamModel(Workers workers, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Workers.Worker> Members { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        Today = ParisTime.Today(clock);
        Members = await workers.OfCirconscriptionAsync(User.CirconscriptionId(), HttpContext.RequestAborted);
    }
}
