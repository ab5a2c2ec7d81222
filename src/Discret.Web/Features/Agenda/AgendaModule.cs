using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Agenda;

/// <summary>The agenda of appointments: booking, the worker's day and week, the reception's day with arrivals, a room's
/// day, the rooms of each circonscription, and the worker's calendar feed.</summary>
public sealed class AgendaModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AppointmentBooking>();
        services.AddScoped<AgendaLists>();
        services.AddScoped<CalendarFeeds>();
    }

    public void AuthorizePages(PageConventionCollection pages)
    {
        pages.AuthorizePage("/Agenda/Index", Policies.AgendaOwn);
        pages.AuthorizePage("/Agenda/Week", Policies.AgendaOwn);
        pages.AuthorizePage("/Agenda/Feed", Policies.AgendaOwn);
        pages.AuthorizePage("/Agenda/Reception", Policies.AgendaCirconscription);
        pages.AuthorizePage("/Agenda/RoomDay", Policies.AgendaCirconscription);
        pages.AuthorizePage("/Agenda/Rooms", Policies.Administration);
        pages.AuthorizePage("/Agenda/Book", Policies.PersonFiles);
        pages.AuthorizePage("/Agenda/Appointment", Policies.PersonFiles);
    }

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api)
    {
        AgendaApi.Map(api);
        CalendarFeeds.MapFeed(app);
    }
}
