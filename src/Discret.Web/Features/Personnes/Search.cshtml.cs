using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Personnes;

/// <summary>Search by name and birth date. A POST form: the name searched never appears in a URL.</summary>
public sealed class SearchModel(PersonSearch search) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public DateOnly? BirthDate { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public PersonSearch.Result? Result { get; private set; }
    public bool CanCreate => PersonCreation.CanCreate(User.Role());

    public string Reach => User.Role() switch
    {
        StaffRole.TravailleurSocial => "La recherche porte sur les personnes que vous accompagnez (référent ou co-intervenant d'un accompagnement ouvert).",
        StaffRole.ResponsableCirconscription => "La recherche porte sur les personnes de votre circonscription.",
        _ => "La recherche porte sur les personnes de votre circonscription.",
    };

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (PersonSearch.Problem(Input.Name) is { } problem) ModelState.AddModelError("Input.Name", problem);
        if (!ModelState.IsValid) return Page();
        Result = await search.SearchAsync(User, Input.Name!, Input.BirthDate, HttpContext.RequestAborted);
        return Page();
    }
}
