using Discret.Domain.Rights;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>Recording that the person received the notice, and that a fact reported by someone else was brought to
/// the person's knowledge. Whoever may write the person's Information group; 404 for everyone else.</summary>
public sealed class InformationModel(PersonFileContext files, PersonInformation information, NoticeVersions notices, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public InformationMethod? Method { get; set; }
        public DateOnly? InformedOn { get; set; }
        public int? NoticeVersion { get; set; }
    }

    public sealed class DisclosureInput
    {
        public Guid? FactId { get; set; }
        public FactKind? Kind { get; set; }
        public InformationMethod? Method { get; set; }
        public DateOnly? InformedOn { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public DisclosureInput Disclosure { get; set; } = new();
    public PersonInformation.Section Section { get; private set; } = null!;
    /// <summary>The number of the notice in force, offered as the version given.</summary>
    public int CurrentNotice { get; private set; }
    public string? Done { get; private set; }

    public static IEnumerable<SelectListItem> Methods =>
        new[] { new SelectListItem("Choisissez", "") }.Concat(Enum.GetValues<InformationMethod>().Select(m => new SelectListItem(m.Label(), m.ToString())));

    public IEnumerable<SelectListItem> PendingChoices => Section.PendingFacts.Select(f => new SelectListItem(
        $"{f.Describe()} — {f.Provenance.Describe()} — à faire avant le {ParisTime.Day(f.Deadline)}{(f.Deadline < Section.Today ? " (délai dépassé)" : "")}",
        f.FactId.ToString()));

    public async Task<IActionResult> OnGetAsync()
    {
        var view = await files.PersonAsync(Id);
        if (view is null || !PersonInformation.CanWrite(view)) return NotFound();
        Input.InformedOn = ParisTime.Today(clock);
        Disclosure.InformedOn = Input.InformedOn;
        return await ShowAsync(view);
    }

    public async Task<IActionResult> OnPostRecordAsync()
    {
        var view = await files.PersonAsync(Id);
        if (view is null || !PersonInformation.CanWrite(view)) return NotFound();
        var result = await information.RecordAsync(view, new(Input.Method, Input.InformedOn, Input.NoticeVersion), HttpContext.RequestAborted);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (result.Succeeded) return Redirect($"/personnes/{Id}#information");
        ModelState.AddErrors(result.Errors);
        return await ShowAsync(view);
    }

    public async Task<IActionResult> OnPostDiscloseAsync()
    {
        var view = await files.PersonAsync(Id);
        if (view is null || !PersonInformation.CanWrite(view)) return NotFound();
        var result = await information.DiscloseAsync(view, new(Disclosure.Kind, Disclosure.FactId, Disclosure.Method, Disclosure.InformedOn), HttpContext.RequestAborted);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (result.Succeeded)
        {
            Done = "C'est noté : la personne a été informée de cette information.";
            ModelState.Clear();
            Disclosure = new DisclosureInput { InformedOn = Disclosure.InformedOn };
        }
        else ModelState.AddErrors(result.Errors, "Disclosure.");
        return await ShowAsync(view);
    }

    private async Task<IActionResult> ShowAsync(PersonAccessView view)
    {
        Section = (await information.LoadAsync(view, HttpContext.RequestAborted))!;
        CurrentNotice = (await notices.CurrentAsync(HttpContext.RequestAborted)).Number;
        Input.NoticeVersion ??= CurrentNotice;
        return Page();
    }
}
