using System.Net;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Orientation;

/// <summary>
/// The handover changes a follow-up's referent, a write on the team: like « Équipe », refused on a limited file (art. 18)
/// with the reason, on the page and on the API, moving nothing; open on a minimal record (the referent is part of it).
/// </summary>
[Collection(FollowUpsCollection.Name)]
public class HandoverFileStateTests(DiscretFactory app)
{
    private Task<Guid> ReferentOfAsync(Guid followUpId) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().FollowUps.Where(f => f.Id == followUpId).Select(f => f.ReferentId).SingleAsync());

    private static Task<HttpResponseMessage> HandOverAsync(StaffSession head, Guid followUpId, Guid to) =>
        head.PostFormAsync("/a-reattribuer", new Dictionary<string, string>
        {
            ["Input.FollowUpIds"] = followUpId.ToString(), ["Input.NewReferentId"] = to.ToString(), ["Input.Reason"] = "DepartDuReferent",
        });

    [Fact]
    public async Task A_limited_files_follow_up_is_not_handed_over_and_the_page_and_api_say_why()
    {
        var gone = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, gone);
        await app.LimitAsync(file.PersonId, gone.Id);
        await app.WithDbAsync(db => db.Users.Where(a => a.Id == gone.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, false)));
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));

        var page = await HandOverAsync(head, file.FollowUpId!.Value, colleague.Id);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("article 18", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        await FileStates.AssertRefusedByStateAsync(await head.ApiSendAsync(HttpMethod.Post, "/api/v1/reattributions",
            new { followUpIds = new[] { file.FollowUpId }, newReferentId = colleague.Id, reason = "DepartDuReferent" }), FileStateAnswer.RestrictedTitle, "réattribution");

        Assert.Equal(gone.Id, await ReferentOfAsync(file.FollowUpId.Value));
    }

    [Fact]
    public async Task A_paper_only_files_follow_up_is_handed_over_since_its_referent_is_part_of_the_minimal_record()
    {
        var gone = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, gone);
        await (await StaffSession.LoginAsync(app, gone)).RefuseComputerisationAsync(file.PersonId);
        await app.WithDbAsync(db => db.Users.Where(a => a.Id == gone.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, false)));
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));

        Assert.Equal(HttpStatusCode.Redirect, (await HandOverAsync(head, file.FollowUpId!.Value, colleague.Id)).StatusCode);
        Assert.Equal(colleague.Id, await ReferentOfAsync(file.FollowUpId.Value));
    }
}
