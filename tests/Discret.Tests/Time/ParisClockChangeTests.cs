using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Droits;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Microsoft.Extensions.Time.Testing;
using UglyToad.PdfPig;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Time;

/// <summary>
/// Discret run on both sides of the clock changes (last Sunday of March and of October, at 01:00 UTC): every time a
/// person reads — the break-glass banner, its notification, the DPO's journal of a file, the access export's PDF, JSON
/// and file name — is the Paris wall-clock time of that night, an hour more in summer. The expected texts are written
/// out by hand, not computed with the code under test.
/// </summary>
public sealed class ParisClockChangeTests
{
    /// <param name="utc">The instant the clock is fixed at.</param>
    /// <param name="day">Its Paris day.</param>
    /// <param name="time">Its Paris wall-clock time.</param>
    /// <param name="offset">Paris's offset at that instant.</param>
    /// <param name="until">The Paris time four hours later, when the break-glass access ends.</param>
    [Theory]
    [InlineData("2026-03-28T23:30:00Z", "29/03/2026", "00:30", "+01:00", "05:30")] // winter time, the night of the change to summer
    [InlineData("2026-03-29T01:30:00Z", "29/03/2026", "03:30", "+02:00", "07:30")] // summer time, just after the change
    [InlineData("2026-10-24T22:30:00Z", "25/10/2026", "00:30", "+02:00", "03:30")] // summer time, the night of the change to winter
    [InlineData("2026-10-25T01:30:00Z", "25/10/2026", "02:30", "+01:00", "06:30")] // winter time, just after the change
    public async Task Every_time_shown_printed_or_exported_is_the_Paris_wall_clock_time(string utc, string day, string time, string offset, string until)
    {
        await using var app = new DiscretFactory { Clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)) };
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        var file = await app.CreateCaseAsync(0, referent);

        // The break-glass access: its banner and the referent's notification.
        var ts = await StaffSession.LoginAsync(app, worker);
        var opened = await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/acces-exceptionnel", new
        {
            personId = file.PersonId, reason = "Remplacement", justification = "Référente absente, la personne se présente pour son dossier logement.", confirmWarnings = true,
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Contains($"Accès exceptionnel en cours jusqu'à {until}</strong>", await ts.PageTextAsync($"/personnes/{file.PersonId}"));
        var inbox = await (await StaffSession.LoginAsync(app, referent)).PageTextAsync("/notifications");
        Assert.Contains($"Le {day} à {time}", inbox);
        Assert.Contains($"a ouvert un accès exceptionnel jusqu'à {until}", inbox);

        // The DPO's journal of the file.
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var history = await dpo.PostFormAsync("/tracabilite/dossier", new() { ["Input.PersonId"] = file.PersonId.ToString() });
        Assert.Contains($"{day} {time}:00", await history.TextAsync());

        // The access export: PDF, JSON and their file names.
        var isoDay = $"{day[6..]}-{day[3..5]}-{day[..2]}";
        var requestId = await (await ts.RegisterAsync(file.PersonId, receivedOn: isoDay)).RegisteredIdAsync();
        var pdf = await dpo.PostFormAsync($"/droits/demandes/{requestId}?handler=Pdf", new Dictionary<string, string>(), $"/droits/demandes/{requestId}");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith($"donnees-personnelles-{isoDay}-", pdf.Content.Headers.ContentDisposition?.FileNameStar ?? pdf.Content.Headers.ContentDisposition?.FileName);
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(" ", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            // « Document établi le », the journal's sentences and the break-glass access: dates in words, Paris time.
            var printed = $"{ParisTime.LongDate(DateOnly.ParseExact(day, "dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture))} à {time}";
            Assert.True(text.Split(printed).Length > 3, $"« {printed} » printed fewer than three times");
        }
        var json = await dpo.PostFormAsync($"/droits/demandes/{requestId}?handler=Json", new Dictionary<string, string>(), $"/droits/demandes/{requestId}");
        Assert.StartsWith($"donnees-personnelles-{isoDay}-", json.Content.Headers.ContentDisposition?.FileNameStar ?? json.Content.Headers.ContentDisposition?.FileName);
        var body = await json.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"{isoDay}T{time}:00{offset}", body.GetProperty("etabliLe").GetString());
        var breakGlass = body.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("entite").GetString() == "BreakGlassAccess");
        var values = breakGlass.GetProperty("elements").EnumerateArray().Single().GetProperty("champs").EnumerateArray()
            .Select(c => c.GetProperty("valeur").ValueKind == JsonValueKind.String ? c.GetProperty("valeur").GetString() : null).ToList();
        Assert.Contains($"{day} {time}", values);
        Assert.Contains(values, v => v is not null && v.EndsWith($" {until}", StringComparison.Ordinal));
    }
}
