using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Discret.Web.Features.Journal;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Conservation;

/// <summary>Backups and the erasure ledger (<c>Discret:Backups</c>).</summary>
public sealed class BackupSettings
{
    /// <summary>
    /// How long the oldest database backup is kept (README « Backups »: 30 days at most). The erasure ledger keeps each line
    /// that long and one day more: a backup older than a line is gone by then, so no restore can need it.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
    /// <summary>The erasure ledger's file. Default: <c>erasure-ledger.jsonl</c> in the journal anchors' folder (outside the
    /// database and its folder, on the storage every instance shares).</summary>
    public string? ErasureLedger { get; set; }
    /// <summary>The folder of PostgreSQL's <c>pg_dump</c> and <c>pg_restore</c> (<c>backup</c> and <c>restore</c> commands);
    /// by default the PATH, then the newest <c>/usr/lib/postgresql/*/bin</c>.</summary>
    public string? PostgresTools { get; set; }
}

/// <summary>What an erasure ledger line records.</summary>
public enum LedgerKind
{
    /// <summary>A person's file erased at their request (GDPR art. 17, <see cref="Droits.Erasure"/>).</summary>
    Effacement,
    /// <summary>Files, closed follow-ups or rights requests deleted by the retention job under an approved elimination batch.</summary>
    Elimination,
}

/// <summary>
/// One line: an erasure about to be committed (<see cref="Abandoned"/> false), or the note that it was not (true: the
/// transaction was rolled back, the erasure refused). Opaque ids and a date only, never a name: the entry's own id (the
/// same on every line of one erasure), the person(s), the rights request or elimination batch, the account that acted.
/// </summary>
public sealed record LedgerLine(
    [property: JsonPropertyName("entry")] Guid Entry,
    [property: JsonPropertyName("kind")] LedgerKind Kind,
    [property: JsonPropertyName("at")] DateTime At,
    [property: JsonPropertyName("abandoned")] bool Abandoned = false,
    [property: JsonPropertyName("request")] Guid? Request = null,
    [property: JsonPropertyName("batch")] Guid? Batch = null,
    [property: JsonPropertyName("by")] Guid? By = null,
    [property: JsonPropertyName("persons")] IReadOnlyList<Guid>? Persons = null,
    [property: JsonPropertyName("followUps")] IReadOnlyList<Guid>? FollowUps = null,
    [property: JsonPropertyName("requests")] IReadOnlyList<Guid>? Requests = null);

