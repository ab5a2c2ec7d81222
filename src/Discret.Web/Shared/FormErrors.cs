using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Discret.Web.Shared;

public static class FormErrors
{
    /// <summary>
    /// Puts a use case's French errors, keyed by field ("BirthName"), on the form's fields ("Input.BirthName");
    /// form-level errors (key "") go to the error summary only.
    /// </summary>
    public static void AddErrors(this ModelStateDictionary state, IReadOnlyDictionary<string, string> errors, string prefix = "Input.")
    {
        foreach (var (field, message) in errors) state.AddModelError(field.Length == 0 ? "" : prefix + field, message);
    }
}
