using System.Globalization;
using System.Text;
using Discret.Web.Features.Personnes;
using Npgsql;

namespace Discret.Bench;

/// <summary>
/// What a file's opening loaded, as one comparable text: the identity and contact, the household's members in order,
/// the follow-ups (status, referent, team, dates) and the recent interviews (date, kind, summary, author). c) and d)
/// compare the app's view and the plain SQL's rows by content, so a variant that loads other rows, in another order or
/// with other values fails the run — counting rows alone would not see it.
/// </summary>
public static class FileDigest
{
    private static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    public static string Of(PersonFile.View v)
    {
        var s = new StringBuilder();
        if (v.Identity is { } i) s.Append($"id:{i.BirthName}|{i.UsageName}|{i.FirstNames}|{D(i.BirthDate)}|{i.Circonscription}\n");
        if (v.Contact is { } c) s.Append($"contact:{c.Phone}|{c.Email}|{c.AddressLine}|{c.PostalCode}|{c.City}\n");
        foreach (var m in v.Household?.Members ?? []) s.Append($"member:{m.PersonId}|{m.Link}|{D(m.BirthDate)}\n");
        foreach (var f in v.FollowUps) s.Append($"followup:{f.Id}|{f.Status}|{f.Referent}|{string.Join(",", f.Team.Order(StringComparer.Ordinal))}|{D(f.OpenedOn)}|{D(f.ClosedOn)}\n");
        foreach (var n in v.Interviews) s.Append($"interview:{n.Id}|{n.FollowUpId}|{D(n.OccurredOn)}|{n.Kind}|{n.Summary}|{n.Author}\n");
        return s.ToString();
    }

    /// <summary>The same text from the four result sets of the plain SQL's batch (Benchmark.SqlFile), the reader on the
    /// person's row; checks the access flag.</summary>
    public static async Task<string> ReadAsync(NpgsqlDataReader r)
    {
        var s = new StringBuilder();
        if (!await r.ReadAsync() || !r.GetBoolean(15)) throw new InvalidOperationException("no access");
        string? Text(int col) => r.IsDBNull(col) ? null : r.GetString(col);
        s.Append($"id:{r.GetString(0)}|{Text(1)}|{r.GetString(2)}|{D(r.GetFieldValue<DateOnly>(3))}|{r.GetString(11)}\n");
        s.Append($"contact:{Text(4)}|{Text(5)}|{Text(12)}|{Text(13)}|{Text(14)}\n");
        await r.NextResultAsync();
        while (await r.ReadAsync()) s.Append($"member:{r.GetGuid(0)}|{r.GetString(4)}|{D(r.GetFieldValue<DateOnly>(5))}\n");
        await r.NextResultAsync();
        while (await r.ReadAsync())
            s.Append($"followup:{r.GetGuid(0)}|{r.GetString(1)}|{r.GetString(2)}|{string.Join(",", r.GetFieldValue<string[]>(11).Order(StringComparer.Ordinal))}"
                     + $"|{D(r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3))}|{D(r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4))}\n");
        await r.NextResultAsync();
        while (await r.ReadAsync()) s.Append($"interview:{r.GetGuid(0)}|{r.GetGuid(1)}|{D(r.GetFieldValue<DateOnly>(2))}|{r.GetString(3)}|{Text(6)}|{r.GetString(10)}\n");
        return s.ToString();
    }
}
