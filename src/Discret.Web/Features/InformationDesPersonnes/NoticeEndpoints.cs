using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Documents;
using Discret.Web.Shared.Pdf;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>The notice as PDF, leaflet, poster or easy-to-read, of any published version: every member of staff.</summary>
public static class NoticeEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/notice-information/{number:int}/depliant.pdf", (int number, NoticeVersions versions, DepartementTheme theme, HttpContext http) =>
                PdfAsync(number, "notice-information", NoticePdf.Leaflet, versions, theme, http))
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        app.MapGet("/notice-information/{number:int}/affiche.pdf", (int number, NoticeVersions versions, DepartementTheme theme, HttpContext http) =>
                PdfAsync(number, "affiche-information", NoticePdf.Poster, versions, theme, http))
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        app.MapGet("/notice-information/{number:int}/facile-a-lire.pdf", (int number, NoticeVersions versions, DepartementTheme theme, HttpContext http) =>
                PdfAsync(number, "notice-facile-a-lire", NoticePdf.EasyRead, versions, theme, http))
            .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
    }

    private static async Task<IResult> PdfAsync(int number, string name, Func<PublishedDocuments.Published<NoticeContent>, string, PdfFlow?> layout,
        NoticeVersions versions, DepartementTheme theme, HttpContext http)
    {
        if (await versions.VersionAsync(number, http.RequestAborted) is not { } notice) return Results.NotFound();
        // a version published before a layout existed (the easy-to-read one) has nothing to print in it
        return layout(notice, (await theme.GetAsync()).PrimaryColor) is { } pdf ? pdf.ToDownload($"{name}-v{notice.Number}.pdf") : Results.NotFound();
    }
}
