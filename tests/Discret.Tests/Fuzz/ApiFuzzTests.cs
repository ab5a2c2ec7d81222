using Discret.Tests.Support;
using Xunit.Abstractions;

namespace Discret.Tests.Fuzz;

/// <summary>
/// Property: no request to the API, however malformed, gets a 5xx. At least 200 malformed requests per operation of the
/// OpenAPI document (wrong types, nulls, missing fields, huge sizes, odd unicode, closed-list values that are not members,
/// impossible dates, malformed ids, ids of another circonscription's files, wrong content types, malformed JSON), each
/// as a role that may call the operation — some as roles that may not, or signed out — on the provider of the run
/// (DISCRET_TEST_DB). The seed is fixed (DISCRET_FUZZ_SEED overrides it) and printed with any failure; each failure
/// names the operation and the malformations enough to cause it. The longer run is in bench/Discret.Bench.Fuzz.
/// </summary>
public class ApiFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Its own application: the fuzz limits files, puts them on paper, deactivates accounts.</summary>
    private readonly FuzzFactory _app = new();

    [Fact]
    public async Task No_malformed_request_to_any_api_operation_answers_a_server_error()
    {
        var report = await new ApiFuzzer(_app, FuzzOptions.FromEnvironment(requestsPerOperation: 200, parallelism: 1)).RunAsync();
        output.WriteLine(report.Summary());
        output.WriteLine(report.Figures());
        output.WriteLine(report.Details());
        Assert.True(report.Operations.Count >= 40, $"Only {report.Operations.Count} operations read from the OpenAPI document.");
        Assert.All(report.Operations, o => Assert.True(o.Requests >= report.Options.RequestsPerOperation * 9 / 10, $"{o.Operation}: {o.Requests} requests sent"));
        Assert.True(report.Failures.Count == 0, report.Summary() + "\n" + report.Details());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
