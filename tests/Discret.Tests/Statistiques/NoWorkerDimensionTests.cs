using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Discret.Data;
using Discret.Domain.Statistics;
using Discret.Tests.Support;
using Discret.Web.Features.Statistiques;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Statistiques;

/// <summary>
/// The statistics can never watch a worker: no indicator, breakdown, stored column, export column or API field names an
/// account, a worker, a team or a referent, and the code that computes the figures never reads who did what.
/// </summary>
public sealed partial class NoWorkerDimensionTests(GeneratedActivity activity) : IClassFixture<GeneratedActivity>
{
    [GeneratedRegex(@"account|compte|worker|travailleu|referent|référent|author|auteur|staff|agent|team|equipe|équipe|recordedby|sharedby|bookedby|closedby|correctedby|withdrawnby|professionnel|user|utilisateur|login|identifiant",
        RegexOptions.IgnoreCase)]
    private static partial Regex WorkerWord();

    [Fact]
    public void The_stored_figures_have_no_worker_column()
    {
        foreach (var type in new[] { typeof(StatFigure), typeof(StatYear) })
            Assert.All(type.GetProperties(), p => Assert.False(WorkerWord().IsMatch(p.Name), $"{type.Name}.{p.Name}"));
        var model = activity.App.With(sp => sp.GetRequiredService<DiscretDbContext>().Model);
        foreach (var entity in new[] { typeof(StatFigure), typeof(StatYear) }.Select(t => model.FindEntityType(t)!))
            Assert.All(entity.GetProperties(), p => Assert.False(WorkerWord().IsMatch(p.GetColumnName()), $"{entity.GetTableName()}.{p.GetColumnName()}"));
    }

    [Fact]
    public void No_indicator_or_breakdown_is_about_workers()
    {
        var words = Indicators.All.SelectMany(i => new[] { i.Code, i.Label, i.Unit }
            .Concat(i.Breakdowns.SelectMany(b => new[] { b.Code, b.Label }.Concat(b.Values?.SelectMany(v => new[] { v.Code, v.Label }) ?? []))));
        Assert.All(words, w => Assert.False(WorkerWord().IsMatch(w), w));
        Assert.All(StatisticsExport.Header, h => Assert.False(WorkerWord().IsMatch(h), h));
    }

    [Fact]
    public async Task The_api_schema_of_the_statistics_has_no_worker_field()
    {
        var document = JsonNode.Parse(await activity.Dpo.Client.GetStringAsync("/api/v1/openapi.json"))!;
        var paths = document["paths"]!.AsObject().Where(p => p.Key.Contains("/statistiques")).ToList();
        Assert.True(paths.Count >= 4, $"{paths.Count} statistics paths in the document");
        var schemas = document["components"]?["schemas"]?.AsObject();
        var seen = new HashSet<string>();
        var names = new List<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        if (key == "$ref" && value?.GetValue<string>() is { } reference && seen.Add(reference))
                            Walk(schemas?[reference.Split('/')[^1]]);
                        else if (key == "properties" && value is JsonObject properties) names.AddRange(properties.Select(p => p.Key));
                        else if (key == "parameters" && value is JsonArray parameters) names.AddRange(parameters.Select(p => p?["name"]?.GetValue<string>() ?? ""));
                        Walk(value);
                    }
                    break;
                case JsonArray a:
                    foreach (var item in a) Walk(item);
                    break;
            }
        }
        foreach (var (_, path) in paths) Walk(path);
        Assert.Contains("territory", names);
        Assert.All(names, n => Assert.False(WorkerWord().IsMatch(n), n));
    }

    [Fact]
    public async Task The_exported_columns_have_no_worker()
    {
        var csv = await activity.Dpo.Client.GetStringAsync("/statistiques/export?annee=2026&format=csv");
        var header = csv.Split('\n').First(l => l.StartsWith("Indicateur;", StringComparison.Ordinal));
        Assert.All(header.Trim().Split(';'), c => Assert.False(WorkerWord().IsMatch(c), c));
    }

    /// <summary>Who did what (the referent, the author, the accounts that recorded or shared): members of the domain
    /// that the statistics' code must never read.</summary>
    private static readonly string[] WhoDidWhat =
        ["ReferentId", "AuthorId", "StaffAccountId", "RecordedById", "SharedById", "BookedById", "ClosedById", "CorrectedById", "WithdrawnById",
         "AccountId", "Team", "Workers", "ParticipantMemberIds"];

    [Fact]
    public void The_code_that_computes_and_publishes_the_figures_never_reads_who_did_what()
    {
        var domain = typeof(Discret.Domain.Persons.Person).Assembly;
        bool Forbidden(MethodBase m) => m.DeclaringType?.Assembly == domain && m.Name.StartsWith("get_", StringComparison.Ordinal)
                                        && WhoDidWhat.Contains(m.Name[4..]);
        var readers = CompiledCode.Owners(typeof(StatisticsComputation).Assembly, Forbidden)
            .Where(o => o.Type.Namespace == typeof(StatisticsComputation).Namespace).Select(o => $"{o.Type.Name}.{o.Method}").Distinct().ToList();
        Assert.True(readers.Count == 0, "Statistics code reading who did what: " + string.Join(", ", readers));
        // The scan sees such reads where they are (so that an empty answer above means something).
        var elsewhere = CompiledCode.Owners(typeof(StatisticsComputation).Assembly, Forbidden).Select(o => o.Type.Name).ToHashSet();
        Assert.Contains("Caseload", elsewhere);
        // And it sees what the statistics do read.
        var interviewDate = typeof(Discret.Domain.Persons.Interview).GetProperty(nameof(Discret.Domain.Persons.Interview.OccurredOn))!.GetMethod!;
        Assert.Contains(CompiledCode.Owners(typeof(StatisticsComputation).Assembly, m => m == interviewDate), o => o.Type == typeof(StatisticsComputation));
    }
}
