using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Web.Security;

namespace Discret.Web.Features.Mandats;

/// <summary>
/// Who reaches a person's mandates, decided here once: the follow-up's team through <see cref="FieldGroup.DemarchesEnLigne"/>
/// (reads and, for social workers, writes); reception and secretariat of the person's circonscription see only that a
/// mandate exists (its state, dates and domains) and record a revocation when the person comes in. Everyone else: 404.
/// </summary>
public static class MandateAccess
{
    public static bool CanRead(PersonAccessView view) => view.CanRead(FieldGroup.DemarchesEnLigne);

    public static bool CanWrite(PersonAccessView view) => view.CanWrite(FieldGroup.DemarchesEnLigne);

    /// <summary>Reception or secretariat of the person's circonscription (a file kept on paper shows no mandate).</summary>
    public static bool IsReception(PersonAccessView view) =>
        view.Role is StaffRole.Accueil or StaffRole.Secretariat && view.SameCirconscription && !view.IsPaperOnly;

    /// <summary>Sees that the person has mandates (state, dates, domains).</summary>
    public static bool SeesExistence(PersonAccessView view) => CanRead(view) || IsReception(view);

    /// <summary>Records a revocation, of the whole mandate or of one authorisation.</summary>
    public static bool CanRevoke(PersonAccessView view) =>
        CanWrite(view) || (IsReception(view) && view.StateAllowsWrite(FieldGroup.DemarchesEnLigne));
}
