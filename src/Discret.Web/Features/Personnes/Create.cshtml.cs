using Discret.Web.Shared;
using Discret.Catalogue;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Personnes;

public sealed class CreateModel(PersonCreation creation) : PageModel
{
    public sealed class InputModel
    {
        public string? BirthName { get; set; }
        public string? UsageName { get; set; }
        public string? FirstNames { get; set; }
        public DateOnly? BirthDate { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? AddressLine { get; set; }
        public string? PostalCode { get; set; }
        public string? City { get; set; }
        public List<FollowUpMotive> Motives { get; set; } = [];
        public bool NotADuplicate { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<PersonCreation.KnownPerson>? Known { get; private set; }
    public bool OpensFollowUp => PersonCreation.OpensFollowUp(User.Role());
    public IEnumerable<SelectListItem> MotiveChoices => Enum.GetValues<FollowUpMotive>().Select(m => new SelectListItem(m.Label(), m.ToString()));

    public IActionResult OnGet() => PersonCreation.CanCreate(User.Role()) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!PersonCreation.CanCreate(User.Role())) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await creation.CreateAsync(User, new PersonCreation.Request(Input.BirthName, Input.UsageName, Input.FirstNames, Input.BirthDate,
            Input.Phone, Input.Email, Input.AddressLine, Input.PostalCode, Input.City, Input.Motives, Input.NotADuplicate), HttpContext.RequestAborted);
        return this.Answer(outcome, creation =>
        {
            if (creation.Created) return Redirect($"/personnes/{creation.PersonId}");
            Known = creation.Known;
            return Page();
        });
    }
}
