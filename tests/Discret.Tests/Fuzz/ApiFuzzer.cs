using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Fuzz;

public sealed record FuzzOptions(int Seed, int RequestsPerOperation, int Parallelism, bool SkipKnownInputClasses)
{
    public const int DefaultSeed = 20261203;

    /// <summary>
    /// From the environment: <c>DISCRET_FUZZ_SEED</c>, <c>DISCRET_FUZZ_REQUESTS</c> (per operation),
    /// <c>DISCRET_FUZZ_PARALLELISM</c>, and <c>DISCRET_FUZZ_SKIP_KNOWN_INPUT_CLASSES=1</c>, which stops generating control
    /// characters, dates out of range and closed-list values that are not members — the classes the input-validation
    /// change of issue 15 closes centrally — for a branch that does not have it yet. By default they are generated.
    /// </summary>
    /// <param name="parallelism">Requests in flight at once: 1 makes a run exactly reproducible from its seed (the suite);
    /// 2 lets requests race (the bench, which found a deadlock that way).</param>
    public static FuzzOptions FromEnvironment(int requestsPerOperation, int parallelism) => new(
        Read("DISCRET_FUZZ_SEED") ?? DefaultSeed,
        Read("DISCRET_FUZZ_REQUESTS") ?? requestsPerOperation,
        Read("DISCRET_FUZZ_PARALLELISM") ?? parallelism,
        Environment.GetEnvironmentVariable("DISCRET_FUZZ_SKIP_KNOWN_INPUT_CLASSES") == "1");

    private static int? Read(string name) => int.TryParse(Environment.GetEnvironmentVariable(name), out var v) ? v : null;
}

/// <summary>One request that answered 5xx (or threw), with the malformations that are enough to cause it.</summary>
/// <param name="Count">How many requests of the run failed there, on this operation.</param>
public sealed record FuzzFailure(string Operation, string Role, int Index, int Status, IReadOnlyList<Mutation> Minimal, IReadOnlyList<Mutation> Sent, string? Error,
    string? Where, int Count)
{
    public MalformationClass Class => Minimal.Select(m => m.Class).FirstOrDefault(c => c != MalformationClass.Other);

    public static readonly MalformationClass[] KnownInputClasses =
        [MalformationClass.ControlCharacters, MalformationClass.OutOfRangeDate, MalformationClass.UndefinedEnum];

    public override string ToString() =>
        $"{Operation} as {Role} (request #{Index}{(Count > 1 ? $", and {Count - 1} more like it" : "")}) → {(Status == 0 ? "exception " + Error : Status.ToString())}: "
        + (Minimal.Count == 0 ? "a well-formed request (then it is the state: an earlier request stored what this one cannot answer with)" : string.Join("; ", Minimal))
        + (Minimal.Count < Sent.Count ? $"  (sent with: {string.Join("; ", Sent.Except(Minimal))})" : "")
        + (Where is null ? "" : $"\n        at {Where}");
}

public sealed record OperationFigures(string Operation, int Requests, int ServerErrors, IReadOnlyDictionary<int, int> ByStatus, TimeSpan Time);

/// <param name="Cpu">The test process's processor time over the run (the server runs in it): the figure a busy machine does not inflate.</param>
public sealed record FuzzReport(FuzzOptions Options, string Provider, IReadOnlyList<OperationFigures> Operations, IReadOnlyList<FuzzFailure> Failures,
    TimeSpan Duration, TimeSpan Cpu)
{
    public int Requests => Operations.Sum(o => o.Requests);
    public int ServerErrors => Operations.Sum(o => o.ServerErrors);

    public string Summary() =>
        $"Fuzz {Provider}: {Requests} requests over {Operations.Count} operations ({Options.RequestsPerOperation} each), {ServerErrors} answered 5xx "
        + $"({Failures.Count} distinct), {Duration.TotalSeconds:0.0} s ({Cpu.TotalSeconds:0.0} s of processor time), seed {Options.Seed} (DISCRET_FUZZ_SEED), "
        + $"parallelism {Options.Parallelism}{(Options.SkipKnownInputClasses ? ", without the classes of the input-validation change (DISCRET_FUZZ_SKIP_KNOWN_INPUT_CLASSES=1)" : "")}.";

    /// <summary>Answers by status, and the slowest operations (mean time per request).</summary>
    public string Figures() =>
        "Statuses: " + string.Join(", ", Operations.SelectMany(o => o.ByStatus).GroupBy(s => s.Key).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Sum(s => s.Value)}"))
        + "\nSlowest: " + string.Join(", ", Operations.OrderByDescending(o => o.Time / Math.Max(1, o.Requests)).Take(6)
            .Select(o => $"{o.Operation} {o.Time.TotalMilliseconds / Math.Max(1, o.Requests):0} ms"));

    public string Details() => string.Join("\n",
        Failures.GroupBy(f => f.Class).SelectMany(g => new[] { $"-- {g.Key}{(FuzzFailure.KnownInputClasses.Contains(g.Key) ? " (closed by the input-validation change)" : "")}:" }
            .Concat(g.Select(f => "   " + f))));
}

