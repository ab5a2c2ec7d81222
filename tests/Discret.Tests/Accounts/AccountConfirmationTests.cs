using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Organisation;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accounts.AccountRequestScenario;
using Discret.Tests.Accompagnements;

namespace Discret.Tests.Accounts;

/// <summary>
/// Separation of duties (issue 15 §1), from the outside: the technical administrator creates, resets and reassigns
/// accounts but never receives an activation link and cannot give access to a file; a head of the account's
/// circonscription — or the DPO for the other roles and for a circonscription without a head — confirms and alone receives
/// the link; everyone else gets 404. The holder is told of a reset at the next login, the DPO of every reset and change
/// of role, each step is journaled, and many resets raise an alert.
/// </summary>
[Collection(AccountsCollection.Name)]
public partial class AccountConfirmationTests(DiscretFactory app)
{
    [GeneratedRegex("id=\"secret-key\">([A-Z2-7 ]+)<")]
    private static partial Regex SecretKey();

    private async Task<StaffSession> AdminAsync() => await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));

    private Task<List<JournalEntry>> JournalAsync(Guid accountId) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking().Where(e => e.Reference == accountId).OrderBy(e => e.Seq).ToListAsync());

    private Task<List<Notification>> NotificationsAsync(Guid recipientId) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Notifications.AsNoTracking().Where(n => n.RecipientId == recipientId).ToListAsync());

    private Task<StaffAccount> AccountAsync(Guid id) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == id));

    /// <summary>After an activation: the second factor enrolled again (its new secret), then home.</summary>
    private static async Task EnrolAsync(StaffSession session)
    {
        var secret = SecretKey().Match(await session.Client.GetStringAsync("/compte/double-authentification")).Groups[1].Value.Replace(" ", "");
        var enrolled = await session.PostFormAsync("/compte/double-authentification", new() { ["Input.Code"] = StaffSession.CodeFor(secret) });
        Assert.Equal("/compte/codes-de-secours", enrolled.Headers.Location?.OriginalString);
        await session.Client.GetStringAsync("/compte/codes-de-secours");
    }

    [Fact]
    public async Task The_admin_never_sees_an_activation_link_in_the_pages_the_api_answers_or_the_logs()
    {
        var admin = await AdminAsync();
        await app.CreateAccountAsync(StaffRole.ResponsableCirconscription, circonscription: 0);
        var (id, created) = await CreateThroughApiAsync(admin, StaffRole.TravailleurSocial);
        Assert.DoesNotContain("jeton", created);
        Assert.DoesNotContain("activationLink", created);
        Assert.Contains("responsable de la circonscription", JsonDocument.Parse(created).RootElement.GetProperty("awaitingConfirmationBy").GetString());
        var accountPage = WebUtility.HtmlDecode(await admin.Client.GetStringAsync($"/administration/comptes/{id}"));
        Assert.DoesNotContain(LinkMarker, accountPage);
        Assert.Contains("attend la confirmation de la ou le responsable de la circonscription", accountPage);

        var existing = await app.CreateAccountAsync(StaffRole.Secretariat);
        var reset = await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{existing.Id}/reinitialisation");
        Assert.Equal(HttpStatusCode.Accepted, reset.StatusCode);
        Assert.DoesNotContain("jeton", await reset.Content.ReadAsStringAsync());
        var other = await app.CreateAccountAsync(StaffRole.Accueil);
        var resetPage = await admin.PostFormAsync($"/administration/comptes/{other.Id}?handler=Reset", new(), pageUrl: $"/administration/comptes/{other.Id}");
        Assert.Equal(HttpStatusCode.Redirect, resetPage.StatusCode);
        var afterReset = WebUtility.HtmlDecode(await admin.Client.GetStringAsync(resetPage.Headers.Location!.OriginalString));
        Assert.DoesNotContain(LinkMarker, afterReset);
        Assert.Contains("Réinitialisation demandée. Elle attend la confirmation de", afterReset);
        // Nothing changed yet: the holder still signs in with her password and second factor.
        await StaffSession.LoginAsync(app, other);

        // The link exists — for the confirmer — and is in no log line.
        var token = await ConfirmAsync(await ConfirmerAsync(app, StaffRole.TravailleurSocial), id);
        Assert.NotNull(token);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(token!));
        Assert.DoesNotContain(LinkMarker, WebUtility.HtmlDecode(await admin.Client.GetStringAsync($"/administration/comptes/{id}")));
    }

    [Fact]
    public async Task An_account_whose_new_role_awaits_confirmation_reaches_no_file_until_its_head_confirms()
    {
        var reception = await app.CreateAccountAsync(StaffRole.Accueil);
        var file = await app.CreateCaseAsync(0);
        var before = await StaffSession.LoginAsync(app, reception);
        Assert.Equal(HttpStatusCode.OK, (await before.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);

        var admin = await AdminAsync();
        var circonscription = (await admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/circonscriptions"))[0].GetProperty("id").GetGuid();
        var change = await admin.ApiSendAsync(HttpMethod.Put, $"/api/v1/admin/comptes/{reception.Id}/affectation", new { role = "Secretariat", circonscriptionId = circonscription });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        var awaiting = await StaffSession.LoginAsync(app, reception);
        Assert.Equal(HttpStatusCode.NotFound, (await awaiting.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await awaiting.Client.GetAsync($"/api/v1/personnes/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await awaiting.Client.GetAsync("/personnes")).StatusCode);
        var home = WebUtility.HtmlDecode(await awaiting.Client.GetStringAsync("/"));
        Assert.Contains("D'ici là, vous n'avez accès à aucun dossier.", home);
        Assert.DoesNotContain("href=\"/personnes\"", home);

        await ConfirmAsync(await ConfirmerAsync(app, StaffRole.Secretariat), reception.Id);
        var confirmed = await StaffSession.LoginAsync(app, reception);
        Assert.Equal(HttpStatusCode.OK, (await confirmed.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        Assert.Contains("data-role-home=\"Secretariat\"", await confirmed.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_refused_change_of_role_leaves_the_account_in_its_former_role_with_its_access_and_a_reactivation_cannot_bring_it_back()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent: worker);
        var admin = await AdminAsync();
        var circonscriptions = await admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/circonscriptions");
        var first = circonscriptions[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.ApiSendAsync(HttpMethod.Put, $"/api/v1/admin/comptes/{worker.Id}/affectation",
            new { role = "ResponsableCirconscription", circonscriptionId = first })).StatusCode);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo)); // a head of circonscription is confirmed by the DPO
        Assert.Equal(HttpStatusCode.NoContent,
            (await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/comptes-a-confirmer/{await PendingRequestAsync(dpo, worker.Id)}/refus")).StatusCode);

        var account = await AccountAsync(worker.Id);
        Assert.Equal(StaffRole.TravailleurSocial, account.Role);
        Assert.True(account.HasConfirmedAccess);
        var back = await StaffSession.LoginAsync(app, worker);
        Assert.Equal(HttpStatusCode.OK, (await back.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await back.Client.GetAsync("/comptes-a-confirmer")).StatusCode);

        // Out of service and back: what awaits confirmation is the former role, never the refused one.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{worker.Id}/desactivation")).StatusCode);
        Assert.True((await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{worker.Id}/reactivation")).IsSuccessStatusCode);
        var reactivation = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().AccountRequests.AsNoTracking()
            .SingleAsync(r => r.AccountId == worker.Id && r.Outcome == null));
        Assert.Equal(StaffRole.TravailleurSocial, reactivation.Role);
    }

    [Fact]
    public async Task An_account_awaiting_its_confirmation_cannot_be_made_referent_or_co_worker_of_a_follow_up()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var awaiting = await app.CreateAccountAsync(StaffRole.TravailleurSocial, confirmed: false);
        var file = await app.CreateCaseAsync(0, worker);
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var version = await (await StaffSession.LoginAsync(app, worker)).ApiVersionAsync(file.FollowUpId!.Value);

        var asReferent = await head.ApiSendAsync(HttpMethod.Put, $"/api/v1/accompagnements/{file.FollowUpId}/equipe",
            new { version, referentId = awaiting.Id, coWorkerIds = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.BadRequest, asReferent.StatusCode);
        Assert.Contains("Ce référent ne peut pas être choisi", await asReferent.Content.ReadAsStringAsync());
        var asCoWorker = await head.ApiSendAsync(HttpMethod.Put, $"/api/v1/accompagnements/{file.FollowUpId}/equipe",
            new { version, referentId = worker.Id, coWorkerIds = new[] { awaiting.Id } });
        Assert.Equal(HttpStatusCode.BadRequest, asCoWorker.StatusCode);
        Assert.False(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().FollowUpMembers.AnyAsync(m => m.StaffAccountId == awaiting.Id)));
        Assert.DoesNotContain(awaiting.Id.ToString(), await head.Client.GetStringAsync($"/accompagnements/{file.FollowUpId}/equipe"));
    }

    [Fact]
    public async Task An_account_never_confirmed_gets_404_on_the_file_it_follows()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, confirmed: false);
        var file = await app.CreateCaseAsync(0, worker);
        var session = await StaffSession.LoginAsync(app, worker);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/accompagnements/{file.FollowUpId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync("/acces-exceptionnel")).StatusCode);
        var search = await session.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name = file.BirthName });
        Assert.Equal(HttpStatusCode.NotFound, search.StatusCode);
    }

    [Fact]
    public async Task The_head_of_circonscription_confirms_a_creation_on_her_page_and_alone_receives_the_link_once()
    {
        var admin = await AdminAsync();
        var headAccount = await app.CreateAccountAsync(StaffRole.ResponsableCirconscription, circonscription: 0);
        var head = await StaffSession.LoginAsync(app, headAccount);
        var (id, _) = await CreateThroughApiAsync(admin, StaffRole.TravailleurSocial);

        var home = WebUtility.HtmlDecode(await head.Client.GetStringAsync("/"));
        Assert.Contains("href=\"/comptes-a-confirmer\"", home);
        var list = await head.Client.GetStringAsync("/comptes-a-confirmer");
        var requestId = (await PendingRequestAsync(head, id))!.Value;
        Assert.Contains($"data-request=\"{requestId}\"", list);
        Assert.Contains(await NotificationsAsync(headAccount.Id), n => n.Kind == NotificationKind.CompteAConfirmer && n.AccountRequestId == requestId);

        var confirmed = await head.PostFormAsync("/comptes-a-confirmer?handler=Confirm", new() { ["requestId"] = requestId.ToString() }, pageUrl: "/comptes-a-confirmer");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var html = WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync());
        var link = Regex.Match(html, "data-activation-link>([^<]+)<").Groups[1].Value;
        Assert.Contains(LinkMarker, link);
        Assert.Equal("no-store", confirmed.Headers.CacheControl?.ToString());
        Assert.DoesNotContain(LinkMarker, await head.Client.GetStringAsync("/comptes-a-confirmer"));

        var holder = await ActivateAsync(app, TokenOf(link));
        await EnrolAsync(holder);
        var entries = await JournalAsync(id);
        Assert.Contains(entries, e => e.Action == JournalAction.DemandeCompte && e.Purpose == nameof(AccountRequestKind.Creation));
        Assert.Contains(entries, e => e.Action == JournalAction.ConfirmationCompte && e.Purpose == nameof(AccountRequestKind.Creation) && e.Role == StaffRole.ResponsableCirconscription);
        Assert.Contains(entries, e => e.Action == JournalAction.ActivationCompte && e.AccountId == id);
        Assert.NotNull((await AccountAsync(id)).AccessConfirmedAt);
    }

    [Fact]
    public async Task A_head_of_another_circonscription_the_dpo_and_every_other_role_get_404_on_a_request_of_a_team()
    {
        var admin = await AdminAsync();
        await app.CreateAccountAsync(StaffRole.ResponsableCirconscription, circonscription: 0);
        var (id, _) = await CreateThroughApiAsync(admin, StaffRole.Accueil);
        var requestId = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().AccountRequests.Where(r => r.AccountId == id).Select(r => r.Id).SingleAsync());
        var outsiders = new List<StaffSession>
        {
            await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription, circonscription: 1)),
            await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo)),
            admin,
        };
        foreach (var role in new[] { StaffRole.Accueil, StaffRole.Secretariat, StaffRole.TravailleurSocial, StaffRole.Direction })
            outsiders.Add(await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role)));
        foreach (var outsider in outsiders)
        {
            foreach (var action in new[] { "confirmation", "refus" })
                Assert.Equal(HttpStatusCode.NotFound, (await outsider.ApiSendAsync(HttpMethod.Post, $"/api/v1/comptes-a-confirmer/{requestId}/{action}")).StatusCode);
            var page = await outsider.Client.GetAsync("/comptes-a-confirmer");
            if (page.StatusCode == HttpStatusCode.OK)
            {
                Assert.DoesNotContain(requestId.ToString(), await page.Content.ReadAsStringAsync());
                var forged = await outsider.PostFormAsync("/comptes-a-confirmer?handler=Confirm", new() { ["requestId"] = requestId.ToString() }, pageUrl: "/comptes-a-confirmer");
                Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
            }
            else Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }
        await app.WithDbAsync(async db => Assert.True((await db.AccountRequests.SingleAsync(r => r.Id == requestId)).IsPending));
        Assert.Null((await AccountAsync(id)).ActivationTokenHash);
    }

    [Fact]
    public async Task The_dpo_confirms_the_roles_outside_a_team_and_the_team_of_a_circonscription_without_a_head()
    {
        var admin = await AdminAsync();
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription, circonscription: 0));
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var (direction, answer) = await CreateThroughApiAsync(admin, StaffRole.Direction);
        Assert.Contains("délégué à la protection des données", JsonDocument.Parse(answer).RootElement.GetProperty("awaitingConfirmationBy").GetString());
        Assert.Null(await PendingRequestAsync(head, direction));
        Assert.NotNull(await ConfirmAsync(dpo, direction));

        // A circonscription of its own, with no head yet.
        var lonely = new Circonscription("Sans-Responsable-" + Guid.NewGuid().ToString("N")[..6]);
        await app.WithDbAsync(async db => { db.Circonscriptions.Add(lonely); await db.SaveChangesAsync(); });
        var create = await admin.ApiSendAsync(HttpMethod.Post, "/api/v1/admin/comptes",
            new { login = "isole." + Guid.NewGuid().ToString("N")[..8], displayName = "Agent Isolé", role = "Accueil", circonscriptionId = lonely.Id });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var isolated = (await create.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Null(await PendingRequestAsync(head, isolated));
        Assert.NotNull(await ConfirmAsync(dpo, isolated));
    }

    [Fact]
    public async Task A_reset_produces_its_link_for_the_confirmer_and_the_holder_is_told_when_and_at_whose_request_at_the_next_login()
    {
        var adminAccount = await app.CreateAccountAsync(StaffRole.AdminTechnique);
        var admin = await StaffSession.LoginAsync(app, adminAccount);
        var dpo = await app.CreateAccountAsync(StaffRole.Dpo);
        var holder = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var head = await ConfirmerAsync(app, StaffRole.TravailleurSocial);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{holder.Id}/reinitialisation")).StatusCode);
        var again = await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{holder.Id}/reinitialisation");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode); // one request at a time

        // The DPO is told of every reset.
        var told = Assert.Single(await NotificationsAsync(dpo.Id), n => n.Kind == NotificationKind.DemandeSurCompte);
        Assert.Equal(adminAccount.Id, told.ActorId);
        var dpoInbox = WebUtility.HtmlDecode(await (await StaffSession.LoginAsync(app, dpo)).Client.GetStringAsync("/notifications"));
        Assert.Contains("Agent de test " + adminAccount.Login + " (administrateur technique) a demandé : réinitialisation", dpoInbox);

        var token = await ConfirmAsync(head, holder.Id);
        Assert.NotNull(token);
        var stale = new StaffSession(app.Anonymous());
        var oldPassword = await stale.PostFormAsync("/connexion", new() { ["Input.Login"] = holder.Login, ["Input.Password"] = holder.Password });
        Assert.NotEqual("/connexion/code", oldPassword.Headers.Location?.OriginalString); // the password is gone

        var session = await ActivateAsync(app, token!);
        await EnrolAsync(session);
        var resetAt = (await AccountAsync(holder.Id)).ResetAt!.Value;
        var home = WebUtility.HtmlDecode(await session.Client.GetStringAsync("/"));
        Assert.Contains($"Votre compte a été réinitialisé le {ParisTime.DayAtTime(resetAt)} à la demande de Agent de test {adminAccount.Login} (administrateur technique).", home);

        var entries = await JournalAsync(holder.Id);
        Assert.Contains(entries, e => e.Action == JournalAction.DemandeCompte && e.Purpose == nameof(AccountRequestKind.Reinitialisation) && e.AccountId == adminAccount.Id);
        Assert.Contains(entries, e => e.Action == JournalAction.ConfirmationCompte && e.Purpose == nameof(AccountRequestKind.Reinitialisation));
        Assert.Contains(entries, e => e.Action == JournalAction.ActivationCompte);
    }

    [Fact]
    public async Task A_change_of_role_is_told_to_the_dpo_and_a_refused_creation_leaves_the_account_deactivated()
    {
        var admin = await AdminAsync();
        var dpo = await app.CreateAccountAsync(StaffRole.Dpo);
        var target = await app.CreateAccountAsync(StaffRole.Accueil);
        var circonscription = (await admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/circonscriptions"))[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.ApiSendAsync(HttpMethod.Put, $"/api/v1/admin/comptes/{target.Id}/affectation",
            new { role = "TravailleurSocial", circonscriptionId = circonscription })).StatusCode);
        var requestId = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().AccountRequests.Where(r => r.AccountId == target.Id).Select(r => r.Id).SingleAsync());
        Assert.Contains(await NotificationsAsync(dpo.Id), n => n.Kind == NotificationKind.DemandeSurCompte && n.AccountRequestId == requestId);

        var head = await ConfirmerAsync(app, StaffRole.Accueil);
        var (created, _) = await CreateThroughApiAsync(admin, StaffRole.Accueil);
        var refused = await head.ApiSendAsync(HttpMethod.Post, $"/api/v1/comptes-a-confirmer/{await PendingRequestAsync(head, created)}/refus");
        Assert.Equal(HttpStatusCode.NoContent, refused.StatusCode);
        var account = await AccountAsync(created);
        Assert.False(account.IsActive);
        Assert.Null(account.ActivationTokenHash);
        Assert.Contains(await JournalAsync(created), e => e.Action == JournalAction.RefusCompte && e.Purpose == nameof(AccountRequestKind.Creation));
        Assert.Contains("refusée le", WebUtility.HtmlDecode(await admin.Client.GetStringAsync($"/administration/comptes/{created}")));
    }

    [Fact]
    public async Task More_resets_than_the_threshold_in_a_week_raise_an_alert_for_the_dpo()
    {
        var adminAccount = await app.CreateAccountAsync(StaffRole.AdminTechnique);
        var admin = await StaffSession.LoginAsync(app, adminAccount);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var alert = $"data-alert=\"Reinitialisations\" data-account=\"{adminAccount.Id}\"";
        for (var i = 0; i < 3; i++)
            await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{(await app.CreateAccountAsync(StaffRole.Secretariat)).Id}/reinitialisation");
        Assert.DoesNotContain(alert, await dpo.Client.GetStringAsync("/tracabilite/alertes")); // 3: the threshold, not beyond
        await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{(await app.CreateAccountAsync(StaffRole.Secretariat)).Id}/reinitialisation");
        var page = WebUtility.HtmlDecode(await dpo.Client.GetStringAsync("/tracabilite/alertes"));
        Assert.Contains(alert, page);
        Assert.Contains("4 réinitialisations de comptes demandées sur la période ; seuil : 3", page);
    }
}

