using Discret.Web.Catalogue;

namespace Discret.Web.Features;

/// <summary>The three provenance fields of a form, rendered by <c>&lt;partial name="_ProvenanceFields" for="Input" /&gt;</c>.</summary>
public interface IProvenanceInput
{
    DataSource? Source { get; }
    string? PartnerName { get; }
    ThirdPartyCategory? ThirdParty { get; }
}
