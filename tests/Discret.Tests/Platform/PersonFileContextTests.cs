using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Tests.Platform;

/// <summary>
/// Reads the compiled application (its IL) to prove that person data is reached only through the person-file request
/// context: a method that reads a person-data table must take the resolved view (<see cref="PersonAccessView"/> or
/// <see cref="FollowUpInFile"/>) or ask <see cref="PersonFileContext"/> itself, unless its class says in the open why it
/// works across files (<see cref="AcrossFilesAttribute"/>). Lambdas, async state machines and local functions count
/// as part of the method that wrote them.
/// </summary>
public sealed class PersonFileContextTests
{
    private static readonly Assembly Web = typeof(PersonFileContext).Assembly;

    /// <summary>The tables of persons' files: every personal-data entity except the journal and staff notifications (the
    /// journal writer and the DPO console read those; they are about staff work, not a file's content).</summary>
    private static readonly HashSet<MethodInfo> PersonDataGetters = typeof(DiscretDbContext).GetProperties()
        .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
        .Where(p => typeof(IPersonalData).IsAssignableFrom(p.PropertyType.GetGenericArguments()[0]))
        .Where(p => p.PropertyType.GetGenericArguments()[0] != typeof(JournalEntry) && p.PropertyType.GetGenericArguments()[0] != typeof(Notification))
        .Select(p => p.GetMethod!).ToHashSet();

    [Fact]
    public void Every_use_case_reading_person_data_goes_through_the_file_context()
    {
        var readers = Owners(m => m is MethodInfo mi && PersonDataGetters.Contains(mi));
        var contextUsers = Owners(m => m.DeclaringType == typeof(PersonFileContext)).Select(o => (o.Type, o.Method)).ToHashSet();
        var bypasses = readers
            .Where(o => o.Type.GetCustomAttribute<AcrossFilesAttribute>() is null)
            .Where(o => !TakesAView(o.Type, o.Method) && !contextUsers.Contains((o.Type, o.Method)))
            .Select(o => $"{o.Type.FullName}.{o.Method}")
            .Distinct().Order().ToList();
        Assert.True(bypasses.Count == 0,
            "These methods read person data without the file's view from PersonFileContext (take a PersonAccessView, or mark the class [AcrossFiles(\"why\")]):\n"
            + string.Join("\n", bypasses));
    }

    [Fact]
    public void The_scan_sees_the_use_cases_it_guards()
    {
        // Without this, a scanner that found nothing would pass the test above.
        var readers = Owners(m => m is MethodInfo mi && PersonDataGetters.Contains(mi)).Select(o => $"{o.Type.Name}.{o.Method}").ToHashSet();
        Assert.Contains("PersonEditing.UpdateAsync", readers);
        Assert.Contains("InterviewRecording.HouseholdAsync", readers);
        Assert.Contains("PersonCreation.KnownAsync", readers);
        Assert.True(PersonDataGetters.Count >= 12, $"{PersonDataGetters.Count} person-data tables found");
    }

    [Fact]
    public void Only_the_file_context_resolves_an_access()
    {
        var forAsync = typeof(PersonAccess).GetMethod(nameof(PersonAccess.ForAsync))!;
        var callers = Owners(m => m == forAsync).Select(o => o.Type).Distinct().ToList();
        Assert.Equal([typeof(PersonFileContext)], callers);
    }

    private static bool TakesAView(Type type, string method) =>
        type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m.Name == method)
            .Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(PersonAccessView) || p.ParameterType == typeof(FollowUpInFile)));

    /// <summary>The source methods (declaring type, name) whose code — compiler-generated parts included — references a member matching <paramref name="target"/>.</summary>
    private static List<(Type Type, string Method)> Owners(Func<MethodBase, bool> target)
    {
        var found = new List<(Type, string)>();
        foreach (var type in Web.GetTypes())
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

    private static bool References(MethodBase method, Func<MethodBase, bool> target)
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
