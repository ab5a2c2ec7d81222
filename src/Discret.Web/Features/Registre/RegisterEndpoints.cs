using Discret.Web.Data;
using Discret.Web.Domain.Organisation;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Registre;

/// <summary>The register as PDF, any published version: the same readers as the page (policy Catalogue).</summary>
public static class RegisterEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/registre/{number:int}/registre.pdf", async (int number, RegisterVersions versions, DiscretDbContext db, HttpContext http) =>
            {
                var register = await versions.VersionAsync(number, http.RequestAborted);
                if (register is null) return Results.NotFound();
                var colour = await db.DepartementSettings.AsNoTracking().Where(s => s.Id == DepartementSettings.SingletonId).Select(s => s.PrimaryColor).FirstAsync(http.RequestAborted);
                return RegisterPdf.Render(register, colour).ToDownload($"registre-des-traitements-v{register.Number}.pdf");
            })
            .RequireAuthorization(Policies.Catalogue).ExcludeFromDescription();
    }
}
