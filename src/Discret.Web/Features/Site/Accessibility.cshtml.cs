using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Site;

public sealed class AccessibilityModel : PageModel
{
    public void OnGet() { }
}
