using System.Net;
using Discret.Tests.Conservation;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Discret.Domain.Rights;
using Discret.Web.Features.Conservation;
using Microsoft.EntityFrameworkCore;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Droits;

/// <summary>
/// R20, rectification (GDPR art. 16) with its history: the file shows the rectified value; the value replaced is kept
/// out of the file, shown to the DPO on the request's page only, and goes with the file.
/// </summary>
[Collection(RightsCollection.Name)]
public class RectificationHistoryTests(DiscretFactory app)
{
    private Task<HttpResponseMessage> EditAsync(StaffSession ts, TestCase file, string birthName, Guid? rightsRequestId) =>
        app.DbAsync(db => db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.Version).SingleAsync())
            .ContinueWith(v => ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/personnes/{file.PersonId}/identite",
                new
                {
                    version = v.Result, birthName, firstNames = "Alex", birthDate = "1980-05-17", phone = "06 00 00 00 01",
                    addressLine = "1 rue de l'Essai", postalCode = "99000", city = "Valmont", source = "Personne", rightsRequestId,
                })).Unwrap();

    [Fact]
    public async Task The_file_shows_the_rectified_name_and_only_the_dpo_sees_the_name_it_replaced()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        var rectified = "Rectifie" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var requestId = await (await ts.RegisterAsync(file.PersonId, "Rectification")).RegisteredIdAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await EditAsync(ts, file, rectified, requestId)).StatusCode);

        var page = await ts.PageTextAsync($"/personnes/{file.PersonId}");
        Assert.Contains(rectified, page);
        Assert.DoesNotContain(file.BirthName, page);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var dpoView = await dpo.PageTextAsync($"/droits/demandes/{requestId}");
        Assert.Contains("Valeurs avant la rectification", dpoView);
        Assert.Contains(file.BirthName, dpoView);
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var rcView = await rc.PageTextAsync($"/droits/demandes/{requestId}");
        Assert.DoesNotContain(file.BirthName, rcView);
        var kept = await app.DbAsync(db => db.RectifiedValues.Where(v => v.RightsRequestId == requestId).ToListAsync());
        Assert.Equal(nameof(Discret.Domain.Persons.Person.BirthName), Assert.Single(kept).Field);
    }

    [Fact]
    public async Task A_plain_edit_keeps_no_history_and_the_history_goes_with_the_file()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        Assert.Equal(HttpStatusCode.NoContent, (await EditAsync(ts, file, file.BirthName + "a", null)).StatusCode);
        Assert.Equal(0, await app.DbAsync(db => db.RectifiedValues.CountAsync(v => v.PersonId == file.PersonId)));

        var requestId = await app.CreateRequestAsync(file.PersonId, RightKind.Rectification, worker.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await EditAsync(ts, file, file.BirthName + "b", requestId)).StatusCode);
        Assert.Equal(1, await app.DbAsync(db => db.RectifiedValues.CountAsync(v => v.PersonId == file.PersonId)));

        await app.WithDbAsync(db => PersonDeletion.DeleteAsync(db, [file.PersonId], CancellationToken.None));
        Assert.Equal(0, await app.DbAsync(db => db.RectifiedValues.CountAsync(v => v.PersonId == file.PersonId)));
        Assert.NotNull(await app.RequestAsync(requestId)); // the request itself stays in the register
    }
}
