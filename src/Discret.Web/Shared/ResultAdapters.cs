using Discret.Web.Features.Garde;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Shared;

/// <summary>A use case's <see cref="Result"/> as the API answers it: RFC 7807 problems with French titles.</summary>
public static class ResultHttp
{
    /// <param name="ok">The answer when the use case succeeded (204, 201 with the new id…).</param>
    /// <param name="formLevelKey">Where form-level errors (key "") go in a validation problem: the body's name ("request").</param>
    public static IResult ToHttp(this Result result, Func<IResult> ok, string formLevelKey = "request") =>
        result.Status == ResultStatus.Ok ? ok() : Problem(result, formLevelKey);

    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> ok, string formLevelKey = "request") =>
        result.Status == ResultStatus.Ok ? ok(result.Value) : Problem(result, formLevelKey);

    public static IResult Problem(Result result, string formLevelKey = "request") => result.Status switch
    {
        ResultStatus.NotFound => Security.ApiProblems.NotFound(),
        ResultStatus.Invalid => Security.ApiProblems.Validation(
            result.Errors.ToDictionary(e => e.Key.Length == 0 ? formLevelKey : char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value })),
        ResultStatus.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Title ?? Result.ConflictTitle, detail: result.Message),
        ResultStatus.Refused => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: result.Title, detail: result.Message),
        _ => throw new InvalidOperationException("A successful result is not a problem."),
    };
}

/// <summary>A use case's <see cref="Result"/> as a page shows it: 404, or the messages in the error summary and next to their fields.</summary>
public static class ResultPage
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

    /// <summary>
    /// The page's answer to a use case: <paramref name="ok"/> when it succeeded, 404 when the resource is not there for
    /// this account, else the page again with the messages (nothing was saved).
    /// </summary>
    public static IActionResult Answer(this PageModel page, Result result, Func<IActionResult> ok, string prefix = "Input.")
    {
        switch (result.Status)
        {
            case ResultStatus.Ok: return ok();
            case ResultStatus.NotFound: return page.NotFound();
            default:
                page.ModelState.AddErrors(result.Errors, prefix);
                return page.Page();
        }
    }

    public static IActionResult Answer<T>(this PageModel page, Result<T> result, Func<T, IActionResult> ok, string prefix = "Input.") =>
        page.Answer((Result)result, () => ok(result.Value), prefix);
}
