using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OtpNet;

namespace Discret.Bench.Faults;

/// <summary>One instance of Discret run as its own process (so that it can be killed with SIGKILL), on a loopback port.</summary>
public sealed class AppInstance(string name, string dll, int port, IReadOnlyDictionary<string, string> environment, string logFile) : IAsyncDisposable
{
    private Process? _process;
    public string Name => name;
    public string BaseUrl => $"http://127.0.0.1:{port}";
    public bool Running => _process is { HasExited: false };
    /// <summary>The process id while running (the load scenario attaches dotnet-counters and dotnet-trace to it).</summary>
    public int? ProcessId => Running ? _process!.Id : null;
    /// <summary>Processor time used by the process so far.</summary>
    public TimeSpan ProcessorTime { get { try { return _process?.TotalProcessorTime ?? TimeSpan.Zero; } catch (InvalidOperationException) { return TimeSpan.Zero; } } }

    public void Start(IReadOnlyDictionary<string, string>? extra = null)
    {
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", BaseUrl])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in environment) info.Environment[k] = v;
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) info.Environment[k] = v;
        _process = Process.Start(info)!;
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits until /health/ready answers 200; the time it took.</summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (_process is { HasExited: true }) throw new InvalidOperationException($"{name} exited with code {_process.ExitCode} (see {logFile})");
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health/ready")).StatusCode == HttpStatusCode.OK) return sw.Elapsed;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{name} not ready after {timeout.TotalSeconds} s (see {logFile})");
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a crash or an OOM kill.</summary>
    public void Kill9()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Kill9();
        await Task.CompletedTask;
    }
}

/// <summary>A signed-in member of staff (cookie session), valid on every instance (keys and sessions are in the database).</summary>
public sealed partial class Staff(HttpClient client)
{
    public HttpClient Client { get; } = client;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    public const string Password = "Discret-Demo-2026!";
    public const string TotpSecret = "DISCRETDEMOSECRETTOTPKEY234567AB";

    public static async Task<Staff> SignInAsync(CookieContainer cookies, string baseUrl, string login)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true })
        { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var staff = new Staff(client);
        var first = await staff.PostFormAsync("/connexion", new() { ["Input.Login"] = login, ["Input.Password"] = Password });
        if (first.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"login {login}: {(int)first.StatusCode}");
        if (first.Headers.Location?.OriginalString == "/connexion/code")
        {
            var code = new Totp(Base32Encoding.ToBytes(TotpSecret)).ComputeTotp();
            var second = await staff.PostFormAsync("/connexion/code", new() { ["Input.Code"] = code });
            if (second.Headers.Location?.OriginalString != "/") throw new InvalidOperationException($"second factor {login}: {(int)second.StatusCode}");
        }
        return staff;
    }

    private async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields)
    {
        var html = await Client.GetStringAsync(url);
        var token = WebUtility.HtmlDecode(TokenInput().Match(html).Groups[1].Value);
        return await Client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    public async Task<string> CsrfAsync(string baseUrl)
    {
        var json = await Client.GetFromJsonAsync<JsonElement>(baseUrl + "/api/v1/jeton-csrf");
        return json.GetProperty("token").GetString()!;
    }
}

/// <summary>What every request ended as, per instance and per phase: counts by status, and the problem titles of refusals.</summary>
public sealed class Tally
{
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly ConcurrentDictionary<string, int> _titles = new();
    public readonly ConcurrentBag<double> WriteMs = [];

    public void Add(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    public void Title(string title) => _titles.AddOrUpdate(title, 1, (_, n) => n + 1);
    public int Count(Func<string, bool> where) => _counts.Where(kv => where(kv.Key)).Sum(kv => kv.Value);
    public IEnumerable<KeyValuePair<string, int>> Counts => _counts.OrderBy(kv => kv.Key, StringComparer.Ordinal);
    public IEnumerable<KeyValuePair<string, int>> Titles => _titles.OrderByDescending(kv => kv.Value);

    public string Table()
    {
        var s = new StringBuilder("| outcome | requests |\n|---|--:|\n");
        foreach (var (k, v) in Counts) s.Append(CultureInfo.InvariantCulture, $"| {k} | {v:N0} |\n");
        if (_titles.Count > 0)
        {
            s.Append("\n| problem title (French, as the client read it) | times |\n|---|--:|\n");
            foreach (var (k, v) in Titles) s.Append(CultureInfo.InvariantCulture, $"| {k} | {v:N0} |\n");
        }
        return s.ToString();
    }
}

/// <summary>
/// The write load: social workers recording interviews on the follow-ups they hold, each create with its own
/// Idempotency-Key, sent to the instances in turn. An interview is « acknowledged » when the client got its 201 and id:
/// those are the writes that must never be lost.
/// </summary>
public sealed class WriteLoad(IReadOnlyList<AppInstance> instances, IReadOnlyList<(Staff Staff, Guid FollowUp)> targets, Tally tally)
{
    /// <summary>The summary of every interview the load writes: how the checks tell them from the demo's.</summary>
    public const string Summary = "Point sur les démarches en cours, prochain rendez-vous à fixer (charge de test).";

