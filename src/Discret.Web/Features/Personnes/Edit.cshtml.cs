using Discret.Web.Shared.Ui;
using Discret.Web.Shared;
using Discret.Catalogue;
using Discret.Data;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Personnes;

public sealed class EditModel(PersonAccess access, PersonEditing editing, DiscretDbContext db, Journal.AccessJournal journal) : PageModel
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
        if (!await LoadRightsAsync()) return NotFound();
        await journal.ReadAsync(_view!, [FieldGroup.Identite, FieldGroup.Coordonnees], HttpContext.RequestAborted);
        var p = await db.Persons.AsNoTracking().SingleAsync(x => x.Id == Id);
        var h = await db.Households.AsNoTracking().SingleAsync(x => x.Id == p.HouseholdId);
        Input = new InputModel
        {
            Version = p.Version, BirthName = p.BirthName, UsageName = p.UsageName, FirstNames = p.FirstNames, BirthDate = p.BirthDate,
            Phone = p.Phone, Email = p.Email, AddressLine = h.AddressLine, PostalCode = h.PostalCode, City = h.City,
            Source = p.Provenance.Source, PartnerName = p.Provenance.PartnerName, ThirdParty = p.Provenance.ThirdParty,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadRightsAsync()) return NotFound();
        if (!ModelState.IsValid) return Page();
        var i = Input;
        var outcome = await editing.UpdateAsync(User, Id, new PersonEditing.Request(i.Version, i.BirthName, i.UsageName, i.FirstNames, i.BirthDate,
            i.Phone, i.Email, i.AddressLine, i.PostalCode, i.City, i.Source, i.PartnerName, i.ThirdParty, i.ConfirmWarnings, RightsRequestId), HttpContext.RequestAborted);
        if (outcome.Status == PersonEditing.Status.NotFound) return NotFound();
        if (outcome.Status == PersonEditing.Status.Saved) return Redirect($"/personnes/{Id}");
        ModelState.AddErrors(outcome.Errors);
        if (outcome.Status == PersonEditing.Status.Conflict)
        {
            // The next save starts from the current version: the user decides, having looked at the current file.
            Conflict = true;
            ModelState.Remove("Input.Version");
            Input.Version = await db.Persons.Where(p => p.Id == Id).Select(p => p.Version).SingleAsync();
        }
        return Page();
    }

    private PersonAccessView? _view;

    private async Task<bool> LoadRightsAsync()
    {
        var view = _view = await access.ForAsync(User, Id);
        WritesIdentity = view?.CanWrite(FieldGroup.Identite) == true;
        WritesContact = view?.CanWrite(FieldGroup.Coordonnees) == true;
        return WritesIdentity || WritesContact;
    }
}
