using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>The « Information de la personne » section of the file: the records, the reminder while there is none,
/// and the facts from others still to bring to the person's knowledge. Nothing for an account that may not read it.
/// Shown on the file page only, whose read entry already names the Information group.</summary>
public sealed class InformationSection(PersonInformation information) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(PersonAccessView access)
    {
        var section = await information.LoadJournaledAsync(access, HttpContext.RequestAborted);
        return section is null ? Content("") : View("~/Features/InformationDesPersonnes/_InformationSection.cshtml", (access.PersonId, section));
    }
}
