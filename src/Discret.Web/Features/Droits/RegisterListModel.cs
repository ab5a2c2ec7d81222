using Discret.Domain.Rights;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Droits;

/// <summary>
/// The register's list, as the DPO (every request, <c>/droits</c>) and a head of circonscription (their circonscription's,
/// <c>/droits/circonscription</c>) see it: filters in the address (a status and a right, never a name), counts above.
/// </summary>
public abstract class RegisterListModel(RegisterQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)] public RequestStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public RightKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public RegisterQueries.ListPage List { get; private set; } = null!;
    public RegisterQueries.Dashboard Counts { get; private set; } = null!;

    public abstract string BasePath { get; }

    public static IEnumerable<SelectListItem> StatusChoices =>
        new[] { new SelectListItem("Tous", "") }.Concat(Enum.GetValues<RequestStatus>().Select(s => new SelectListItem(s.Label(), s.ToString())));

    public static IEnumerable<SelectListItem> KindChoices =>
        new[] { new SelectListItem("Tous", "") }.Concat(Enum.GetValues<RightKind>().Select(k => new SelectListItem($"{k.Label()} ({k.Article()})", k.ToString())));

    public string PageHref => $"{BasePath}?Status={Status}&Kind={Kind}&p={{0}}";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!ModelState.IsValid) { Status = null; Kind = null; PageNumber = 1; ModelState.Clear(); }
        var ct = HttpContext.RequestAborted;
        Counts = await queries.DashboardAsync(User, ct);
        List = await queries.ListAsync(User, new RegisterQueries.Filter(Status, Kind, PageNumber), ct);
        return Page();
    }
}

public sealed class IndexModel(RegisterQueries queries) : RegisterListModel(queries)
{
    public override string BasePath => "/droits";
}

public sealed class CirconscriptionModel(RegisterQueries queries) : RegisterListModel(queries)
{
    public override string BasePath => "/droits/circonscription";
}
