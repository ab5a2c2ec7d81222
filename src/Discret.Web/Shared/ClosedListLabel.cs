using System.Reflection;
using Discret.Domain.Input;

namespace Discret.Web.Shared;

/// <summary>
/// The French label of a value of any closed list, read from the one <c>Label</c> method its list declares next to it
/// (<c>RightKind.Label()</c>, <c>PartnerKind.Label()</c>…): for documents that print values of many lists (the access
/// export), without a second table of labels. A list without a <c>Label</c> method has none (null).
/// </summary>
public static class ClosedListLabel
{
    private static readonly Lazy<IReadOnlyDictionary<Type, MethodInfo>> Methods = new(Find);

    public static string? Of(Enum value)
    {
        if (!Methods.Value.TryGetValue(value.GetType(), out var method)) return null;
        var arguments = method.GetParameters().Select(p => p.DefaultValue).ToArray();
        arguments[0] = value;
        return (string?)method.Invoke(null, arguments);
    }

    /// <summary>Whether the list has a label (a test checks it for every list the access export prints).</summary>
    public static bool Has(Type list) => Methods.Value.ContainsKey(list);

    private static IReadOnlyDictionary<Type, MethodInfo> Find() =>
        new[] { typeof(ClosedList).Assembly, typeof(ClosedListLabel).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name == "Label" && m.ReturnType == typeof(string) && !m.IsGenericMethodDefinition
                        && m.GetParameters() is [{ ParameterType.IsEnum: true }, .. var rest] && rest.All(p => p.HasDefaultValue))
            .GroupBy(m => m.GetParameters()[0].ParameterType)
            .ToDictionary(g => g.Key, g => g.First());
}
