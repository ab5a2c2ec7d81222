using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Catalogue;
using Discret.Domain.Persons;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Accompagnements;

/// <summary>
/// The head of the circonscription changes the referent and the team of a follow-up. A save made from a stale copy
/// is refused: the form comes back with the user's input and the current values, nothing is overwritten.
/// </summary>
public sealed class TeamModel(FollowUpRules rules, FollowUpCommands commands) : PageModel
{
    public sealed class InputModel
    {
        public int? Version { get; set; }
        public Guid? ReferentId { get; set; }
        public List<Guid> CoWorkerIds { get; set; } = [];
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public Guid PersonId { get; private set; }
    public string? PersonName { get; private set; }
    public bool IsOpen { get; private set; }
    public string CurrentReferent { get; private set; } = "";
    public IReadOnlyList<string> CurrentTeam { get; private set; } = [];
    public IReadOnlyList<FollowUpRules.StaffChoice> Staff { get; private set; } = [];
    /// <summary>Why the save was refused (changed meanwhile, or closed), shown above the form.</summary>
    public string? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var target = await rules.FindAsync(Id, FollowUpCommands.CanAssign);
        if (target is null) return NotFound();
        await rules.JournalReadAsync(target, FieldGroup.Identite, FieldGroup.Equipe);
        await LoadAsync(target);
        Input = new InputModel
        {
            Version = target.FollowUp.Version,
            ReferentId = target.FollowUp.ReferentId,
            CoWorkerIds = target.FollowUp.Team.Select(m => m.StaffAccountId).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var target = await rules.FindAsync(Id, FollowUpCommands.CanAssign);
        if (target is null) return NotFound();
        if (ModelState.IsValid)
        {
            var outcome = await commands.AssignAsync(target, new FollowUpCommands.AssignRequest(Input.Version, Input.ReferentId, Input.CoWorkerIds),
                HttpContext.RequestAborted);
            if (outcome.Status == ResultStatus.NotFound) return NotFound();
            if (outcome.Succeeded) return Redirect($"/personnes/{target.FollowUp.PersonId}");
            if (outcome.Status == ResultStatus.Conflict)
            {
                Conflict = outcome.Message;
                target = await rules.FindAsync(Id, FollowUpCommands.CanAssign);
                if (target is null) return NotFound();
                // The next save starts from the current version: the user decides, having seen the current values.
                ModelState.Remove("Input.Version");
                Input.Version = target.FollowUp.Version;
            }
        }
        await LoadAsync(target);
        return Page();
    }

    private async Task LoadAsync(FollowUpInFile target)
    {
        var followUp = target.FollowUp;
        PersonId = followUp.PersonId;
        IsOpen = followUp.IsOpen;
        PersonName = await rules.PersonNameAsync(target.File, HttpContext.RequestAborted);
        Staff = await rules.TeamCandidatesAsync(followUp.CirconscriptionId, HttpContext.RequestAborted);
        var names = await rules.NamesAsync(followUp.Team.Select(m => m.StaffAccountId).Append(followUp.ReferentId), HttpContext.RequestAborted);
        CurrentReferent = names.GetValueOrDefault(followUp.ReferentId, "?");
        CurrentTeam = followUp.Team.Select(m => names.GetValueOrDefault(m.StaffAccountId, "?")).ToList();
    }
}
