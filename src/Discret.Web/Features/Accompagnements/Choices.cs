using Discret.Catalogue;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Accompagnements;

/// <summary>The closed lists offered by the follow-up forms, with their French labels, and how outcomes reach a form.</summary>
public static class Choices
{
    private static SelectListItem Empty(string text) => new(text, "");

    public static IEnumerable<SelectListItem> Motives => Enum.GetValues<FollowUpMotive>().Select(m => new SelectListItem(m.Label(), m.ToString()));
    public static IEnumerable<SelectListItem> Actions => Enum.GetValues<InterviewAction>().Select(a => new SelectListItem(a.Label(), a.ToString()));

    public static IEnumerable<SelectListItem> Kinds =>
        Enum.GetValues<InterviewKind>().Select(k => new SelectListItem(k.Label(), k.ToString())).Prepend(Empty("Choisissez le type d'entretien"));

    public static IEnumerable<SelectListItem> Referents(IEnumerable<FollowUpRules.StaffChoice> staff) =>
        Staff(staff).Prepend(Empty("Choisissez le référent"));

    public static IEnumerable<SelectListItem> Staff(IEnumerable<FollowUpRules.StaffChoice> staff) =>
        staff.Select(s => new SelectListItem($"{s.Name} ({s.Role.Label().ToLowerInvariant()})", s.Id.ToString()));
}
