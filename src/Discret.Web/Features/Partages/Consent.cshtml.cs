using Discret.Catalogue;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Partages;

/// <summary>One consent: share under it (the PDF sheet is the answer) or record its withdrawal. The worker who may write the consents only.</summary>
public sealed class ConsentModel(PersonFileContext files, Consents consents, SharingDisclosure disclosure) : PageModel
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
        var found = await consents.FindAsync(await files.PersonAsync(Id), ConsentId, Consents.CanRecord, HttpContext.RequestAborted);
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
        var result = await disclosure.ShareAsync(await files.PersonAsync(Id), ConsentId, new SharingDisclosure.Request(Input.Categories), HttpContext.RequestAborted);
        if (result.Status == ResultStatus.Refused)
        {
            Refusal = result.Message;
            return Page();
        }
        return this.Answer(result, sheet => File(sheet.Pdf, "application/pdf", sheet.FileName));
    }

    public async Task<IActionResult> OnPostWithdrawAsync()
    {
        var result = await consents.WithdrawAsync(await files.PersonAsync(Id), ConsentId, HttpContext.RequestAborted);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (result.Succeeded) return Redirect($"/personnes/{Id}#partages");
        if (!await LoadAsync()) return NotFound();
        Refusal = result.Message;
        return Page();
    }
}
