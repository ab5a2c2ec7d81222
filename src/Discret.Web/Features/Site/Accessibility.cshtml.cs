using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Site;

[AllowAnonymous]
public sealed class AccessibilityModel : PageModel
{
    public void OnGet() { }
}
