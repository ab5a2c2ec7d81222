using Discret.Web.Shared.Documents;

namespace Discret.Web.Features.Registre;

/// <summary>Two versions of the register compared (<c>/registre/comparer?de=1&amp;a=3</c>).</summary>
public sealed class CompareModel(RegisterVersions versions) : DocumentComparePageModel<RegisterContent>(versions, "/registre", "du registre")
{
    protected override IReadOnlyList<DocumentSection> SectionsOf(RegisterContent content) => content.Sections;
}
