using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// The DPO's search of the intermediate archive: the reason and its justification first, then a name (by POST, so the
/// name never reaches a URL). Each result opens its file by a form that carries the same grounds (<see cref="ArchiveFileModel"/>).
/// </summary>
public sealed class ArchivesModel(ArchiveConsultation consultation) : PageModel
{
    public sealed class InputModel
    {
        public ArchiveReason? Reason { get; set; }
        public string? Justification { get; set; }
        public bool ConfirmWarnings { get; set; }
        public string? Name { get; set; }
        public DateOnly? BirthDate { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<ArchiveConsultation.Hit>? Hits { get; private set; }
    public bool More { get; private set; }

    public static IEnumerable<SelectListItem> Reasons =>
        new[] { new SelectListItem("Choisissez un motif", "") }
            .Concat(Enum.GetValues<ArchiveReason>().Select(r => new SelectListItem(r.Label(), r.ToString())));

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            if (ModelState.TryGetValue("Input.BirthDate", out var date) && date.Errors.Count > 0)
            {
                date.Errors.Clear();
                ModelState.AddModelError("Input.BirthDate", "La date de naissance n'est pas une date valide (jour, mois, année).");
            }
            return Page();
        }
        var result = await consultation.SearchAsync(new(Input.Reason, Input.Justification, Input.ConfirmWarnings), Input.Name, Input.BirthDate,
            HttpContext.RequestAborted);
        return this.Answer(result, found =>
        {
            Hits = found.Found;
            More = found.More;
            return Page();
        });
    }
}
