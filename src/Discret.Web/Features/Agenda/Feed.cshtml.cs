using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Agenda;

/// <summary>In the account area: the worker creates (or renews) and revokes the secret address of her agenda's feed.</summary>
public sealed class FeedModel(CalendarFeeds feeds) : PageModel
{
    public bool Exists { get; private set; }
    /// <summary>The new address, shown once right after its creation.</summary>
    public string? NewAddress { get; private set; }

    public async Task OnGetAsync() => Exists = await feeds.ExistsAsync(User.AccountId(), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var secret = await feeds.CreateAsync(User.AccountId(), HttpContext.RequestAborted);
        NewAddress = $"{Request.Scheme}://{Request.Host}{CalendarFeeds.PathOf(secret)}";
        Exists = true;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        await feeds.RevokeAsync(User.AccountId(), HttpContext.RequestAborted);
        return Redirect("/compte/agenda-ical");
    }
}
