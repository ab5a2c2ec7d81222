using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.ReferenceApi;

/// <summary>
/// « Référence de l'API »: the OpenAPI document rendered for integrators (Swagger UI, served from wwwroot/lib, no « Try it
/// out »), with the API's problem types. Every member of staff, like the document itself.
/// </summary>
public sealed class ReferenceApiModule : IModule
{
    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/ReferenceApi", Policies.Staff);
}
