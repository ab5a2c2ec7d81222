using Discret.Domain.Rights;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Droits;

/// <summary>Registering a rights request from the person's file (whoever may write the person's Droits group; 404 otherwise).</summary>
public sealed class NewRequestModel(RequestRegistration registration, TimeProvider clock) : PageModel
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
        if (!await registration.MayRegisterAsync(User, Id)) return NotFound();
        Input.ReceivedOn = ParisTime.Iso(ParisTime.Today(clock));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return await registration.MayRegisterAsync(User, Id) ? Page() : NotFound();
        var i = Input;
        var outcome = await registration.RegisterAsync(User, Id,
            new RequestRegistration.Request(i.Kind, i.Channel, i.IdentityCheck, i.ReceivedOn, i.Details, i.ConfirmWarnings), HttpContext.RequestAborted);
        switch (outcome.Status)
        {
            case RequestRegistration.Status.Registered:
                return Redirect($"/personnes/{Id}#droits");
            case RequestRegistration.Status.NotFound:
                return NotFound();
            default:
                ModelState.AddErrors(outcome.Errors);
                return Page();
        }
    }
}
