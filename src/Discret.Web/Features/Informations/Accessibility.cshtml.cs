using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Informations;

[AllowAnonymous]
public sealed class AccessibilityModel : PageModel
{
    public void OnGet() { }
}