/// <summary>
/// The server's operator confirms (command <c>confirm-account</c>) only what nobody in the application may confirm: here an
/// installation whose DPOs are all deactivated. An application of its own, since it deactivates every DPO.
/// </summary>
public sealed class OperatorConfirmationTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_operator_confirms_only_when_nobody_in_the_application_may()
    {
        var circonscription = await _app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync());
        async Task<Web.Shared.Result<Web.Features.ComptesAConfirmer.AccountConfirmations.Confirmed>> CreateAndConfirmAsync(StaffRole role) =>
            await _app.WithAsync(async sp =>
            {
                var login = "exploit." + Guid.NewGuid().ToString("N")[..8];
                var created = await sp.GetRequiredService<Web.Features.Administration.Comptes.AccountCommands>().CreateAsync(login, "Agent Exploitant", role, circonscription, null);
                Assert.True(created.Succeeded);
                return await sp.GetRequiredService<Web.Features.ComptesAConfirmer.AccountConfirmations>().ConfirmAsOperatorAsync(login);
            });

        var refused = await CreateAndConfirmAsync(StaffRole.Dpo); // the demo DPO confirms it in the application
        Assert.Equal(Web.Shared.ResultStatus.Refused, refused.Status);
        Assert.Contains("délégué à la protection des données", refused.Message);

        await _app.WithDbAsync(db => db.Users.Where(u => u.Role == StaffRole.Dpo).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        var confirmed = await CreateAndConfirmAsync(StaffRole.Dpo);
        Assert.True(confirmed.Succeeded);
        Assert.NotNull(confirmed.Value.Token);
        await _app.WithDbAsync(async db => Assert.True(await db.JournalEntries.AnyAsync(e =>
            e.Action == JournalAction.ConfirmationCompte && e.Reference == confirmed.Value.AccountId && e.AccountId == null)));
    }
}
