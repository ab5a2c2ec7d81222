using Discret.Web.Features.Personnes;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.AccesExceptionnel;

/// <summary>
/// How a social worker finds a file they do not follow: a search for one person of their circonscription — the name
/// (3 letters at least) and the birth date or the first name, a few results at most — by POST, so that the terms never
/// reach a URL; journaled as a search for a break-glass access. Closed to an account in its first days or just reset.
/// </summary>
public sealed class IndexModel(BreakGlass breakGlass, Microsoft.Extensions.Options.IOptions<BreakGlassSettings> settings) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public string? FirstName { get; set; }
        public DateOnly? BirthDate { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public PersonSearch.Result? Result { get; private set; }
    /// <summary>Why the account may not use break-glass yet (new account, recent reset): the page says it instead of the form.</summary>
    public string? Refusal { get; private set; }
    public int MaxResults => settings.Value.SearchMaxResults;

    public async Task OnGetAsync() => Refusal = await breakGlass.WaitingPeriodAsync(User, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await breakGlass.SearchAsync(User, Input.Name, Input.FirstName, Input.BirthDate, HttpContext.RequestAborted);
        switch (result.Status)
        {
            case ResultStatus.Ok:
                Result = result.Value;
                break;
            case ResultStatus.NotFound:
                return NotFound();
            case ResultStatus.Invalid:
                ModelState.AddErrors(result.Errors);
                break;
            default:
                Refusal = result.Message;
                break;
        }
        return Page();
    }
}
