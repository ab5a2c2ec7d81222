using Discret.Domain.Mandates;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Mandats;

/// <summary>Preparing a mandate (or its renewal, pre-filled from the mandate it renews); then to the mandate's page, to print it.</summary>
public sealed class NewModel(PersonFileContext files, Mandates mandates, TimeProvider clock) : PageModel
{
    public sealed class AuthorisationInput
    {
        public bool Selected { get; set; }
        public List<OnlineOrganisation> Organisations { get; set; } = [];
    }

    public sealed class InputModel
    {
        public Guid? FollowUpId { get; set; }
        public List<Guid> Mandataires { get; set; } = [];
        /// <summary>One entry per domain, in the order of <see cref="ProcedureDomain"/>.</summary>
        public List<AuthorisationInput> Authorisations { get; set; } = [];
        public List<MandateDataKind> DataKinds { get; set; } = [];
        public DateOnly? StartsOn { get; set; }
        public string? Duration { get; set; }
        public DateOnly? EndsOn { get; set; }
        public ProtectionMeasure Protection { get; set; }
        public string? RepresentativeName { get; set; }
        public bool ConfirmWarnings { get; set; }
        public Guid? RenewsId { get; set; }
    }

    public static readonly ProcedureDomain[] Domains = Enum.GetValues<ProcedureDomain>();

    [FromRoute] public Guid Id { get; set; }
    [FromQuery(Name = "renouvelle")] public Guid? Renews { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<Mandates.FollowUpChoice> FollowUps { get; private set; } = [];
    /// <summary>The domains the département offers; the form shows only these.</summary>
    public IReadOnlyList<ProcedureDomain> Offered { get; private set; } = [];

    private async Task<PersonAccessView?> LoadAsync()
    {
        var view = await files.PersonAsync(Id);
        if (view is null || !MandateAccess.CanWrite(view)) return null;
        FollowUps = await mandates.FollowUpChoicesAsync(view, HttpContext.RequestAborted);
        Offered = await mandates.OfferedDomainsAsync(HttpContext.RequestAborted);
        while (Input.Authorisations.Count < Domains.Length) Input.Authorisations.Add(new AuthorisationInput());
        return view;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var view = await LoadAsync();
        if (view is null) return NotFound();
        Input.StartsOn = ParisTime.Today(clock);
        Input.Duration = MandateLabels.UntilDate;
        Input.FollowUpId = FollowUps.FirstOrDefault()?.Id;
        if (Renews is { } renews && (await mandates.DetailAsync(view, renews, HttpContext.RequestAborted)) is { Succeeded: true } found)
        {
            var last = found.Value;
            Input.RenewsId = last.Id;
            if (FollowUps.Any(f => f.Id == last.FollowUpId)) Input.FollowUpId = last.FollowUpId;
            Input.Mandataires = [.. last.MandataireIds];
            // A domain the département no longer offers is not carried over.
            foreach (var a in last.Authorisations.Where(a => a.RevokedOn is null && Offered.Contains(a.Domain)))
                Input.Authorisations[Array.IndexOf(Domains, a.Domain)] = new AuthorisationInput { Selected = true, Organisations = [.. a.Organisations] };
            Input.DataKinds = [.. last.DataKinds];
            Input.Protection = last.Protection;
            Input.RepresentativeName = last.RepresentativeName;
            if (last.EndsOn >= Input.StartsOn) Input.StartsOn = last.EndsOn.AddDays(1);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var view = await LoadAsync();
        if (view is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        var chosen = Domains.Select((d, i) => (Domain: d, Index: i)).Where(x => Input.Authorisations[x.Index].Selected).ToList();
        var request = new Mandates.Request(Input.FollowUpId, Input.Mandataires,
            chosen.Select(x => new Mandates.AuthorisationRequest(x.Domain, Input.Authorisations[x.Index].Organisations)).ToList(),
            Input.DataKinds, Input.StartsOn, Input.Duration == MandateLabels.OneDay, Input.EndsOn, Input.Protection, Input.RepresentativeName,
            Input.RenewsId, Input.ConfirmWarnings);
        var result = await mandates.CreateAsync(view, request, HttpContext.RequestAborted);
        if (result.Status == ResultStatus.Invalid)
        {
            // The use case names the authorisations by their place in the request; the form, by their domain.
            var errors = result.Errors.ToDictionary(e => FormKey(e.Key, chosen.Select(x => x.Index).ToList()), e => e.Value);
            ModelState.AddErrors(errors);
            return Page();
        }
        return this.Answer(result, mandateId => Redirect($"/personnes/{Id}/mandats/{mandateId}"));
    }

    private static string FormKey(string key, List<int> indexes)
    {
        if (key == "Authorisations") return "Authorisations[0].Selected";
        if (!key.StartsWith("Authorisations[", StringComparison.Ordinal)) return key;
        var end = key.IndexOf(']');
        var i = int.Parse(key["Authorisations[".Length..end], System.Globalization.CultureInfo.InvariantCulture);
        // The form has no field for the domain itself: its error goes to the domain's box.
        var field = key[(end + 1)..] == ".Domain" ? ".Selected" : key[(end + 1)..];
        return $"Authorisations[{(i < indexes.Count ? indexes[i] : 0)}]{field}";
    }
}
