namespace Discret.Web.Features.Garde;

/// <summary>
/// How a use case applies the guard to a free-text field before saving (pages and API alike). A refusal is an error
/// on the field; warnings are an error on the field too until the worker confirms (<see cref="ConfirmField"/>),
/// and then the text is saved as typed.
/// </summary>
public static class FreeTextCheck
{
    /// <summary>The request field by which the worker confirms the warnings ("confirmWarnings" in the API).</summary>
    public const string ConfirmField = "ConfirmWarnings";

    public const string ConfirmLabel = "J'ai relu : ces mots sont nécessaires et factuels";

    public const string ConfirmMessage =
        "Des mots appellent une relecture : reformulez, ou cochez « " + ConfirmLabel + " » pour enregistrer tel quel.";

    /// <summary>
    /// A free text that is no account of a person's life (an address, a city, a reason in the register, a setting): only
    /// the guard's refusals apply — no identifier (NIR, CAF number, IBAN…) is saved there — and no warning is asked about.
    /// </summary>
    public static void RefuseIdentifiers(string? text, string field, IDictionary<string, string> errors) => Check(text, field, confirmed: true, errors);

    /// <summary>Checks one field; adds errors keyed by <paramref name="field"/> (and <see cref="ConfirmField"/>) as needed.</summary>
    /// <returns>The guard's result, so a caller can tell a confirmed warning (to be journaled, without the text, once the journal exists).</returns>
    public static GuardResult Check(string? text, string field, bool confirmed, IDictionary<string, string> errors)
    {
        var result = TextGuard.Analyse(text);
        switch (result.Verdict)
        {
            case GuardVerdict.Refused:
                errors[field] = "Rien n'a été enregistré. " + string.Join(" ", result.Refusals.Select(f => f.Message).Distinct());
                break;
            case GuardVerdict.Warned when !confirmed:
                errors[field] = "À relire avant d'enregistrer — " + string.Join(" ; ", result.Warnings.Select(f => f.Message).Distinct());
                errors[ConfirmField] = ConfirmMessage;
                break;
        }
        return result;
    }
}