    public readonly ConcurrentBag<Guid> Acknowledged = [];
    private int _turn;
    public volatile string Phase = "normal";

    private readonly ConcurrentDictionary<Staff, string> _csrf = new();

    public async Task RunAsync(int clients, CancellationToken stop)
    {
        // One antiforgery token per session, fetched before the load: concurrent first fetches would each set a new
        // antiforgery cookie on the shared session, and all but the last token would be refused.
        foreach (var staff in targets.Select(t => t.Staff).Distinct()) _csrf[staff] = await staff.CsrfAsync(instances[0].BaseUrl);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => LoopAsync(c, stop))));
    }

    private async Task ReadProblemAsync(HttpResponseMessage response, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
            var fields = problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                ? " (" + string.Join(", ", errors.EnumerateObject().Select(e => e.Name + ": " + e.Value.ToString())) + ")" : "";
            if (problem.TryGetProperty("title", out var title)) tally.Title($"{status} {title.GetString()}{fields}");
        }
        else tally.Title($"{status} (not a problem document: {response.Content.Headers.ContentType?.MediaType ?? "no body"})");
    }

    private async Task LoopAsync(int client, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var instance = instances[Interlocked.Increment(ref _turn) % instances.Count];
            var (staff, followUp) = targets[(client + _turn) % targets.Count];
            var phase = Phase;
            var key = $"{phase} {instance.Name}";
            if (!instance.Running) { tally.Add($"{key}: instance down (not sent)"); await Task.Delay(50, CancellationToken.None); continue; }
            var sw = Stopwatch.StartNew();
            try
            {
                var token = _csrf[staff];
                var idempotencyKey = Guid.NewGuid().ToString();
                HttpRequestMessage Request()
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, $"{instance.BaseUrl}/api/v1/accompagnements/{followUp}/entretiens")
                    {
                        Content = JsonContent.Create(new
                        {
                            occurredOn = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            kind = "Permanence",
                            motives = new[] { "AccesAuxDroits" },
                            actions = Array.Empty<string>(),
                            summary = Summary,
                            source = "Professionnel",
                        }),
                    };
                    request.Headers.Add("X-CSRF-TOKEN", token);
                    request.Headers.Add("Idempotency-Key", idempotencyKey);
                    return request;
                }
                var response = await staff.Client.SendAsync(Request(), stop);
                var status = (int)response.StatusCode;
                var outcome = status.ToString(CultureInfo.InvariantCulture);
                // A client that reads « réessayez » (503) tries once more with the same Idempotency-Key, as docs/api.md says.
                if (status == 503 && !stop.IsCancellationRequested)
                {
                    await ReadProblemAsync(response, status);
                    response.Dispose();
                    await Task.Delay(250, CancellationToken.None);
                    response = await staff.Client.SendAsync(Request(), stop);
                    status = (int)response.StatusCode;
                    outcome = $"503 then {status}";
                }
                using var answer = response;
                // Counted in the phase it was answered in: a request sent in the last instant of one phase and cut by the
                // next restart is that restart's refusal (before 2026-12-06, counted as a failure « from 10 s after » the
                // previous restart — the leftover of the runs of 2026-12-05).
                if (Phase is var answeredIn && answeredIn != phase) key = $"{answeredIn} {instance.Name}";
                tally.Add($"{key}: {outcome}");
                if (status != 201) Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {key}: {outcome}");
                if (status == 201)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
                    Acknowledged.Add(body.GetProperty("id").GetGuid());
                    tally.WriteMs.Add(sw.Elapsed.TotalMilliseconds);
                }
                else await ReadProblemAsync(response, status);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                tally.Add($"{key}: connection failed");
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }
}
