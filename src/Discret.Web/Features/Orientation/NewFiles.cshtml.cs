using Discret.Domain.Accounts;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Orientation;

/// <summary>« À orienter », whole and paged (the home pages show its first lines).</summary>
public sealed class NewFilesModel(NewFiles newFiles) : PageModel
{
    /// <summary>A page of the list, and whether the reader may open the follow-up (head of circonscription).</summary>
    public sealed record Listing(NewFiles.Page Page, bool CanAssign);

    public Listing List { get; private set; } = null!;
    public bool CanAssign => List.CanAssign;

    public async Task OnGetAsync(string? apres = null) =>
        List = new Listing(await newFiles.ListAsync(User, Guid.TryParse(apres, out var after) ? after : null, NewFiles.PageSize, HttpContext.RequestAborted),
            User.Role() == StaffRole.ResponsableCirconscription);
}
