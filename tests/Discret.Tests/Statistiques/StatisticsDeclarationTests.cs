using System.Net;
using System.Reflection;
using Discret.Catalogue;
using Discret.Domain.Persons;
using Discret.Tests.Support;
using Discret.Web.Features.Statistiques;

namespace Discret.Tests.Statistiques;

/// <summary>
/// Declared = computed: the fields the statistics' code reads are exactly those the catalogue says serve the anonymous
/// statistics, and the purpose, its legal basis and the fact that the outputs are anonymous are in the register and the
/// information notice.
/// </summary>
public sealed class StatisticsDeclarationTests(GeneratedActivity activity) : IClassFixture<GeneratedActivity>
{
    [Fact]
    public void The_catalogue_names_exactly_the_fields_the_computation_reads()
    {
        // Every member the computation's code references (its lambdas, state machines and expression trees included).
        var personal = typeof(Person).Assembly.GetTypes().Where(t => typeof(IPersonalData).IsAssignableFrom(t) && !t.IsInterface).ToHashSet();
        var read = new HashSet<(string, string)>();
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        IEnumerable<Type> Nested(Type t) => t.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(Nested).Prepend(t);
        foreach (var method in Nested(typeof(StatisticsComputation)).SelectMany(t => t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all))))
            CompiledCode.References(method, m =>
            {
                if (m is MethodInfo { Name: ['g', 'e', 't', '_', ..] } getter && getter.DeclaringType is { } owner && personal.Contains(owner) && getter.Name != "get_Id")
                    read.Add((owner.Name, getter.Name[4..]));
                return false;
            });
        Assert.True(read.Count > 20, $"{read.Count} fields read: the scan does not see the computation");
        Assert.Equal(DataCatalogue.StatisticsSources.Order().ToList(), read.Order().ToList());
        var declared = DataCatalogue.Fields.ToDictionary(f => (f.Entity, f.Property));
        foreach (var source in DataCatalogue.StatisticsSources)
            if (declared.TryGetValue(source, out var field)) Assert.Contains(Purpose.StatistiquesAnonymes, field.Purposes);
            else Assert.EndsWith("Id", source.Property); // a link between records, not a fact about the person
        Assert.All(DataCatalogue.Fields.Where(f => f.Purposes.Contains(Purpose.StatistiquesAnonymes)),
            f => Assert.Contains((f.Entity, f.Property), DataCatalogue.StatisticsSources));
        // No free text feeds a statistic.
        Assert.DoesNotContain(DataCatalogue.Fields, f => f.FreeText && f.Purposes.Contains(Purpose.StatistiquesAnonymes));
    }

    [Fact]
    public void Every_interview_action_is_counted_in_the_one_scan_of_the_interviews()
    {
        // StatisticsComputation counts each action by name in one scan: a new action must be added there.
        var source = File.ReadAllText(Path.Combine(Root(), "src", "Discret.Web", "Features", "Statistiques", "StatisticsComputation.cs"));
        Assert.All(Enum.GetValues<InterviewAction>(), a => Assert.Contains($"x.Actions.Contains(InterviewAction.{a})", source));
    }

    private static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Discret.slnx"))) return d.FullName;
        throw new InvalidOperationException("Discret.slnx not found above the test's folder.");
    }

    [Fact]
    public async Task The_register_and_the_notice_declare_the_anonymous_statistics_and_their_basis()
    {
        var register = WebUtility.HtmlDecode(await activity.Dpo.Client.GetStringAsync("/registre"));
        Assert.Contains(Purpose.StatistiquesAnonymes.Label(), register);
        Assert.Contains(LegalBasis.FinsStatistiques.Label(), register);
        var notice = WebUtility.HtmlDecode(await activity.Dpo.Client.GetStringAsync("/notice-information"));
        Assert.Contains(Purpose.StatistiquesAnonymes.Label(), notice);
        Assert.Contains("jamais sur une personne ni sur un professionnel", notice);
    }
}
