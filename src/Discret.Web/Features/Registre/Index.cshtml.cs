using Discret.Web.Shared.Documents;

namespace Discret.Web.Features.Registre;

/// <summary>
/// The register of processing, current or of a past version, with the list of versions: the DPO, and the heads of
/// circonscription who answer for their service (the same readers as the data catalogue).
/// </summary>
public sealed class IndexModel(RegisterVersions versions) : DocumentPageModel<RegisterContent>(versions);
