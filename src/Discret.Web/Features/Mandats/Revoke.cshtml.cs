using Discret.Domain.Mandates;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Mandats;

/// <summary>
/// Recording a revocation when the person asks — the team, or reception and secretariat of the circonscription when she
/// comes in. Shows only what reception may see (state, dates, domains); then the receipt to print.
/// </summary>
public sealed class RevokeModel(PersonFileContext files, Mandates mandates) : PageModel
{
    /// <summary>The whole mandate.</summary>
    public const string Whole = "mandat";

    public sealed class InputModel
    {
        /// <summary><see cref="Whole"/>, or the domain of the authorisation revoked.</summary>
        public string? What { get; set; }
        public MandateRevocationReason? Reason { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [FromRoute] public Guid MandateId { get; set; }
    [FromQuery(Name = "enregistre")] public bool Recorded { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public Mandates.MandateLine Mandate { get; private set; } = null!;
    public bool CanRevoke { get; private set; }
    public string? Refusal { get; private set; }

    public IEnumerable<SelectListItem> Choices =>
        Mandate.Domains.Where(d => d.RevokedOn is null).Select(d => new SelectListItem($"Seulement l'autorisation « {d.Domain.Label()} »", d.Domain.ToString()))
            .Prepend(new SelectListItem("Le mandat entier", Whole));

    private async Task<bool> LoadAsync()
    {
        var view = await files.PersonAsync(Id);
        if (view is null || !MandateAccess.CanRevoke(view)) return false;
        var line = await mandates.LineAsync(view, MandateId, HttpContext.RequestAborted);
        if (line is null) return false;
        Mandate = line;
        CanRevoke = true;
        return true;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input.What = Whole;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        ProcedureDomain? domain = null;
        if (Input.What is null || Input.What != Whole && !Enum.TryParse<ProcedureDomain>(Input.What, out _))
        {
            ModelState.AddModelError("Input.What", "Choisissez ce que la personne révoque : le mandat entier ou une autorisation.");
            return Page();
        }
        if (Input.What != Whole) domain = Enum.Parse<ProcedureDomain>(Input.What);
        var result = await mandates.RevokeAsync(await files.PersonAsync(Id), MandateId, new Mandates.RevocationRequest(domain, Input.Reason), HttpContext.RequestAborted);
        if (result.Succeeded) return Redirect($"/personnes/{Id}/mandats/{MandateId}/revocation?enregistre=true");
        if (result.Status == ResultStatus.Conflict)
        {
            Refusal = result.Message;
            await LoadAsync();
            return Page();
        }
        if (result.Status == ResultStatus.Invalid && result.Errors.ContainsKey("Domain"))
        {
            ModelState.AddModelError("Input.What", result.Errors["Domain"]);
            return Page();
        }
        return this.Answer(result, () => Page());
    }
}
