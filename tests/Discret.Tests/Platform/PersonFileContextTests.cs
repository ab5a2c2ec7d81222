using System.Reflection;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Tests.Support;
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

    private static List<(Type Type, string Method)> Owners(Func<MethodBase, bool> target) => CompiledCode.Owners(Web, target);
}
