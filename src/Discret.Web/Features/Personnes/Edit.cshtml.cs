using Discret.Web.Shared.Ui;
using Discret.Web.Shared;
using Discret.Catalogue;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Personnes;

public sealed class EditModel(PersonFileContext files, PersonEditing editing) : PageModel
{
    public sealed class InputModel : ProvenanceInput
    {
        public int Version { get; set; }
        public string? BirthName { get; set; }
        public string? UsageName { get; set; }
        public string? FirstNames { get; set; }
        public DateOnly? BirthDate { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? AddressLine { get; set; }
        public string? PostalCode { get; set; }
        public string? City { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    /// <summary>The rectification request this change answers, when it comes from one (opaque id; the journal records it).</summary>
    [BindProperty(SupportsGet = true, Name = "demande")] public Guid? RightsRequestId { get; set; }
    public bool WritesIdentity { get; private set; }
    public bool WritesContact { get; private set; }
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var file = await LoadRightsAsync();
        return this.Answer(await editing.CurrentAsync(file, HttpContext.RequestAborted), current =>
        {
            Input = new InputModel
            {
                Version = current.Version, BirthName = current.BirthName, UsageName = current.UsageName, FirstNames = current.FirstNames,
                BirthDate = current.BirthDate, Phone = current.Phone, Email = current.Email, AddressLine = current.AddressLine,
                PostalCode = current.PostalCode, City = current.City, Source = current.Source, PartnerName = current.PartnerName, ThirdParty = current.ThirdParty,
            };
            return Page();
        });
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var file = await LoadRightsAsync();
        if (!PersonEditing.MayEdit(file)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var i = Input;
        var result = await editing.UpdateAsync(file, new PersonEditing.Request(i.Version, i.BirthName, i.UsageName, i.FirstNames, i.BirthDate,
            i.Phone, i.Email, i.AddressLine, i.PostalCode, i.City, i.Source, i.PartnerName, i.ThirdParty, i.ConfirmWarnings, RightsRequestId), HttpContext.RequestAborted);
        if (result.Status == ResultStatus.Conflict && result.Title == Result.ConflictTitle)
        {
            // The next save starts from the current version: the user decides, having looked at the current file.
            Conflict = true;
            ModelState.Remove("Input.Version");
            Input.Version = await editing.VersionAsync(file!, HttpContext.RequestAborted);
        }
        return this.Answer(result, () => Redirect($"/personnes/{Id}"));
    }

    private async Task<PersonAccessView?> LoadRightsAsync()
    {
        var file = await files.PersonAsync(Id);
        WritesIdentity = file?.CanWrite(FieldGroup.Identite) == true;
        WritesContact = file?.CanWrite(FieldGroup.Coordonnees) == true;
        return file;
    }
}
