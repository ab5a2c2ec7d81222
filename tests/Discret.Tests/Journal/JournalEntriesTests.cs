using System.Net;
using System.Net.Http.Json;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Journal;

/// <summary>
/// Each kind of action writes exactly one journal entry, with who, which role, which file, what and from where —
/// and never a name or a text. Proven from the outside: HTTP requests as the staff would make them.
/// </summary>
[Collection(JournalCollection.Name)]
public class JournalEntriesTests(DiscretFactory app)
{
    private static readonly string Today = ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    private Task<long> HeadAsync() => app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.MaxAsync(e => (long?)e.Seq)).ContinueWith(t => t.Result ?? 0);

    /// <summary>The entries written since <paramref name="after"/>.</summary>
    private Task<List<JournalEntry>> SinceAsync(long after) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking().Where(e => e.Seq > after).OrderBy(e => e.Seq).ToListAsync());

    [Fact]
    public async Task Opening_a_file_writes_one_read_entry_naming_the_groups_read_and_nothing_of_their_content()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        var before = await HeadAsync();

        var page = await ts.Client.GetAsync($"/personnes/{file.PersonId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        var read = Assert.Single(await SinceAsync(before));
        Assert.Equal(JournalAction.Lecture, read.Action);
        Assert.Equal(file.PersonId, read.PersonId);
        Assert.Equal(worker.Id, read.AccountId);
        Assert.Equal(StaffRole.TravailleurSocial, read.Role);
        Assert.Equal("127.0.0.1", read.Address);
        Assert.Contains("Identite", read.Detail);
        Assert.Contains("Entretiens", read.Detail);
        Assert.Null(read.Purpose);
        Assert.Equal(32, read.Hash.Length);
        Assert.DoesNotContain(file.BirthName, read.Detail!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Reception_reads_are_journaled_with_only_the_groups_reception_may_read()
    {
        var reception = await app.CreateAccountAsync(StaffRole.Accueil);
        var session = await StaffSession.LoginAsync(app, reception);
        var file = await app.CreateCaseAsync(0, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var before = await HeadAsync();

        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync($"/api/v1/personnes/{file.PersonId}")).StatusCode);

        var read = Assert.Single(await SinceAsync(before));
        Assert.Equal(JournalAction.Lecture, read.Action);
        Assert.Contains("Identite", read.Detail);
        Assert.DoesNotContain("Entretiens", read.Detail);
        Assert.DoesNotContain("Accompagnement", read.Detail);
    }

    [Fact]
    public async Task A_search_writes_one_entry_with_the_number_of_results_and_never_the_terms()
    {
        var reception = await app.CreateAccountAsync(StaffRole.Accueil);
        var session = await StaffSession.LoginAsync(app, reception);
        var file = await app.CreateCaseAsync(0, birthName: "Journalsearchname");
        var before = await HeadAsync();

        var response = await session.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name = "Journalsearchname" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var search = Assert.Single(await SinceAsync(before));
        Assert.Equal(JournalAction.Recherche, search.Action);
        Assert.Equal("1 résultat(s)", search.Detail);
        Assert.Null(search.PersonId);
        Assert.Equal(reception.Id, search.AccountId);
    }

    [Fact]
    public async Task A_write_is_journaled_once_and_a_refused_write_leaves_no_entry()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        var before = await HeadAsync();

        var invalid = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens", new { kind = "Permanence", source = "Personne" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Empty(await SinceAsync(before));

        var saved = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", summary = "Point sur le dossier de logement.", source = "Personne" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var write = Assert.Single(await SinceAsync(before));
        Assert.Equal(JournalAction.Ecriture, write.Action);
        Assert.Equal(file.PersonId, write.PersonId);
        Assert.Equal("entretien: Entretiens", write.Detail);
        Assert.DoesNotContain("logement", write.Detail!);
    }

    [Fact]
    public async Task A_confirmed_warning_is_journaled_with_the_field_and_category_never_the_text()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        var before = await HeadAsync();

        var saved = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", summary = "Madame dit être dépressive depuis la séparation.", source = "Personne", confirmWarnings = true });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);

        var entries = await SinceAsync(before);
        var warning = Assert.Single(entries, e => e.Action == JournalAction.AvertissementConfirme);
        Assert.Equal(file.PersonId, warning.PersonId);
        Assert.StartsWith("Summary:", warning.Detail);
        Assert.Contains("Health", warning.Detail);
        Assert.DoesNotContain("dépressive", warning.Detail!);
        Assert.Single(entries, e => e.Action == JournalAction.Ecriture);
    }

    [Fact]
    public async Task Asking_for_a_file_out_of_reach_answers_404_and_journals_the_refused_attempt()
    {
        var outsider = await app.CreateAccountAsync(StaffRole.Accueil, circonscription: 1);
        var session = await StaffSession.LoginAsync(app, outsider);
        var file = await app.CreateCaseAsync(0);
        var before = await HeadAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/personnes/{Guid.NewGuid()}")).StatusCode);

        var refusal = Assert.Single(await SinceAsync(before));
        Assert.Equal(JournalAction.AccesRefuse, refusal.Action);
        Assert.Equal(file.PersonId, refusal.PersonId);
        Assert.Equal(outsider.Id, refusal.AccountId);
    }

    [Fact]
    public async Task Sign_in_sign_out_and_each_kind_of_failure_write_one_entry_each()
    {
        var account = await app.CreateAccountAsync(StaffRole.Secretariat);

        var before = await HeadAsync();
        var wrongPassword = new StaffSession(app.Anonymous());
        await wrongPassword.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = "pas le bon" });
        var failure = Assert.Single(await SinceAsync(before));
        Assert.Equal(JournalAction.EchecConnexion, failure.Action);
        Assert.Equal(account.Id, failure.AccountId);
        Assert.Null(failure.PersonId);

        before = await HeadAsync();
        var unknown = new StaffSession(app.Anonymous());
        await unknown.PostFormAsync("/connexion", new() { ["Input.Login"] = "personne.inconnue", ["Input.Password"] = "pas le bon" });
        var anonymous = Assert.Single(await SinceAsync(before));
        Assert.Equal(JournalAction.EchecConnexion, anonymous.Action);
        Assert.Null(anonymous.AccountId);
        Assert.DoesNotContain("inconnue", anonymous.Detail ?? "");

        before = await HeadAsync();
        var wrongCode = new StaffSession(app.Anonymous());
        await wrongCode.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        await wrongCode.PostFormAsync("/connexion/code", new() { ["Input.Code"] = account.CurrentCode() == "000000" ? "111111" : "000000" });
        var secondFactor = Assert.Single(await SinceAsync(before));
        Assert.Equal(JournalAction.EchecSecondFacteur, secondFactor.Action);
        Assert.Equal(account.Id, secondFactor.AccountId);

        before = await HeadAsync();
        var session = await StaffSession.LoginAsync(app, account);
        var signIn = Assert.Single(await SinceAsync(before));
        Assert.Equal(JournalAction.Connexion, signIn.Action);
        Assert.Equal(StaffRole.Secretariat, signIn.Role);

        before = await HeadAsync();
        await session.PostFormAsync("/deconnexion", new(), "/deconnexion");
        var signOut = Assert.Single(await SinceAsync(before));
        Assert.Equal(JournalAction.Deconnexion, signOut.Action);
        Assert.Equal(account.Id, signOut.AccountId);
    }

    [Fact]
    public async Task A_change_of_role_is_journaled_with_the_account_concerned()
    {
        var admin = await StaffSession.LoginAsDemoAsync(app, StaffRole.AdminTechnique);
        var target = await app.CreateAccountAsync(StaffRole.Accueil);
        var circonscription = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Users.Where(u => u.Id == target.Id).Select(u => u.CirconscriptionId).SingleAsync());
        var before = await HeadAsync();

        var response = await admin.ApiSendAsync(HttpMethod.Put, $"/api/v1/admin/comptes/{target.Id}/affectation",
            new { role = "Secretariat", circonscriptionId = circonscription });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        // The change itself, and the request for its confirmation (separation of duties: the account reaches nothing until then).
        var entries = await SinceAsync(before);
        Assert.Equal([JournalAction.ChangementRole, JournalAction.DemandeCompte], entries.Select(e => e.Action).ToArray());
        var change = entries[0];
        Assert.Equal(target.Id, change.Reference);
        Assert.Equal(StaffRole.AdminTechnique, change.Role);
        Assert.Equal("rôle: Accueil -> Secretariat", change.Detail);
        Assert.Equal(target.Id, entries[1].Reference);
        Assert.Equal(nameof(AccountRequestKind.Affectation), entries[1].Purpose);
    }

    [Fact]
    public async Task No_journal_entry_holds_a_persons_name_after_a_day_of_work()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker, birthName: "Nomquinedoitpasfuir");
        await ts.Client.GetAsync($"/personnes/{file.PersonId}");
        await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name = "Nomquinedoitpasfuir" });
        await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", summary = "Nomquinedoitpasfuir est venue avec sa fille.", source = "Personne" });
        await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/notes", new { text = "Rappeler Nomquinedoitpasfuir jeudi." });

        var texts = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .Select(e => (e.Detail ?? "") + "|" + (e.Purpose ?? "") + "|" + (e.Address ?? "")).ToListAsync());
        Assert.True(texts.Count >= 4);
        Assert.DoesNotContain(texts, t => t.Contains("Nomquinedoitpasfuir", StringComparison.OrdinalIgnoreCase));
    }
}
