using System.Net;
using System.Text.RegularExpressions;
using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Registre;

/// <summary>What a worker's calendar feed carries (<see cref="DataCatalogue.CalendarFeedContent"/>: times, place, a short file
/// number, never a name or a motive) is said where the DPO and the person read the processing: the register (page and
/// PDF) and the information notice (page and leaflet).</summary>
[Collection(InstallationCollection.Name)]
public class CalendarFeedDeclarationTests(DiscretFactory app)
{
    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return Normalise(string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Where(w => w.BoundingBox.Bottom > 50).Select(w => w.Text)));
    }

    private static int Version(string page) => int.Parse(Regex.Match(page, @"Version (\d+), en vigueur depuis").Groups[1].Value);

    [Fact]
    public async Task The_register_and_the_notice_say_what_the_calendar_feed_contains()
    {
        var declared = Normalise(DataCatalogue.CalendarFeedContent);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var register = await dpo.PageTextAsync("/registre");
        Assert.Contains(declared, Normalise(register));
        Assert.Contains(declared, PdfText(await dpo.Client.GetByteArrayAsync($"/registre/{Version(register)}/registre.pdf")));

        var accueil = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var notice = await accueil.PageTextAsync("/notice-information");
        Assert.Contains(declared, Normalise(notice));
        Assert.Contains(declared, PdfText(await accueil.Client.GetByteArrayAsync($"/notice-information/{Version(notice)}/depliant.pdf")));
    }
}
