using Discret.Catalogue;
using Discret.Domain.Mandates;
using Discret.Web.Features.Accompagnements;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.AideNumerique;

/// <summary>
/// Recording a digital help in a follow-up: first the level (one question), then the few fields of that level; then back
/// to the file. The level travels in the address (<c>?niveau=je-forme</c>), never anything about the person.
/// </summary>
public sealed class NewModel(FollowUpRules rules, DigitalHelps helps, Journal.AccessJournal journal, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public DigitalHelpLevel? Level { get; set; }
        public DateOnly? OccurredOn { get; set; }
        public DigitalTrainingTheme? Theme { get; set; }
        public ProcedureDomain? Domain { get; set; }
        public OnlineOrganisation? Organisation { get; set; }
        public ProcedureOutcome? Outcome { get; set; }
        public Guid? MandateId { get; set; }
        public OnlineProcedure? Procedure { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public Guid PersonId { get; private set; }
    public DigitalHelpLevel? Level { get; private set; }
    public IReadOnlyList<DigitalHelps.MandateChoice> Mandates { get; private set; } = [];

    /// <remarks>Also shows a form refused by the input rules again (<see cref="Shared.Input.RefusedFormFilter"/>): the level posted then.</remarks>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "niveau")] string? niveau = null)
    {
        var target = await rules.FindAsync(Id, DigitalHelps.CanRecord);
        if (target is null) return NotFound();
        var shownAgain = HttpMethods.IsPost(Request.Method);
        Level = DigitalHelpChoices.FromSlug(niveau) ?? (shownAgain && Input.Level is { } posted && Enum.IsDefined(posted) ? posted : null);
        if (!shownAgain)
        {
            Input.Level = Level;
            Input.OccurredOn = ParisTime.Today(clock);
        }
        await LoadAsync(target);
        // The form of the third level lists the person's mandates: a read of the group.
        if (Level == DigitalHelpLevel.JeFaisALaPlaceDe) await journal.ReadAsync(target.File, [FieldGroup.DemarchesEnLigne], HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var target = await rules.FindAsync(Id, DigitalHelps.CanRecord);
        if (target is null) return NotFound();
        Level = Input.Level is { } l && Enum.IsDefined(l) ? l : null;
        await LoadAsync(target);
        if (!ModelState.IsValid) return Page();
        var result = await helps.RecordAsync(target, new DigitalHelps.Request(Input.Level, Input.OccurredOn, Input.Theme, Input.Domain, Input.Organisation,
            Input.Outcome, Input.MandateId, Input.Procedure), HttpContext.RequestAborted);
        return this.Answer(result, _ => Redirect($"/personnes/{PersonId}#aides-numeriques-{Id}"));
    }

    private async Task LoadAsync(FollowUpInFile target)
    {
        PersonId = target.FollowUp.PersonId;
        if (Level == DigitalHelpLevel.JeFaisALaPlaceDe) Mandates = await helps.MandatesAsync(target.File, HttpContext.RequestAborted);
    }

    public IEnumerable<ProcedureDomain> MandateDomains => Mandates.SelectMany(m => m.Domains.Select(d => d.Domain)).Distinct().Order();
    public IEnumerable<OnlineOrganisation> MandateOrganisations => Mandates.SelectMany(m => m.Domains.SelectMany(d => d.Organisations)).Distinct().Order();
}
