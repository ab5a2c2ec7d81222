using Discret.Web.Shared.Documents;

namespace Discret.Web.Features.AnalyseImpact;

/// <summary>Two versions of the impact assessment compared (<c>/analyse-impact/comparer?de=1&amp;a=3</c>): the delta to review.</summary>
public sealed class CompareModel(ImpactAssessmentVersions versions) : DocumentComparePageModel<ImpactAssessmentContent>(versions, "/analyse-impact", "de l'analyse")
{
    protected override IReadOnlyList<DocumentSection> SectionsOf(ImpactAssessmentContent content) => content.Sections();
}
