using Discret.Web.Shared.Documents;

namespace Discret.Web.Features.AnalyseImpact;

/// <summary>The impact assessment, current or of a past version, with the list of versions and the downloads (PDF, PIA file): the DPO.</summary>
public sealed class IndexModel(ImpactAssessmentVersions versions) : DocumentPageModel<ImpactAssessmentContent>(versions);