/// <summary>
/// The erasure ledger (issue 20 §4): an append-only file outside the database — by default beside the journal's anchors —
/// where every erasure and every deletion of the retention job writes a line <b>before</b> its transaction commits, so
/// that a database restored from a backup older than the erasure can be brought back to it (<see cref="ErasureReplay"/>).
/// A restore cannot roll the file back, since it is not in the database nor in its backups.
/// <para>Each line is the HMAC-SHA-256 of its JSON under the journal's anchor key (hex), a space, the JSON: a line
/// changed or written by someone without the key does not verify and is never replayed (a forged line could otherwise
/// delete a file). Removing lines is not detected by the ledger itself; the journal records every erasure too.</para>
/// <para>Writers from several processes append one line at a time under an exclusive lock on the file (retried for a few
/// seconds). Lines older than the backups' retention (<see cref="BackupSettings.Retention"/>) and one day are pruned by
/// the replay: no backup that predates them is left to restore.</para>
/// </summary>
public sealed partial class ErasureLedger(JournalAnchors anchors, IOptions<BackupSettings> settings, IHostEnvironment environment,
    TimeProvider clock, ILogger<ErasureLedger> logger)
{
    private const string Domain = "discret-erasure-ledger/1";
    public const string DefaultFileName = "erasure-ledger.jsonl";
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() }, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string File => settings.Value.ErasureLedger is { Length: > 0 } f
        ? Path.GetFullPath(f, environment.ContentRootPath)
        : Path.Combine(anchors.Directory, DefaultFileName);

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Appends one line, signed; the file and its folder are Discret's account's only (0600, 0700).</summary>
    public async Task AppendAsync(LedgerLine line, CancellationToken ct = default)
    {
        var text = Format(line, anchors.Sign) + "\n";
        await WithLockAsync(stream =>
        {
            stream.Seek(0, SeekOrigin.End);
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }, ct);
    }

    /// <summary>The lines that verify, in the order written, and the numbers of those that do not (changed, forged, cut).</summary>
    public async Task<(IReadOnlyList<LedgerLine> Lines, IReadOnlyList<int> Rejected)> ReadAsync(CancellationToken ct = default)
    {
        if (!System.IO.File.Exists(File)) return ([], []);
        string content = "";
        await WithLockAsync(stream =>
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            content = reader.ReadToEnd();
        }, ct);
        var lines = new List<LedgerLine>();
        var rejected = new List<int>();
        var number = 0;
        foreach (var raw in content.Split('\n'))
        {
            number++;
            if (raw.Length == 0) continue;
            if (Parse(raw) is { } line) lines.Add(line);
            else rejected.Add(number);
        }
        if (rejected.Count > 0) LogRejected(logger, rejected.Count, File);
        return (lines, rejected);
    }

    /// <summary>Drops the lines older than the backups' retention and a day (and those that do not verify are kept, evidence).</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        if (!System.IO.File.Exists(File)) return 0;
        var limit = Now - settings.Value.Retention - TimeSpan.FromDays(1);
        var pruned = 0;
        await WithLockAsync(stream =>
        {
            string content;
            using (var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true)) content = reader.ReadToEnd();
            var kept = new StringBuilder();
            foreach (var raw in content.Split('\n'))
            {
                if (raw.Length == 0) continue;
                if (Parse(raw) is { } line && line.At < limit) pruned++;
                else kept.Append(raw).Append('\n');
            }
            if (pruned == 0) return;
            // Rewritten in place under the lock, so that a writer waiting for it appends to the file that stays.
            var bytes = Encoding.UTF8.GetBytes(kept.ToString());
            stream.SetLength(0);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }, ct);
        return pruned;
    }

    /// <summary>« rotate-journal-key »: every authentic line signed again under the new key, before it replaces the former one.</summary>
    public void SignAgain(Func<string, string, byte[]> sign)
    {
        if (!System.IO.File.Exists(File)) return;
        WithLockAsync(stream =>
        {
            string content;
            using (var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true)) content = reader.ReadToEnd();
            // A line that does not verify stays as it is (evidence, never replayed): it does not verify under the new key either.
            var lines = content.Split('\n').Where(l => l.Length > 0).Select(l => Parse(l) is { } line ? Format(line, sign) : l);
            var bytes = Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));
            stream.SetLength(0);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static string Format(LedgerLine line, Func<string, string, byte[]> sign)
    {
        var json = JsonSerializer.Serialize(line, Json);
        return Convert.ToHexString(sign(Domain, json)) + " " + json;
    }

    private LedgerLine? Parse(string raw)
    {
        var space = raw.IndexOf(' ');
        if (space <= 0) return null;
        var json = raw[(space + 1)..];
        try
        {
            if (!anchors.Verifies(Domain, json, Convert.FromHexString(raw[..space]))) return null;
            return JsonSerializer.Deserialize<LedgerLine>(json, Json);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Opens the ledger exclusively (an advisory lock other Discret processes respect), retrying for a few seconds.</summary>
    private async Task WithLockAsync(Action<FileStream> use, CancellationToken ct)
    {
        JournalAnchors.CreatePrivateFolder(Path.GetDirectoryName(File)!);
        var options = JournalAnchors.PrivateCreation(FileMode.OpenOrCreate);
        options.Access = FileAccess.ReadWrite;
        for (var attempt = 1; ; attempt++)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(File, options);
            }
            catch (IOException) when (attempt < 100)
            {
                // Real time: a pause for the other writer to finish its line.
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
                continue;
            }
            using (stream) use(stream);
            return;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} line(s) of the erasure ledger {File} do not verify under the anchor key: they are not replayed.")]
    private static partial void LogRejected(ILogger logger, int count, string file);
}
