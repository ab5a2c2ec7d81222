using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Discret.Web.Features.ComptesAConfirmer;

namespace Discret.Tests.Accounts;

/// <summary>
/// The separation of duties through HTTP: the technical administrator asks (creation, reset, change of role), a head of
/// circonscription or the DPO confirms through « Comptes à confirmer » and receives the activation link.
/// </summary>
public static class AccountRequestScenario
{
    public const string LinkMarker = "/activation?jeton=";

    /// <summary>The admin creates an account through the API: its id and the raw answer (which must hold no link).</summary>
    public static async Task<(Guid Id, string Answer)> CreateThroughApiAsync(StaffSession admin, StaffRole role, int circonscription = 0)
    {
        var circonscriptions = await admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/circonscriptions");
        var login = "nouveau." + Guid.NewGuid().ToString("N")[..8];
        var response = await admin.ApiSendAsync(HttpMethod.Post, "/api/v1/admin/comptes",
            new { login, displayName = "Agent Nouveau", role = role.ToString(), circonscriptionId = circonscriptions[circonscription].GetProperty("id").GetGuid() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.Content.ReadAsStringAsync();
        return (JsonDocument.Parse(answer).RootElement.GetProperty("id").GetGuid(), answer);
    }

    /// <summary>A confirmer of its own for an account of this role and circonscription: a head of circonscription for the team, else a DPO.</summary>
    public static async Task<StaffSession> ConfirmerAsync(DiscretFactory app, StaffRole role, int circonscription = 0) =>
        await StaffSession.LoginAsync(app, Confirmers.ByHeadOfCirconscription(role)
            ? await app.CreateAccountAsync(StaffRole.ResponsableCirconscription, circonscription: circonscription)
            : await app.CreateAccountAsync(StaffRole.Dpo));

    /// <summary>The pending request on the account in the confirmer's list (API), or null when it is not there.</summary>
    public static async Task<Guid?> PendingRequestAsync(StaffSession confirmer, Guid accountId)
    {
        var list = await confirmer.Client.GetFromJsonAsync<JsonElement>("/api/v1/comptes-a-confirmer");
        return list.EnumerateArray().Where(r => r.GetProperty("accountId").GetGuid() == accountId).Select(r => (Guid?)r.GetProperty("id").GetGuid()).FirstOrDefault();
    }

    /// <summary>Confirms the account's pending request through the API; the activation token when one was produced.</summary>
    public static async Task<string?> ConfirmAsync(StaffSession confirmer, Guid accountId)
    {
        var request = await PendingRequestAsync(confirmer, accountId);
        Assert.NotNull(request);
        var response = await confirmer.ApiSendAsync(HttpMethod.Post, $"/api/v1/comptes-a-confirmer/{request}/confirmation");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activationLink");
        return link.ValueKind == JsonValueKind.Null ? null : TokenOf(link.GetString()!);
    }

    public static string TokenOf(string link) => link[(link.IndexOf("jeton=", StringComparison.Ordinal) + 6)..];

    /// <summary>Activates the account with its token (anonymous), as its holder does.</summary>
    public static async Task<StaffSession> ActivateAsync(DiscretFactory app, string token, string password = "Quartz-Lagune-77-Vert!")
    {
        var session = new StaffSession(app.Anonymous());
        var response = await session.PostFormAsync("/activation", new() { ["jeton"] = token, ["Input.Password"] = password, ["Input.Confirmation"] = password },
            pageUrl: LinkMarker + token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }
}
