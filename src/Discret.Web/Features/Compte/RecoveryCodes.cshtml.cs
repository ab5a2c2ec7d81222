using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Compte;

/// <summary>Shows the recovery codes generated at enrolment, once (they travel in TempData, which is read-once).</summary>
public sealed class RecoveryCodesModel : PageModel
{
    public const string TempDataKey = "recovery-codes";
    public IReadOnlyList<string> Codes { get; private set; } = [];

    public void OnGet() =>
        Codes = TempData[TempDataKey] is string s ? s.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
}
