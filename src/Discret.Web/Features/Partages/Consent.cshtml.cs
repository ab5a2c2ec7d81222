using Discret.Catalogue;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Partages;

/// <summary>One consent: share under it (the PDF sheet is the answer) or record its withdrawal. The worker who may write the consents only.</summary>
public sealed class ConsentModel(Consents consents, SharingDisclosure disclosure) : PageModel
{
    public sealed class InputModel
    {
        public List<DataCategory> Categories { get; set; } = [];
    }

    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public Guid ConsentId { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public Consents.ConsentLine Consent { get; private set; } = null!;
    /// <summary>Why nothing was shared or changed.</summary>
    public string? Refusal { get; private set; }

    private async Task<bool> LoadAsync()
    {
        var found = await consents.FindAsync(User, Id, ConsentId, Consents.CanRecord, HttpContext.RequestAborted);
        if (found is null) return false;
        Consent = found.Value.Consent;
        return true;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input.Categories = [.. Consent.Categories];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await disclosure.ShareAsync(User, Id, ConsentId, new SharingDisclosure.Request(Input.Categories), HttpContext.RequestAborted);
        switch (outcome.Status)
        {
            case SharingDisclosure.Status.NotFound: return NotFound();
            case SharingDisclosure.Status.Shared: return File(outcome.Pdf!, "application/pdf", outcome.FileName);
            case SharingDisclosure.Status.Invalid: ModelState.AddErrors(outcome.Errors); break;
            default: Refusal = outcome.Message; break;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync()
    {
        var outcome = await consents.WithdrawAsync(User, Id, ConsentId, HttpContext.RequestAborted);
        if (outcome.Status == Consents.Status.NotFound) return NotFound();
        if (outcome.Status == Consents.Status.Done) return Redirect($"/personnes/{Id}#partages");
        if (!await LoadAsync()) return NotFound();
        Refusal = outcome.Message;
        return Page();
    }
}