/// <summary>
/// Sends malformed requests generated from the application's own OpenAPI document to every operation, each as a role
/// that may call it (and some as roles that may not, or signed out), and collects every 5xx with the malformations
/// that are enough to cause it (each is replayed alone). Ids come from files the run creates: the fuzzing social worker's
/// own, and files of another circonscription; new files are added as the run goes (older ones get limited or go back to
/// paper under the fuzz).
/// </summary>
public sealed class ApiFuzzer(FuzzFactory app, FuzzOptions options)
{
    private static readonly StaffRole[] Roles = Enum.GetValues<StaffRole>();
    private readonly IdPool _ids = new();
    private readonly Dictionary<string, (StaffSession Session, string Token)> _sessions = [];
    private (StaffSession Session, string Token)? _signedOut;
    private TestAccount _worker = null!, _colleague = null!, _otherWorker = null!;
    private StaffSession _workerSession = null!, _otherSession = null!;

    public async Task<FuzzReport> RunAsync()
    {
        var started = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await SetUpAsync();
        var dpo = _sessions[nameof(StaffRole.Dpo)].Session;
        var operations = OpenApiOperations.Read(await dpo.Client.GetStringAsync("/api/v1/openapi.json"));
        var allowed = operations.ToDictionary(o => o.ToString(), o => AllowedRoles(o));
        var generator = new MalformedRequests(_ids, options.SkipKnownInputClasses ? FuzzFailure.KnownInputClasses : []);
        var figures = operations.ToDictionary(o => o.ToString(), _ => new Counter());
        var failures = new List<(Operation Op, FuzzCase Case, int Status, string? Error)>();

        for (var round = 0; round < options.RequestsPerOperation; round++)
        {
            if (round > 0 && round % 25 == 0) await AddFilesAsync();
            var order = operations.Select((o, i) => (Op: o, Index: i)).ToArray();
            new Random(Mix(options.Seed, round, -1)).Shuffle(order);
            await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, async (item, _) =>
            {
                var fuzzCase = Generate(generator, item.Op, allowed[item.Op.ToString()], Mix(options.Seed, item.Index, round), round);
                var timer = Stopwatch.StartNew();
                var (status, error) = await SendAsync(fuzzCase, fuzzCase.Mutations, CaseId(fuzzCase));
                lock (figures)
                {
                    figures[item.Op.ToString()].Add(status, timer.Elapsed);
                    if (status is 0 or >= 500 && failures.Count < 2_000) failures.Add((item.Op, fuzzCase, status, error));
                }
            });
        }

