using Discret.Web.Shared;
using Discret.Catalogue;
using Discret.Domain.Persons;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Personnes;

/// <summary>The household of a followed person: address, members and composition; the team may add a member.</summary>
public sealed class HouseholdModel(PersonFileContext context, PersonFile files, HouseholdMembers members, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public string? BirthName { get; set; }
        public string? UsageName { get; set; }
        public string? FirstNames { get; set; }
        public DateOnly? BirthDate { get; set; }
        public HouseholdLink? Link { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public PersonFile.View? FileView { get; private set; }
    public bool CanAddMember { get; private set; }
    public DateOnly Today => ParisTime.Today(clock);

    public static IEnumerable<SelectListItem> Links =>
        new[] { new SelectListItem("— Choisir —", "") }.Concat(Enum.GetValues<HouseholdLink>().Where(l => l != HouseholdLink.PersonneDeReference)
            .Select(l => new SelectListItem(l.Label(), l.ToString())));

    public static int Age(DateOnly birth, DateOnly today) => today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0);

    public string Composition
    {
        get
        {
            var members = FileView!.Household!.Members;
            var adults = members.Count(m => Age(m.BirthDate, Today) >= 18);
            var children = members.Count - adults;
            return $"{members.Count} personne{(members.Count > 1 ? "s" : "")} : {adults} adulte{(adults > 1 ? "s" : "")}, {children} enfant{(children > 1 ? "s" : "")} mineur{(children > 1 ? "s" : "")}";
        }
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync() || !CanAddMember) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await members.AddAsync(await context.PersonAsync(Id), new HouseholdMembers.Request(Input.BirthName, Input.UsageName, Input.FirstNames,
            Input.BirthDate, Input.Link), HttpContext.RequestAborted);
        return this.Answer(result, _ => Redirect($"/personnes/{Id}/menage"));
    }

    private async Task<bool> LoadAsync()
    {
        var view = await context.PersonAsync(Id);
        if (view is null || !view.CanRead(FieldGroup.Menage)) return false;
        CanAddMember = view.CanWrite(FieldGroup.Menage);
        FileView = await files.LoadAsync(view, HttpContext.RequestAborted);
        return true;
    }
}
