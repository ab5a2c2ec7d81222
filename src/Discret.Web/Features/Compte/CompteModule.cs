using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Compte;

/// <summary>One's own account: second factor, recovery codes, charter, password. Every member of staff.</summary>
public sealed class CompteModule : IModule
{
    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Compte", Policies.Staff);
}
