using Discret.Data;
using Discret.Domain.Mandates;
using Discret.Domain.Organisation;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Administration;

public sealed class DepartementModel(DiscretDbContext db) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public string? PrimaryColor { get; set; }
        public string? ControllerName { get; set; }
        public string? DpoContact { get; set; }
        public string? PostalAddress { get; set; }
        public AccessibilityStatus Accessibility { get; set; }
        public IFormFile? Logo { get; set; }
        public bool RemoveLogo { get; set; }
        public List<ProcedureDomain> OfferedDomains { get; set; } = [];
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public bool HasLogo { get; private set; }
    public bool Saved { get; private set; }

    public IEnumerable<SelectListItem> AccessibilityChoices =>
        Enum.GetValues<AccessibilityStatus>().Select(s => new SelectListItem("Discret est " + DepartementTheme.AccessibilityLabel(s), s.ToString()));

    /// <summary>Every domain of online procedures, with examples; the département ticks those its mandates offer.</summary>
    public static IEnumerable<SelectListItem> DomainChoices =>
        Enum.GetValues<ProcedureDomain>().Select(d => new SelectListItem($"{d.Label()} (par exemple : {d.Examples()})", d.ToString()));

    public async Task OnGetAsync([FromQuery(Name = "enregistre")] bool saved = false)
    {
        var s = await db.DepartementSettings.AsNoTracking().FirstAsync(x => x.Id == DepartementSettings.SingletonId);
        Input = new InputModel { Name = s.Name, PrimaryColor = s.PrimaryColor, ControllerName = s.ControllerName, DpoContact = s.DpoContact, PostalAddress = s.PostalAddress, Accessibility = s.AccessibilityStatus, OfferedDomains = [.. s.OfferedDomains] };
        HasLogo = s.Logo is not null;
        Saved = saved;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var settings = await db.DepartementSettings.FirstAsync(x => x.Id == DepartementSettings.SingletonId);
        HasLogo = settings.Logo is not null;
        Validate();
        byte[]? logo = null;
        if (Input.Logo is { Length: > 0 } file)
        {
            if (file.Length > DepartementSettings.MaxLogoBytes)
                ModelState.AddModelError("Input.Logo", "Le logo dépasse 200 Ko : réduisez l'image.");
            else
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                logo = buffer.ToArray();
                if (ImageKind(logo) is null) ModelState.AddModelError("Input.Logo", "Le logo doit être une image PNG ou JPEG.");
            }
        }
        if (!ModelState.IsValid) return Page();

        settings.Update(Input.Name!.Trim(), Input.PrimaryColor!.Trim(), Input.ControllerName!.Trim(), Input.DpoContact!.Trim(), Input.Accessibility);
        settings.SetPostalAddress(Input.PostalAddress ?? "");
        settings.OfferDomains(Input.OfferedDomains);
        if (logo is not null) settings.ReplaceLogo(logo, ImageKind(logo)!);
        else if (Input.RemoveLogo) settings.RemoveLogo();
        await db.SaveChangesAsync();
        return Redirect("/administration/departement?enregistre=true");
    }

    private void Validate()
    {
        if (string.IsNullOrWhiteSpace(Input.Name)) ModelState.AddModelError("Input.Name", "Saisissez le nom du département.");
        else if (Input.Name.Trim().Length > 120) ModelState.AddModelError("Input.Name", "Le nom est trop long (120 caractères au plus).");
        var color = Input.PrimaryColor?.Trim();
        if (!ColorContrast.IsHexColor(color))
            ModelState.AddModelError("Input.PrimaryColor", "Saisissez la couleur au format #rrggbb, par exemple #1f5f8b.");
        else if (!ColorContrast.IsReadableWithWhiteText(color))
            ModelState.AddModelError("Input.PrimaryColor",
                $"Couleur trop claire : le texte blanc n'y atteint qu'un contraste de {ColorContrast.RatioWithWhite(color!):0.0}:1 (il faut au moins 4,5:1). Choisissez une teinte plus foncée.");
        if (string.IsNullOrWhiteSpace(Input.ControllerName)) ModelState.AddModelError("Input.ControllerName", "Indiquez le responsable du traitement.");
        else if (Input.ControllerName.Trim().Length > 200) ModelState.AddModelError("Input.ControllerName", "Texte trop long (200 caractères au plus).");
        if (string.IsNullOrWhiteSpace(Input.DpoContact)) ModelState.AddModelError("Input.DpoContact", "Indiquez le contact du délégué à la protection des données.");
        else if (Input.DpoContact.Trim().Length > 300) ModelState.AddModelError("Input.DpoContact", "Texte trop long (300 caractères au plus).");
        if (string.IsNullOrWhiteSpace(Input.PostalAddress)) ModelState.AddModelError("Input.PostalAddress", "Indiquez l'adresse postale du responsable du traitement : elle figure sur la notice d'information.");
        else if (Input.PostalAddress.Trim().Length > DepartementSettings.MaxPostalAddressLength) ModelState.AddModelError("Input.PostalAddress", "Adresse trop longue (300 caractères au plus).");
        if (Input.OfferedDomains.Count == 0)
            ModelState.AddModelError("Input.OfferedDomains", "Cochez au moins un domaine de démarches que les mandats peuvent autoriser.");
        // Printed on the notice and the register: no identifier may slip in.
        var guarded = new Dictionary<string, string>();
        Garde.FreeTextCheck.RefuseIdentifiers(Input.Name, "Name", guarded);
        Garde.FreeTextCheck.RefuseIdentifiers(Input.ControllerName, "ControllerName", guarded);
        Garde.FreeTextCheck.RefuseIdentifiers(Input.DpoContact, "DpoContact", guarded);
        Garde.FreeTextCheck.RefuseIdentifiers(Input.PostalAddress, "PostalAddress", guarded);
        foreach (var (field, message) in guarded)
            if ((ModelState["Input." + field]?.Errors.Count ?? 0) == 0) ModelState.AddModelError("Input." + field, message);
    }

    /// <summary>Recognises the image by its first bytes, not by its name or declared type.</summary>
    private static string? ImageKind(byte[] b) =>
        b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 ? "image/png"
        : b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : null;
}
