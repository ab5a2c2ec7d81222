using Discret.Domain.Rights;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Droits;

/// <summary>Registering a rights request from the person's file (whoever may write the person's Droits group; 404 otherwise).</summary>
public sealed class NewRequestModel(PersonFileContext files, RequestRegistration registration, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public RightKind? Kind { get; set; }
        public RequestChannel? Channel { get; set; }
        public IdentityCheck? IdentityCheck { get; set; }
        public string? ReceivedOn { get; set; }
        public string? Details { get; set; }
        public bool ConfirmWarnings { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public static IEnumerable<SelectListItem> KindChoices =>
        new[] { new SelectListItem("Choisissez le droit", "") }.Concat(Enum.GetValues<RightKind>().Select(k => new SelectListItem($"{k.Label()} ({k.Article()} du RGPD)", k.ToString())));
    public static IEnumerable<SelectListItem> ChannelChoices =>
        new[] { new SelectListItem("Choisissez", "") }.Concat(Enum.GetValues<RequestChannel>().Select(c => new SelectListItem(c.Label(), c.ToString())));
    public static IEnumerable<SelectListItem> IdentityChoices =>
        new[] { new SelectListItem("Choisissez", "") }.Concat(Enum.GetValues<IdentityCheck>().Select(c => new SelectListItem(c.Label(), c.ToString())));

    public async Task<IActionResult> OnGetAsync()
    {
        if (!RequestRegistration.MayRegister(await files.PersonAsync(Id, journalRefusal: false))) return NotFound();
        Input.ReceivedOn = ParisTime.Iso(ParisTime.Today(clock));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return RequestRegistration.MayRegister(await files.PersonAsync(Id, journalRefusal: false)) ? Page() : NotFound();
        var i = Input;
        var result = await registration.RegisterAsync(await files.PersonAsync(Id),
            new RequestRegistration.Request(i.Kind, i.Channel, i.IdentityCheck, i.ReceivedOn, i.Details, i.ConfirmWarnings), HttpContext.RequestAborted);
        return this.Answer(result, _ => Redirect($"/personnes/{Id}#droits"));
    }
}
