using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Letters;
using Discret.Web.Security;

namespace Discret.Web.Features.Courriers;

/// <summary>
/// Who sends each kind of letter, and on which files: the one place that says which roles a template is written for
/// (checked when it is saved) and which part of the file a kind is about (checked when a letter is produced).
/// </summary>
public static class LetterSenders
{
    private const StaffRole Accueil = StaffRole.Accueil, Secretariat = StaffRole.Secretariat, Ts = StaffRole.TravailleurSocial,
        Rc = StaffRole.ResponsableCirconscription;

    /// <summary>The roles that send a kind: those who book appointments, register requests, answer them, share, record refusals.</summary>
    public static IReadOnlyList<StaffRole> Of(LetterKind kind) => kind switch
    {
        LetterKind.Convocation => [Accueil, Secretariat, Ts],
        LetterKind.AccuseReceptionDemande => [Accueil, Secretariat, Rc, Ts],
        LetterKind.ReponseDemandeAcces => [Rc, Ts],
        LetterKind.CourrierPartenaire => [Ts],
        LetterKind.ConfirmationRefusInformatisation => [Ts],
        _ => [],
    };

    /// <summary>The part of the file a kind is about: a sender who does not read it on this file does not see the letter at all (404).</summary>
    public static FieldGroup Subject(LetterKind kind) => kind switch
    {
        LetterKind.Convocation => FieldGroup.RendezVous,
        LetterKind.CourrierPartenaire => FieldGroup.Partages,
        LetterKind.ConfirmationRefusInformatisation => FieldGroup.Identite,
        _ => FieldGroup.Droits,
    };

    /// <summary>
    /// The groups a role may read on the files a kind is written about: its grants in the catalogue (at any scope), and on
    /// a paper-only file (the confirmation of a refusal is written for one) only what such a file keeps.
    /// </summary>
    public static IReadOnlySet<FieldGroup> Readable(StaffRole role, LetterKind kind)
    {
        var groups = DataCatalogue.Grants.Where(g => g.Read.ContainsKey(role)).Select(g => g.Group);
        if (kind == LetterKind.ConfirmationRefusInformatisation) groups = groups.Where(PersonAccess.PaperOnlyGroups.Contains);
        return groups.ToHashSet();
    }

    /// <summary>
    /// What producing a kind writes on the file: the letter's record (<see cref="FieldGroup.Droits"/>, open on a paper-only
    /// or limited file); a letter to a partner also shares the file (<see cref="FieldGroup.Partages"/>), which a limited
    /// file refuses like any sharing (<see cref="PersonAccess.StateAllowsWrite"/>).
    /// </summary>
    public static IReadOnlyList<FieldGroup> Written(LetterKind kind) =>
        kind == LetterKind.CourrierPartenaire ? [FieldGroup.Droits, FieldGroup.Partages] : [FieldGroup.Droits];

    /// <summary>Whether this account may produce this kind of letter on this file.</summary>
    public static bool MaySend(PersonAccessView file, LetterKind kind) =>
        Of(kind).Contains(file.Role) && file.CanRead(Subject(kind)) && Written(kind).All(file.CanWrite);

}
