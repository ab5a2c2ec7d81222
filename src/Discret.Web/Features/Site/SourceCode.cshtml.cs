using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Site;

/// <summary>AGPL-3.0 §13: users of the service are offered the source of the running version.</summary>
public sealed class SourceCodeModel(IOptions<DiscretSettings> settings) : PageModel
{
    public string SourceUrl => settings.Value.SourceCodeUrl;
    public void OnGet() { }
}
