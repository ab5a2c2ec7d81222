using Discret.Catalogue;

namespace Discret.Web.Shared.Ui;

/// <summary>
/// The three provenance fields of a form, rendered by <c>&lt;partial name="_ProvenanceFields" for="Input" /&gt;</c>, and the
/// confirmation of the sobriety guard's warnings on the form's free text, which the partial shows once the guard has warned.
/// </summary>
public abstract class ProvenanceInput
{
    public DataSource? Source { get; set; }
    public string? PartnerName { get; set; }
    public ThirdPartyCategory? ThirdParty { get; set; }
    /// <summary>"J'ai relu : ces mots sont nécessaires et factuels" (see <see cref="Guard.FreeTextCheck"/>).</summary>
    public bool ConfirmWarnings { get; set; }
}
