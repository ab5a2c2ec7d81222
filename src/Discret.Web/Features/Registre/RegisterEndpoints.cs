using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Documents;

namespace Discret.Web.Features.Registre;

/// <summary>The register as PDF, any published version: the same readers as the page (policy Catalogue).</summary>
public static class RegisterEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/registre/{number:int}/registre.pdf", async (int number, RegisterVersions versions, DepartementTheme theme, HttpContext http) =>
            {
                var register = await versions.VersionAsync(number, http.RequestAborted);
                if (register is null) return Results.NotFound();
                return RegisterPdf.Render(register, (await theme.GetAsync()).PrimaryColor).ToDownload($"registre-des-traitements-v{register.Number}.pdf");
            })
            .RequireAuthorization(Policies.Catalogue).ExcludeFromDescription();
    }
}
