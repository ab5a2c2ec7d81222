using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Documents;

namespace Discret.Web.Features.AnalyseImpact;

/// <summary>The impact assessment as PDF and as a file for the CNIL's PIA software, any published version: the DPO only.</summary>
public static class ImpactAssessmentEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/analyse-impact/{number:int}/aipd.pdf", async (int number, ImpactAssessmentVersions versions, DepartementTheme theme, HttpContext http) =>
            {
                var assessment = await versions.VersionAsync(number, http.RequestAborted);
                if (assessment is null) return Results.NotFound();
                return ImpactAssessmentPdf.Render(assessment, (await theme.GetAsync()).PrimaryColor).ToDownload($"analyse-impact-v{assessment.Number}.pdf");
            })
            .RequireAuthorization(Policies.ImpactAssessment).ExcludeFromDescription();

        app.MapGet("/analyse-impact/{number:int}/pia.json", async (int number, ImpactAssessmentVersions versions, HttpContext http) =>
            {
                var assessment = await versions.VersionAsync(number, http.RequestAborted);
                if (assessment is null) return Results.NotFound();
                return Results.File(PiaExport.Serialize(PiaExport.From(assessment)), "application/json", $"analyse-impact-v{assessment.Number}-pia.json");
            })
            .RequireAuthorization(Policies.ImpactAssessment).ExcludeFromDescription();
    }
}
