namespace Discret.Domain.Input;

/// <summary>
/// The closed lists (enums) as values come in and go out. In: only the name of one of the list's members, whatever the
/// door (form, query string, JSON body) — no number, no combination « A, B », no unknown name. Out: a stored value that
/// is no member of its list (written by hand in the database, by another version, or before the lists were closed) is
/// shown as <see cref="UnknownLabel"/> and reported, never a crash: the journal cannot be changed, so a page that threw
/// on one of its rows would stay broken for good. Every label of a closed list ends with <c>_ =&gt; ClosedList.Unknown(value)</c>.
/// </summary>
public static class ClosedList
{
    public const string UnknownLabel = "valeur inconnue";

    /// <summary>What the JSON of the API says for a stored value that is no member of its list.</summary>
    public const string UnknownName = "Inconnu";

    /// <summary>A stored value that is no member was shown: the list's name and the raw value (a number or a code, never personal data).</summary>
    public static event Action<string, string>? UnknownShown;

    /// <summary>The label of a value that is no member of its list: « valeur inconnue », reported to <see cref="UnknownShown"/>.</summary>
    public static string Unknown<T>(T value) where T : struct, Enum
    {
        UnknownShown?.Invoke(typeof(T).Name, value.ToString());
        return UnknownLabel;
    }

    public static bool IsMember(Enum value) => Enum.IsDefined(value.GetType(), value);

    /// <summary>
    /// A member of the list from its name as sent (case ignored): <c>null</c> for anything else — a number ("99", "-1"),
    /// a combination ("Dpo, Accueil", which <see cref="Enum.TryParse(Type, string?, out object?)"/> would add up), spaces, an unknown name.
    /// </summary>
    public static object? Parse(Type list, string? name)
    {
        if (string.IsNullOrEmpty(name)) return null;
        foreach (var member in Enum.GetNames(list))
            if (string.Equals(member, name, StringComparison.OrdinalIgnoreCase)) return Enum.Parse(list, member);
        return null;
    }

    public const string NotAMemberMessage = "Cette valeur ne fait pas partie de la liste proposée : choisissez l'une des valeurs de la liste.";
}
