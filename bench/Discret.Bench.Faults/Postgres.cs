using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Discret.Bench.Faults;

/// <summary>
/// A throwaway PostgreSQL cluster for one scenario, from the distribution's binaries, on a free loopback port, with
/// fsync and synchronous commit on (a fault test on a database that does not flush would prove nothing). Removed when
/// disposed. As root, the server runs as the « postgres » account.
/// </summary>
public sealed class Postgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _data;
    private readonly int _port;

    private Postgres(string bin, string data, int port) { _bin = bin; _data = data; _port = port; }

    private string Options => $"-c listen_addresses=127.0.0.1 -p {_port} -k {Path.GetDirectoryName(_data)} -c max_connections=200";

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=discret_faults;Include Error Detail=false;Command Timeout=30";

    public static async Task<Postgres> StartAsync(string work)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version()).Select(d => Path.Combine(d, "bin")).LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql)");
        _ = work;
        // A folder of its own (not inside the scenario's, which only root may enter), owned by the server's account.
        var folder = Directory.CreateTempSubdirectory("discret-faults-pg-").FullName;
        if (IsRoot) await Run("chown", ["postgres:postgres", folder]);
        var port = FreePort();
        var pg = new Postgres(bin, Path.Combine(folder, "data"), port);
        await pg.AsPostgres($"{bin}/initdb -D {pg._data} -A trust -U postgres -E UTF8");
        await pg.AsPostgres($"{bin}/pg_ctl -D {pg._data} -l {folder}/server.log -w -t 60 -o \"{pg.Options}\" start");
        await pg.AsPostgres($"{bin}/psql -h 127.0.0.1 -p {port} -U postgres -c \"CREATE DATABASE discret_faults\"");
        return pg;
    }

    /// <summary>Restarts the server: « fast » ends the sessions cleanly; « immediate » is a crash (recovery from the WAL at start).</summary>
    /// <summary>
    /// Stops the server, leaves it down for <paramref name="down"/>, starts it again. Down for a moment on purpose: a
    /// `pg_ctl restart` is back before a request meets it, and a fault no request saw proves nothing.
    /// </summary>
    public async Task RestartAsync(bool immediate, TimeSpan down)
    {
        await AsPostgres($"{_bin}/pg_ctl -D {_data} -m {(immediate ? "immediate" : "fast")} -w -t 60 stop");
        await Task.Delay(down);
        // With its log file named again: without -l the new server would write to pg_ctl's output, which we read to its end.
        await AsPostgres($"{_bin}/pg_ctl -D {_data} -l {Path.GetDirectoryName(_data)}/server.log -w -t 60 -o \"{Options}\" start");
    }

    public async ValueTask DisposeAsync()
    {
        try { await AsPostgres($"{_bin}/pg_ctl -D {_data} -m immediate stop"); } catch (InvalidOperationException) { }
        try { Directory.Delete(Path.GetDirectoryName(_data)!, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private async Task AsPostgres(string command) =>
        await (IsRoot ? Run("runuser", ["-u", "postgres", "--", "sh", "-c", command]) : Run("sh", ["-c", command]));

    private static async Task Run(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: exit {p.ExitCode}\n{output}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
