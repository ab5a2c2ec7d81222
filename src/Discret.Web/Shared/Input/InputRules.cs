using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Discret.Domain.Input;

namespace Discret.Web.Shared.Input;

/// <summary>
/// The rules every value obeys whatever the field, applied at the two doors where values come in — the forms' model
/// binding (<see cref="FormInput"/>) and the API's input filter (<see cref="ApiInput"/>) — so that no page, endpoint or
/// use case has to remember them: a text holds no control character (<see cref="InputText"/>), a date lies between 1900 and
/// 2100 (<see cref="InputDate"/>), a closed-list value is a member of its list (<see cref="ClosedList"/>). The formats of
/// particular fields (names, phone, e-mail) are the use cases' (<see cref="IdentityFormat"/>).
/// </summary>
public static class InputRules
{
    /// <summary>The French message when <paramref name="value"/> breaks a rule, else <c>null</c>.</summary>
    public static string? Problem(object? value) => value switch
    {
        string text => InputText.Problem(text),
        DateOnly day => InputDate.Problem(day),
        DateTime time => InputDate.Problem(time),
        DateTimeOffset time => InputDate.Problem(time.DateTime),
        Enum member => ClosedList.IsMember(member) ? null : ClosedList.NotAMemberMessage,
        _ => null,
    };

    /// <summary>Whether values of the type are judged by <see cref="Problem"/> (nullable or not).</summary>
    public static bool Judges(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t.IsEnum || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset);
    }

    /// <summary>
    /// Every value of a request body, walked: its properties (JSON names), their lists and nested objects, each judged.
    /// Adds the French messages by path ("birthName", "categories[1]") to <paramref name="errors"/>.
    /// </summary>
    public static void Walk(object? value, string path, IDictionary<string, string[]> errors, int depth = 0)
    {
        if (value is null || depth > 8) return;
        if (Judges(value.GetType()))
        {
            if (Problem(value) is { } problem) errors[path] = [problem];
            return;
        }
        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items) Walk(item, $"{path}[{i++}]", errors, depth + 1);
            return;
        }
        foreach (var (name, read) in PropertiesOf(value.GetType()))
            Walk(read(value), path.Length == 0 ? name : $"{path}.{name}", errors, depth + 1);
    }

    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Read)[]> Properties = new();

    /// <summary>The readable properties of Discret's own types (request bodies), by their JSON names; none for other types.</summary>
    private static (string Name, Func<object, object?> Read)[] PropertiesOf(Type type) => Properties.GetOrAdd(type, t =>
        t.Assembly != typeof(InputRules).Assembly && t.Assembly != typeof(ClosedList).Assembly ? []
        : t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => (System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name), (Func<object, object?>)p.GetValue))
            .ToArray());
}
