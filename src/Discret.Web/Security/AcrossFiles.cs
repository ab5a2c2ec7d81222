namespace Discret.Web.Security;

/// <summary>
/// Marks a class that reads persons' data without one file's <see cref="PersonAccessView"/>, and says why: a list
/// filtered by <see cref="PersonAccess.VisiblePersons"/>, the DPO's work on a request, the retention job… Everything
/// else reaches person data only through <see cref="PersonFileContext"/> (a test reads the compiled code to check it),
/// so each exception is written here, in the open, with its reason.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AcrossFilesAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
