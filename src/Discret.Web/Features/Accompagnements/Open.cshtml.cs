using Discret.Web.Shared.Ui;
using Discret.Web.Shared;
using Discret.Catalogue;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Accompagnements;

/// <summary>Opening a follow-up for a person: the head of the circonscription names the referent and the team.</summary>
public sealed class OpenModel(PersonFileContext files, FollowUpRules rules, FollowUpCommands commands, Journal.AccessJournal journal) : PageModel
{
    public sealed class InputModel : ProvenanceInput
    {
        public Guid? ReferentId { get; set; }
        public List<Guid> CoWorkerIds { get; set; } = [];
        public List<FollowUpMotive> Motives { get; set; } = [];
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public string? PersonName { get; private set; }
    public IReadOnlyList<FollowUpRules.StaffChoice> Staff { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var view = await files.PersonAsync(Id);
        if (view is null || !FollowUpCommands.CanOpen(view)) return NotFound();
        await journal.ReadAsync(view, [FieldGroup.Identite], HttpContext.RequestAborted);
        await LoadAsync(view);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var view = await files.PersonAsync(Id);
        if (view is null || !FollowUpCommands.CanOpen(view)) return NotFound();
        if (ModelState.IsValid)
        {
            var outcome = await commands.OpenAsync(view, new FollowUpCommands.OpenRequest(Input.ReferentId, Input.CoWorkerIds, Input.Motives,
                Input.Source, Input.PartnerName, Input.ThirdParty, Input.ConfirmWarnings), HttpContext.RequestAborted);
            if (outcome.Status == ResultStatus.NotFound) return NotFound();
            if (outcome.Succeeded) return Redirect($"/personnes/{Id}");
            ModelState.AddErrors(outcome.Errors);
        }
        await LoadAsync(view);
        return Page();
    }

    private async Task LoadAsync(PersonAccessView view)
    {
        PersonName = await rules.PersonNameAsync(view, HttpContext.RequestAborted);
        Staff = await rules.TeamCandidatesForPersonAsync(view, HttpContext.RequestAborted);
    }
}
