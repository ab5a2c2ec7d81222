using Discret.Catalogue;
using Discret.Domain.Rights;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Partages;

/// <summary>Recording the person's consent to a sharing; then back to the file.</summary>
public sealed class NewModel(PersonFileContext files, Consents consents, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public PartnerKind? Partner { get; set; }
        public string? PartnerName { get; set; }
        public SharingPurpose? Purpose { get; set; }
        public List<DataCategory> Categories { get; set; } = [];
        public ConsentForm? Form { get; set; }
        public DateOnly? GivenOn { get; set; }
        public DateOnly? ValidUntil { get; set; }
        public bool ConfirmWarnings { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var view = await files.PersonAsync(Id);
        if (view is null || !Consents.CanRecord(view)) return NotFound();
        Input.GivenOn = ParisTime.Today(clock);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var view = await files.PersonAsync(Id);
        if (view is null || !Consents.CanRecord(view)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var result = await consents.RecordAsync(view, new Consents.Request(Input.Partner, Input.PartnerName, Input.Purpose, Input.Categories,
            Input.Form, Input.GivenOn, Input.ValidUntil, Input.ConfirmWarnings), HttpContext.RequestAborted);
        return this.Answer(result, _ => Redirect($"/personnes/{Id}#partages"));
    }
}
