using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Notifications;

/// <summary>The signed-in account's own notifications (any member of staff); each can be marked as read.</summary>
public sealed class IndexModel(NotificationInbox inbox) : PageModel
{
    public const string Path = "/notifications";

    public IReadOnlyList<NotificationInbox.Item> Items { get; private set; } = [];
    public bool MayOpenFiles => User.Role() is { } role && Policies.PersonFileRoles.Contains(role);

    public async Task OnGetAsync() => Items = await inbox.MineAsync(User, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostReadAsync(Guid notificationId)
    {
        if (!await inbox.MarkReadAsync(User, notificationId, HttpContext.RequestAborted)) return NotFound();
        return Redirect(Path);
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await inbox.MarkAllReadAsync(User, HttpContext.RequestAborted);
        return Redirect(Path);
    }
}
