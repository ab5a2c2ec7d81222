using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace Discret.Web.Features.Agenda;

/// <summary>On the home page of reception and secretariat: today's appointments of the circonscription, with the
/// arrival buttons. Renders nothing for any other role.</summary>
public sealed class TodayAtReceptionViewComponent(AgendaLists lists, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = HttpContext.User;
        if (!AgendaScope.MarksArrivals(user.Role())) return Content("");
        var lines = await lists.CirconscriptionAsync(user.CirconscriptionId(), ParisTime.Today(clock), HttpContext.RequestAborted);
        return View("/Features/Agenda/_TodayAtReception.cshtml", lines);
    }
}
