using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Journal;

/// <summary>The DPO console's entry page: the tools, no journal data.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet() { }
}
