using System.Reflection;
using Discret.Domain.Input;

namespace Discret.Tests.Security;

/// <summary>Every label of a closed list, in Discret.Core and Discret.Web, says « valeur inconnue » for a value outside its list.</summary>
public class ClosedListLabelTests
{
    /// <summary>Texts keyed by a closed list that are not its labels: a message for some members only, a right's article, a journal code.</summary>
    private static readonly string[] NotLabels = ["TextGuard.MessageFor", "RightsRequestLabels.Article", "ArchiveReasons.Purpose"];

    public static IEnumerable<MethodInfo> LabelMethods() =>
        new[] { typeof(ClosedList).Assembly, typeof(Discret.Web.Shared.HostModule).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(string) && !m.IsGenericMethodDefinition && m.GetParameters() is [var first, .. var rest]
                        && (Nullable.GetUnderlyingType(first.ParameterType) ?? first.ParameterType).IsEnum && rest.All(p => p.HasDefaultValue))
            .Where(m => !NotLabels.Contains($"{m.DeclaringType!.Name}.{m.Name}"));

    [Fact]
    public void Every_label_of_a_closed_list_shows_valeur_inconnue_for_a_value_outside_the_list()
    {
        var methods = LabelMethods().ToList();
        Assert.True(methods.Count >= 40, $"{methods.Count} labels found");
        var failures = new List<string>();
        foreach (var method in methods)
        {
            var parameters = method.GetParameters();
            var list = Nullable.GetUnderlyingType(parameters[0].ParameterType) ?? parameters[0].ParameterType;
            foreach (var raw in new[] { 99, -1, int.MinValue })
            {
                var arguments = parameters.Select(p => p.DefaultValue).ToArray();
                arguments[0] = Enum.ToObject(list, raw);
                string? label;
                try { label = (string?)method.Invoke(null, arguments); }
                catch (TargetInvocationException e) { label = e.InnerException!.GetType().Name; }
                if (label != ClosedList.UnknownLabel) failures.Add($"{method.DeclaringType!.Name}.{method.Name}({list.Name} {raw}) = {label}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
