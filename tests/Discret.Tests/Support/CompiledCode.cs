using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Discret.Tests.Support;

/// <summary>Reads an assembly's compiled code (its IL): which source methods — lambdas, async state machines, local
/// functions and expression trees counted as part of the method that wrote them — reference a member.</summary>
public static class CompiledCode
{
    /// <summary>The source methods (declaring type, name) whose code — compiler-generated parts included — references a member matching <paramref name="target"/>.</summary>
    public static List<(Type Type, string Method)> Owners(Assembly assembly, Func<MethodBase, bool> target)
    {
        var found = new List<(Type, string)>();
        foreach (var type in assembly.GetTypes())
        foreach (var method in type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                     .Cast<MethodBase>()
                     .Concat(type.GetConstructors(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)))
        {
            if (!References(method, target)) continue;
            var owner = Owner(type, method);
            // Static initializers build the compiled queries' expression trees (EF.CompileAsyncQuery); what runs them is
            // the method that calls the compiled query, which this scan does not follow: keep such queries in classes
            // whose methods take the view (PersonFile) or that are marked [AcrossFiles] (PersonAccess).
            if (owner.Method == ".cctor") continue;
            found.Add(owner);
        }
        return found;
    }

    /// <summary>
    /// The method a developer wrote: an async state machine's MoveNext belongs to the method named in its type
    /// (<c>&lt;UpdateAsync&gt;d__5</c>), a lambda or local function to the method named in its own name
    /// (<c>&lt;UpdateAsync&gt;b__5_0</c>), inside the outermost type that is not compiler-generated.
    /// </summary>
    private static (Type Type, string Method) Owner(Type type, MethodBase method)
    {
        var name = method.Name;
        var owner = type;
        while (owner.DeclaringType is not null && (owner.Name.StartsWith('<') || owner.IsDefined(typeof(CompilerGeneratedAttribute), false)))
        {
            if (name == "MoveNext" || !name.StartsWith('<')) name = owner.Name;
            owner = owner.DeclaringType;
        }
        if (name.StartsWith('<')) name = System.Text.RegularExpressions.Regex.Match(name, "<+([^<>]+)>").Groups[1].Value;
        return (owner, name);
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    public static bool References(MethodBase method, Func<MethodBase, bool> target)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) return false;
        var typeArgs = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            short value = il[i++];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[i++]));
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineMethod or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, i);
                    i += 4;
                    MemberInfo? member = null;
                    try { member = method.Module.ResolveMember(token, typeArgs, methodArgs); } catch (ArgumentException) { }
                    if (member is MethodBase called && target(called)) return true;
                    break;
                default: i += 4; break;
            }
        }
        return false;
    }
}
