using Discret.Web.Features.Personnes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.AccesExceptionnel;

/// <summary>
/// How a social worker finds a file they do not follow: a name search among the persons of their circonscription
/// (by POST, so the name never reaches a URL; journaled as a search for a break-glass access). Name and birth date only.
/// </summary>
public sealed class IndexModel(BreakGlass breakGlass) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public DateOnly? BirthDate { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public PersonSearch.Result? Result { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (PersonSearch.Problem(Input.Name) is { } problem) ModelState.AddModelError("Input.Name", problem);
        if (!ModelState.IsValid) return Page();
        Result = await breakGlass.SearchAsync(User, Input.Name!, Input.BirthDate, HttpContext.RequestAborted);
        return Page();
    }
}
