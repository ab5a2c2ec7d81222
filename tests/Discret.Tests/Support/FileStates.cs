using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Domain.Accounts;
using Discret.Domain.Rights;
using Discret.Tests.Droits;

namespace Discret.Tests.Support;

/// <summary>Puts a file in a state that forbids writes, through the pages and API that do it: the DPO limits its processing
/// (art. 18) on a request, or the assigned social worker records that the person refused computerisation.</summary>
public static class FileStates
{
    /// <summary>Limits the processing of the person's file; returns the limitation request's id.</summary>
    public static async Task<Guid> LimitAsync(this DiscretFactory app, Guid personId, Guid recordedBy)
    {
        var requestId = await app.CreateRequestAsync(personId, RightKind.Limitation, recordedBy);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var page = $"/droits/demandes/{requestId}";
        Assert.Equal(HttpStatusCode.Redirect, (await dpo.PostFormAsync($"{page}?handler=Restrict", new Dictionary<string, string>(), page)).StatusCode);
        return requestId;
    }

    /// <summary>The assigned social worker records the person's refusal of computerisation.</summary>
    public static async Task RefuseComputerisationAsync(this StaffSession referent, Guid personId) =>
        Assert.Equal(HttpStatusCode.NoContent,
            (await referent.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{personId}/refus-informatisation", new { confirm = true })).StatusCode);

    /// <summary>A 409 problem whose title is the file state's (<c>FileStateAnswer.RestrictedTitle</c> or <c>PaperOnlyTitle</c>).</summary>
    public static async Task AssertRefusedByStateAsync(HttpResponseMessage response, string title, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{what}: {(int)response.StatusCode} {body}");
        Assert.Equal(title, JsonDocument.Parse(body).RootElement.GetProperty("title").GetString());
    }
}
