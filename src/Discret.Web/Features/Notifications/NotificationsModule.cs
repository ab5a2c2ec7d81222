using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Notifications;

/// <summary>Each member of staff's own notifications.</summary>
public sealed class NotificationsModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddScoped<NotificationInbox>();

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Notifications", Policies.Staff);
}