        // One report per operation and place of failure (the same fault found a hundred times is one line), shrunk once.
        var reported = new List<FuzzFailure>();
        foreach (var group in failures.GroupBy(f => (Op: f.Op.ToString(), Where: app.ServerExceptions.GetValueOrDefault(CaseId(f.Case)) ?? f.Error)).Take(60))
        {
            var (op, fuzzCase, status, error) = group.First();
            reported.Add(new FuzzFailure(op.ToString(), fuzzCase.Role, fuzzCase.Index, status, await ShrinkAsync(fuzzCase), fuzzCase.Mutations, error,
                group.Key.Where, group.Count()));
        }
        return new FuzzReport(options, DiscretFactory.OnPostgres ? "PostgreSQL" : "SQLite",
            figures.Select(f => new OperationFigures(f.Key, f.Value.Requests, f.Value.ServerErrors, f.Value.ByStatus, f.Value.Time)).ToList(),
            reported, started.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    /// <summary>Deterministic per (seed, operation, round), whatever the order the requests run in.</summary>
    private static int Mix(int seed, int a, int b) => unchecked((seed * 1_000_003) ^ (a * 7_919) ^ (b * 104_729) ^ (a * b * 31));

    private sealed record FuzzCase(Operation Operation, int Index, string Role, Draft WellFormed, List<Mutation> Mutations, int Seed);

    private FuzzCase Generate(MalformedRequests generator, Operation op, IReadOnlyList<StaffRole> allowed, int seed, int index)
    {
        var random = new Random(seed);
        var roll = random.NextDouble();
        var role = roll < 0.02 ? "signed out"
            : roll < 0.12 || allowed.Count == 0 ? Roles[random.Next(Roles.Length)].ToString()
            : allowed[random.Next(allowed.Count)].ToString();
        var draft = generator.WellFormed(op, random);
        if (op.TakesIdempotencyKey && random.NextDouble() < 0.3) draft.IdempotencyKey = random.NextDouble() < 0.5 ? "cle-" + random.Next(5) : Guid.NewGuid().ToString();
        return new FuzzCase(op, index, role, draft, generator.Malformations(op, draft, random), seed);
    }

    /// <summary>Builds the case's request with some of its malformations (the well-formed request is rebuilt from its seed).</summary>
    private static string CaseId(FuzzCase fuzzCase) => $"{fuzzCase.Operation}#{fuzzCase.Index}";

    private async Task<(int Status, string? Error)> SendAsync(FuzzCase fuzzCase, IEnumerable<Mutation> mutations, string? caseId = null)
    {
        var draft = fuzzCase.WellFormed;
        var copy = new Draft
        {
            Method = draft.Method, PathTemplate = draft.PathTemplate, PathValues = new(draft.PathValues), Query = [.. draft.Query],
            Body = draft.Body?.DeepClone(), HasBody = draft.HasBody, ContentType = draft.ContentType, IdempotencyKey = draft.IdempotencyKey,
        };
        var (session, token) = fuzzCase.Role == "signed out" ? _signedOut!.Value : _sessions[fuzzCase.Role];
        HttpRequestMessage request;
        try
        {
            foreach (var m in mutations) m.Apply(copy);
            request = copy.Build(token);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            return (-1, null); // a request HttpClient itself refuses to build (a header it will not send): not sent, not counted
        }
        if (caseId is not null) request.Headers.Add(FuzzFactory.CaseHeader, caseId);
        try
        {
            using (request)
            using (var response = await session.Client.SendAsync(request))
            {
                return ((int)response.StatusCode, null);
            }
        }
        catch (Exception e)
        {
            return (0, e.GetType().Name);
        }
    }

    /// <summary>The fewest malformations that still give a 5xx: none, or one alone, or all of them.</summary>
    private async Task<IReadOnlyList<Mutation>> ShrinkAsync(FuzzCase fuzzCase)
    {
        if (IsFailure(await SendAsync(fuzzCase, []))) return [];
        foreach (var m in fuzzCase.Mutations)
            if (IsFailure(await SendAsync(fuzzCase, [m]))) return [m];
        return fuzzCase.Mutations;
    }

    private static bool IsFailure((int Status, string? Error) answer) => answer.Status is 0 or >= 500;

    /// <summary>The roles every policy of the endpoint admits (the API group's and the endpoint's own).</summary>
    private List<StaffRole> AllowedRoles(Operation op)
    {
        var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .FirstOrDefault(e => Regex.Replace(e.RoutePattern.RawText ?? "", @"\{(\w+)(:[^}]*)?\}", "{$1}") == op.Path
                                 && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(op.Method) == true);
        if (endpoint is null) return [.. Roles];
        var provider = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        IEnumerable<StaffRole> roles = Roles;
        foreach (var data in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>())
        {
            var policy = data.Policy is { Length: > 0 } name ? provider.GetPolicyAsync(name).GetAwaiter().GetResult() : null;
            foreach (var requirement in policy?.Requirements.OfType<RolesAuthorizationRequirement>() ?? [])
                roles = roles.Where(r => requirement.AllowedRoles.Contains(r.ToString()));
        }
        return roles.ToList();
    }

    // --- the files and accounts the requests are about ---

    private async Task SetUpAsync()
    {
        _worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        _colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        _otherWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        _ids.Add("account", _colleague.Id);
        _ids.Add("account", _otherWorker.Id);
        _ids.Add("other", _otherWorker.Id);
        for (var i = 0; i < 2; i++) _ids.Add("account", (await app.CreateAccountAsync(StaffRole.Secretariat)).Id); // for the administrator to change
        foreach (var role in Roles)
        {
            var account = role == StaffRole.TravailleurSocial ? _worker : await app.CreateAccountAsync(role);
            var session = await StaffSession.LoginAsync(app, account);
            _sessions[role.ToString()] = (session, await session.ApiTokenAsync());
        }
        _workerSession = _sessions[nameof(StaffRole.TravailleurSocial)].Session;
        _otherSession = await StaffSession.LoginAsync(app, _otherWorker);
        _signedOut = (new StaffSession(app.Anonymous()), null!);
        var circonscriptions = await _sessions[nameof(StaffRole.AdminTechnique)].Session.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/circonscriptions");
        foreach (var c in circonscriptions.EnumerateArray()) _ids.Add("circonscription", c.GetProperty("id").GetGuid());

        var other = await app.CreateCaseAsync(1, _otherWorker);
        await AddFileObjectsAsync(_otherSession, other, "other");
        await AddFilesAsync();
    }

    /// <summary>A new file of the fuzzing worker (with a colleague in the team), with a consent, a rights request and a note.</summary>
    private async Task AddFilesAsync()
    {
        var file = await app.CreateCaseAsync(0, _worker, [_colleague]);
        await AddFileObjectsAsync(_workerSession, file, null);
    }

    private async Task AddFileObjectsAsync(StaffSession session, TestCase file, string? alsoAs)
    {
        void Add(string kind, Guid id)
        {
            _ids.Add(kind, id);
            if (alsoAs is not null) _ids.Add(alsoAs, id);
        }
        Add("person", file.PersonId);
        Add("followUp", file.FollowUpId!.Value);
        var today = MalformedRequests.Today.ToString("yyyy-MM-dd");
        if (await CreatedIdAsync(session, $"/api/v1/personnes/{file.PersonId}/accords-de-partage", new
            {
                partner = "Bailleur", partnerName = "Office HLM de Valmont", purpose = "AccesAuLogement", categories = new[] { "Identite" }, form = "Ecrit", givenOn = today,
            }) is { } consent) Add("consent", consent);
        if (await CreatedIdAsync(session, "/api/v1/droits", new
            {
                personId = file.PersonId, kind = "Acces", channel = "Guichet", identityCheck = "PieceDIdentitePresentee", receivedOn = today,
            }) is { } request) Add("request", request);
        if (await CreatedIdAsync(session, $"/api/v1/accompagnements/{file.FollowUpId}/notes", new { text = "Rappeler lundi." }) is { } note) Add("note", note);
    }

    private static async Task<Guid?> CreatedIdAsync(StaffSession session, string url, object body)
    {
        var response = await session.ApiSendAsync(HttpMethod.Post, url, body);
        if (response.StatusCode != HttpStatusCode.Created) return null;
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private sealed class Counter
    {
        public int Requests;
        public int ServerErrors;
        public Dictionary<int, int> ByStatus { get; } = [];

        public TimeSpan Time;

        public void Add(int status, TimeSpan time)
        {
            if (status == -1) return;
            Requests++;
            Time += time;
            if (status is 0 or >= 500) ServerErrors++;
            ByStatus[status] = ByStatus.GetValueOrDefault(status) + 1;
        }
    }
}
