using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Courriers;

/// <summary>
/// Letters follow the file's state like the writes they stand for: a letter to a partner shares the file, which a limited
/// file refuses (art. 18) with the reason; the letters that prove the person's rights (a receipt of her request) are
/// still produced.
/// </summary>
[Collection(LettersCollection.Name)]
public class LetterFileStateTests(DiscretFactory app)
{
    private static Task<HttpResponseMessage> ProduceAsync(StaffSession session, Guid personId, string kind, Guid? reference = null) =>
        session.ApiSendAsync(HttpMethod.Post, $"/api/v1/courriers/personnes/{personId}", new { kind, reference });

    [Fact]
    public async Task On_a_limited_file_a_letter_to_a_partner_is_refused_with_the_reason_and_a_receipt_of_the_request_is_still_produced()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        var consent = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accords-de-partage",
            new { partner = "Bailleur", partnerName = "Office HLM de Valmont", purpose = "AccesAuLogement", categories = new[] { "Identite" }, form = "Ecrit", givenOn = Today });
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        var consentId = (await consent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var request = await app.LimitAsync(file.PersonId, worker.Id);

        await FileStates.AssertRefusedByStateAsync(await ProduceAsync(ts, file.PersonId, "CourrierPartenaire", consentId), FileStateAnswer.RestrictedTitle, "courrier au partenaire");
        var page = WebUtility.HtmlDecode(await ts.PageTextAsync($"/personnes/{file.PersonId}/courriers"));
        Assert.DoesNotContain("value=\"courrier-partenaire\"", page);
        Assert.Equal(HttpStatusCode.OK, (await ProduceAsync(ts, file.PersonId, "AccuseReceptionDemande", request)).StatusCode);

        Assert.Equal(1, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Letters.CountAsync(l => l.PersonId == file.PersonId)));
    }
}
