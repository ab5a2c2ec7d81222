using Discret.Web.Security;
using Discret.Web.Shared.Ui;
using Discret.Web.Shared;
using Discret.Catalogue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Accompagnements;

/// <summary>Recording an interview of an open follow-up; then back to the person's file.</summary>
public sealed class NewInterviewModel(FollowUpRules rules, InterviewRecording recording, TimeProvider clock) : PageModel
{
    public sealed class InputModel : ProvenanceInput
    {
        public DateOnly? OccurredOn { get; set; }
        public InterviewKind? Kind { get; set; }
        public List<Guid> ParticipantMemberIds { get; set; } = [];
        public List<FollowUpMotive> Motives { get; set; } = [];
        public List<InterviewAction> Actions { get; set; } = [];
        public string? Summary { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public Guid PersonId { get; private set; }
    public string? PersonName { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public bool IsOpen { get; private set; }
    public IReadOnlyList<InterviewRecording.Member> Household { get; private set; } = [];
    /// <summary>Why the interview was refused (the follow-up is closed).</summary>
    public string? Refusal { get; private set; }

    public IEnumerable<SelectListItem> MemberChoices => Household.Select(m => new SelectListItem($"{m.Name} ({m.Link.Label().ToLowerInvariant()})", m.PersonId.ToString()));

    public async Task<IActionResult> OnGetAsync()
    {
        var target = await rules.FindAsync(Id, InterviewRecording.CanRecord);
        if (target is null) return NotFound();
        await rules.JournalReadAsync(target, FieldGroup.Identite, FieldGroup.Menage);
        await LoadAsync(target);
        Input.OccurredOn = ParisTime.Today(clock);
        if (!IsOpen) Refusal = InterviewRecording.ClosedMessage;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var target = await rules.FindAsync(Id, InterviewRecording.CanRecord);
        if (target is null) return NotFound();
        if (ModelState.IsValid)
        {
            var outcome = await recording.RecordAsync(target, new InterviewRecording.Request(Input.OccurredOn, Input.Kind, Input.ParticipantMemberIds,
                Input.Motives, Input.Actions, Input.Summary, Input.Source, Input.PartnerName, Input.ThirdParty, Input.ConfirmWarnings), HttpContext.RequestAborted);
            if (outcome.Status == ResultStatus.NotFound) return NotFound();
            if (outcome.Succeeded) return Redirect($"/personnes/{target.FollowUp.PersonId}");
            if (outcome.Status == ResultStatus.Conflict) Refusal = outcome.Message;
            else ModelState.AddErrors(outcome.Errors);
        }
        await LoadAsync(target);
        return Page();
    }

    private async Task LoadAsync(FollowUpInFile target)
    {
        PersonId = target.FollowUp.PersonId;
        OpenedOn = target.FollowUp.OpenedOn;
        IsOpen = target.FollowUp.IsOpen;
        PersonName = await rules.PersonNameAsync(target.File, HttpContext.RequestAborted);
        Household = await recording.HouseholdAsync(target.File, HttpContext.RequestAborted);
    }
}
