using Discret.Web.Shared.Documents;
using Discret.Web.Data;
using Discret.Web.Domain.Organisation;
using Discret.Web.Security;
using Discret.Web.Shared.Pdf;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>The notice as PDF, leaflet or poster, of any published version: every member of staff.</summary>
public static class NoticeEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/notice-information/{number:int}/depliant.pdf", (int number, NoticeVersions versions, DiscretDbContext db, HttpContext http) =>
                PdfAsync(number, "notice-information", NoticePdf.Leaflet, versions, db, http))
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        app.MapGet("/notice-information/{number:int}/affiche.pdf", (int number, NoticeVersions versions, DiscretDbContext db, HttpContext http) =>
                PdfAsync(number, "affiche-information", NoticePdf.Poster, versions, db, http))
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
    }

    private static async Task<IResult> PdfAsync(int number, string name, Func<PublishedDocuments.Published<NoticeContent>, string, PdfFlow> layout,
        NoticeVersions versions, DiscretDbContext db, HttpContext http)
    {
        var ct = http.RequestAborted;
        var current = await versions.CurrentAsync(ct);
        var notice = number == current.Number ? current : await versions.FindAsync(number, ct);
        if (notice is null) return Results.NotFound();
        var colour = await db.DepartementSettings.AsNoTracking().Where(s => s.Id == DepartementSettings.SingletonId).Select(s => s.PrimaryColor).FirstAsync(ct);
        return layout(notice, colour).ToDownload($"{name}-v{notice.Number}.pdf");
    }
}
