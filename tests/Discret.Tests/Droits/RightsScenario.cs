using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Rights;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Droits;

/// <summary>Setting up rights requests for the tests: in the database directly, or through the API as a member of staff.</summary>
public static class RightsScenario
{
    /// <summary>A request registered straight in the database (by <paramref name="recordedBy"/>), received on the given day (today by default).</summary>
    public static Task<Guid> CreateRequestAsync(this DiscretFactory app, Guid personId, RightKind kind, Guid recordedBy, DateOnly? receivedOn = null) =>
        app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            var clock = sp.GetRequiredService<TimeProvider>();
            var circonscription = await db.Persons.Where(p => p.Id == personId).Select(p => p.CirconscriptionId).SingleAsync();
            var now = clock.GetUtcNow().UtcDateTime;
            var request = new RightsRequest(personId, circonscription, kind, RequestChannel.Guichet, IdentityCheck.PersonneConnueDuService,
                receivedOn ?? ParisTime.Today(clock), null, recordedBy, now);
            db.RightsRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });

    public static Task<RightsRequest?> RequestAsync(this DiscretFactory app, Guid id) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().RightsRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id));

    public static Task<HttpResponseMessage> RegisterAsync(this StaffSession session, Guid personId, string kind = "Acces", string? receivedOn = null,
        string? identityCheck = "PersonneConnueDuService", string? details = null) =>
        session.ApiSendAsync(HttpMethod.Post, "/api/v1/droits", new
        {
            personId, kind, channel = "Guichet", identityCheck, receivedOn = receivedOn ?? ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"), details,
        });

    public static async Task<Guid> RegisteredIdAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> ErrorsAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }
}
