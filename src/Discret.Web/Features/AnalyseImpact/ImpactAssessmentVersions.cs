using Discret.Data;
using Discret.Domain.Documents;
using Discret.Domain.Organisation;
using Discret.Web.Features.InformationDesPersonnes;
using Discret.Web.Features.Registre;
using Discret.Web.Shared.Documents;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.AnalyseImpact;

/// <summary>
/// The impact assessment as generated now and its past versions (<see cref="PublishedDocuments"/>, like the register):
/// a new catalogue field, grant, retention rule or setting makes a new version, and the comparison of two versions is
/// the delta the DPO reviews. It stands on the register and the notice in force, whose version numbers it names.
/// </summary>
public sealed class ImpactAssessmentVersions(DiscretDbContext db, PublishedDocuments documents, RegisterVersions register,
    NoticeVersions notice, Conservation.RetentionSettings retention) : IDocumentVersions<ImpactAssessmentContent>
{
    public async Task<PublishedDocuments.Published<ImpactAssessmentContent>> CurrentAsync(CancellationToken ct = default)
    {
        var settings = await db.DepartementSettings.AsNoTracking().FirstAsync(s => s.Id == DepartementSettings.SingletonId, ct);
        var configuration = register.Configuration();
        var (rules, _) = await retention.AllInForceAsync(ct);
        var registerVersion = (await register.CurrentAsync(ct)).Number;
        var noticeVersion = (await notice.CurrentAsync(ct)).Number;
        var content = ImpactAssessmentContent.Build(settings, SecurityMeasures.Describe(configuration), rules, configuration, registerVersion, noticeVersion);
        return await documents.CurrentAsync(DocumentKind.AnalyseImpact, content, ct);
    }

    public Task<PublishedDocuments.Published<ImpactAssessmentContent>?> FindAsync(int number, CancellationToken ct = default) =>
        documents.FindAsync<ImpactAssessmentContent>(DocumentKind.AnalyseImpact, number, ct);


    public Task<List<PublishedDocuments.Summary>> AllAsync(CancellationToken ct = default) => documents.AllAsync(DocumentKind.AnalyseImpact, ct);
}
