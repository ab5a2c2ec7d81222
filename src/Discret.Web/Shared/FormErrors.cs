using Discret.Web.Features.Garde;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Discret.Web.Shared;

public static class FormErrors
{
    /// <summary>
    /// Puts a use case's French errors, keyed by field ("BirthName"), on the form's fields ("Input.BirthName");
    /// form-level errors (key "") go to the error summary only.
    /// </summary>
    /// <remarks>
    /// A form shown again is shown with the guard's confirmation box unticked: a confirmation covers the words the worker
    /// read, and the text may have changed since (the new words must be confirmed in their turn).
    /// </remarks>
    public static void AddErrors(this ModelStateDictionary state, IReadOnlyDictionary<string, string> errors, string prefix = "Input.")
    {
        foreach (var (field, message) in errors) state.AddModelError(field.Length == 0 ? "" : prefix + field, message);
        var confirm = prefix + FreeTextCheck.ConfirmField;
        if (errors.Count > 0 && state.TryGetValue(confirm, out var ticked) && ticked.AttemptedValue?.Contains("true", StringComparison.OrdinalIgnoreCase) == true)
            state.SetModelValue(confirm, false, "false");
    }
}
