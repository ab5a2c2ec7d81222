using Discret.Domain.Accounts;
using Discret.Web.Features.Personnes;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Courriers;

/// <summary>
/// The print view of a file: the file's own read model (<see cref="PersonFile"/>, which loads and journals only the
/// groups the account may read), laid out for paper, with the confidentiality footer. Whoever reaches the file; 404 otherwise.
/// </summary>
public sealed class PrintModel(PersonFileContext context, PersonFile files, TimeProvider clock) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public PersonFile.View FileView { get; private set; } = null!;
    public string Footer { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var view = await context.PersonAsync(Id);
        if (view is null) return NotFound();
        FileView = await files.LoadAsync(view, HttpContext.RequestAborted);
        Footer = FooterOf(clock.GetUtcNow().UtcDateTime, view.Role);
        return Page();
    }

    /// <summary>« Document confidentiel — secret professionnel — imprimé le 03/12/2026 à 17:45 par Travailleur social » (Paris time).</summary>
    public static string FooterOf(DateTime utcNow, Domain.Accounts.StaffRole role) =>
        $"Document confidentiel — secret professionnel — imprimé le {ParisTime.DayAtTime(utcNow)} par {role.Label()}";
}
