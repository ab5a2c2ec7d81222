using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Mandates;
using Discret.Domain.Organisation;
using Discret.Tests.Accompagnements;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Discret.Tests.Mandats.MandateScenario;

namespace Discret.Tests.Mandats;

/// <summary>
/// The département chooses the domains its mandates offer (the form shows only those, the use case refuses the others,
/// mandates already signed keep theirs); the team prints, on the person's request, the list of the procedures done in her
/// name under all her mandates; no one else reaches it.
/// </summary>
[Collection(FollowUpsCollection.Name)]
public class MandateDomainsAndProceduresTests(DiscretFactory app)
{
    private Task OfferAsync(params ProcedureDomain[] domains) => app.WithDbAsync(async db =>
    {
        var settings = await db.DepartementSettings.SingleAsync();
        settings.OfferDomains(domains);
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task The_administrator_chooses_the_domains_offered_and_a_mandate_for_another_domain_is_refused()
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var settings = await app.DbAsync(db => db.DepartementSettings.AsNoTracking().SingleAsync());
        List<KeyValuePair<string, string>> Form(params ProcedureDomain[] domains) =>
        [
            new("Input.Name", settings.Name), new("Input.PrimaryColor", settings.PrimaryColor), new("Input.ControllerName", settings.ControllerName),
            new("Input.DpoContact", settings.DpoContact), new("Input.PostalAddress", settings.PostalAddress.Length > 0 ? settings.PostalAddress : "1 place de la Préfecture, 99000 Valmont"),
            new("Input.Accessibility", settings.AccessibilityStatus.ToString()), .. domains.Select(d => new KeyValuePair<string, string>("Input.OfferedDomains", d.ToString())),
        ];
        var w = await app.WorkerAsync();
        var signed = await w.CreateMandateAsync(app); // Social and Logement, before the choice
        await w.SignAsync(app, signed);
        try
        {
            var none = await admin.PostFormAsync("/administration/departement", Form());
            Assert.Equal(HttpStatusCode.OK, none.StatusCode);
            Assert.Contains("Cochez au moins un domaine de démarches", await none.TextAsync());
            Assert.Equal(Enum.GetValues<ProcedureDomain>().Length, (await app.DbAsync(db => db.DepartementSettings.AsNoTracking().SingleAsync())).OfferedDomains.Count);

            var page = await admin.PageTextAsync("/administration/departement");
            Assert.Contains("Domaines de démarches en ligne proposés dans les mandats", page);
            Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/administration/departement",
                Form(ProcedureDomain.Social, ProcedureDomain.Travail, ProcedureDomain.Argent))).StatusCode);
            Assert.Equal([ProcedureDomain.Social, ProcedureDomain.Travail, ProcedureDomain.Argent],
                (await app.DbAsync(db => db.DepartementSettings.AsNoTracking().SingleAsync())).OfferedDomains);

            // The form offers only the chosen domains; a renewal does not carry over a domain no longer offered.
            var form = await w.Session.PageTextAsync($"/personnes/{w.File.PersonId}/mandats/nouveau");
            Assert.Contains("Organismes concernés — Travail, formation", form);
            Assert.DoesNotContain("Organismes concernés — Logement", form);
            var renewal = await w.Session.PageTextAsync($"/personnes/{w.File.PersonId}/mandats/nouveau?renouvelle={signed}");
            Assert.DoesNotContain("Organismes concernés — Logement", renewal);
            Assert.Contains("Organismes concernés — Social, santé", renewal);

            // The use case refuses a domain not offered, on the API as on the form, and saves nothing.
            var before = await app.DbAsync(db => db.Mandates.CountAsync(m => m.PersonId == w.File.PersonId));
            var refused = await w.Session.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{w.File.PersonId}/mandats",
                Body(w.File.FollowUpId!.Value, [w.Account.Id], app.ParisToday()));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("ne propose pas le domaine « Logement »", problem.GetProperty("errors").GetProperty("authorisations[1].Domain")[0].GetString());
            var posted = await w.Session.PostFormAsync($"/personnes/{w.File.PersonId}/mandats/nouveau", FollowUpScenario.Form([
                ("Input.FollowUpId", w.File.FollowUpId!.Value.ToString()), ("Input.Mandataires", w.Account.Id.ToString()),
                .. Enumerable.Range(0, Enum.GetValues<ProcedureDomain>().Length).Select(i => ($"Input.Authorisations[{i}].Selected", i == 4 ? "true" : "false")),
                ("Input.Authorisations[4].Organisations", "BailleurSocial"),
                ("Input.DataKinds", "Ressources"), ("Input.StartsOn", Day(app.ParisToday())), ("Input.Duration", "jour"), ("Input.Protection", "Aucune")]));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            Assert.Contains("ne propose pas le domaine « Logement »", await posted.TextAsync());
            Assert.Equal(before, await app.DbAsync(db => db.Mandates.CountAsync(m => m.PersonId == w.File.PersonId)));
            // The form as the browser sends it (hidden boxes for the domains not offered): a mandate for Travail is prepared.
            var saved = await w.Session.PostFormAsync($"/personnes/{w.File.PersonId}/mandats/nouveau", FollowUpScenario.Form([
                ("Input.FollowUpId", w.File.FollowUpId!.Value.ToString()), ("Input.Mandataires", w.Account.Id.ToString()),
                .. Enumerable.Range(0, Enum.GetValues<ProcedureDomain>().Length).Select(i => ($"Input.Authorisations[{i}].Selected", i == 3 ? "true" : "false")),
                ("Input.Authorisations[3].Organisations", "FranceTravail"),
                ("Input.DataKinds", "Ressources"), ("Input.StartsOn", Day(app.ParisToday())), ("Input.Duration", "jour"), ("Input.Protection", "Aucune")]));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal(before + 1, await app.DbAsync(db => db.Mandates.CountAsync(m => m.PersonId == w.File.PersonId)));

            // The mandate signed before the choice keeps its Logement authorisation: a procedure under it is recorded.
            var done = await w.Session.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{w.File.FollowUpId}/aides-numeriques", new
            {
                level = "JeFaisALaPlaceDe", occurredOn = Day(app.ParisToday()), mandateId = signed, domain = "Logement", organisation = "BailleurSocial",
                procedure = "DepotDeJustificatif", outcome = "Aboutie",
            });
            Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        }
        finally
        {
            await OfferAsync(Enum.GetValues<ProcedureDomain>());
        }
    }

    [Fact]
    public async Task The_team_prints_the_procedures_done_in_the_persons_name_under_each_of_her_mandates()
    {
        var w = await app.WorkerAsync();
        var url = $"/personnes/{w.File.PersonId}/mandats/demarches.pdf";
        var first = await w.CreateMandateAsync(app);
        await w.SignAsync(app, first);
        var second = await w.CreateMandateAsync(app, Body(w.File.FollowUpId!.Value, [w.Account.Id], app.ParisToday(),
            authorisations: [new { domain = "Argent", organisations = new[] { "ImpotsGouv" } }], oneDay: true));
        await w.SignAsync(app, second);
        async Task DoAsync(Guid mandate, string domain, string organisation, string procedure, string outcome)
        {
            var response = await w.Session.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{w.File.FollowUpId}/aides-numeriques", new
            {
                level = "JeFaisALaPlaceDe", occurredOn = Day(app.ParisToday()), mandateId = mandate, domain, organisation, procedure, outcome,
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        await DoAsync(first, "Social", "Caf", "DeclarationDeRessources", "Aboutie");
        await DoAsync(first, "Logement", "BailleurSocial", "DepotDeJustificatif", "EnCours");
        await DoAsync(second, "Argent", "ImpotsGouv", "TelechargementDAttestation", "Aboutie");
        Assert.Contains("Imprimer les démarches faites en son nom", await w.Session.PageTextAsync($"/personnes/{w.File.PersonId}"));

        var response = await w.Session.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "discret-demarches-test.pdf"), bytes);
        var text = string.Join(" ", PdfText.Of(bytes).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Démarches faites en votre nom", text);
        Assert.Contains(w.File.BirthName, text);
        // Table cells wrap: each procedure's distinctive words, and each mandate's authorised domains.
        foreach (var expected in new[] { "Déclaration", "ressources", "justificatif", "Téléchargement", "attestation", "impots.gouv", "Bailleur social", "aboutie",
                     "Domaines autorisés Social, santé ; Logement", "Domaines autorisés Argent, impôts, consommation" })
            Assert.Contains(expected, text);
        var codes = await app.DbAsync(db => db.Mandates.Where(m => m.PersonId == w.File.PersonId).Select(m => m.Code).ToListAsync());
        Assert.All(codes, code => Assert.Contains(Mandate.FormatCode(code), text));
        // The same list through the API, and the print journaled as an export of the file (no content in the entry).
        Assert.Equal(HttpStatusCode.OK, (await w.Session.Client.GetAsync($"/api/v1/personnes/{w.File.PersonId}/mandats/demarches")).StatusCode);
        var exports = await app.DbAsync(db => db.JournalEntries.AsNoTracking().Where(e => e.PersonId == w.File.PersonId && e.Action == JournalAction.Export).ToListAsync());
        Assert.Equal(2, exports.Count(e => e.Detail == "démarches faites au nom de la personne (PDF)"));
    }

    [Fact]
    public async Task Reception_and_accounts_outside_the_team_do_not_reach_the_list_of_procedures()
    {
        var w = await app.WorkerAsync();
        await w.CreateMandateAsync(app);
        var url = $"/personnes/{w.File.PersonId}/mandats/demarches.pdf";
        foreach (var role in new[] { StaffRole.Accueil, StaffRole.Secretariat, StaffRole.TravailleurSocial, StaffRole.Dpo })
        {
            var other = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/personnes/{w.File.PersonId}/mandats/demarches")).StatusCode);
        }
        Assert.DoesNotContain("Imprimer les démarches faites en son nom",
            await (await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil))).PageTextAsync($"/personnes/{w.File.PersonId}"));
    }

    [Fact]
    public async Task An_unknown_domain_name_in_the_setting_is_ignored()
    {
        Assert.Equal([ProcedureDomain.Famille, ProcedureDomain.Loisirs], DepartementSettings.ParseDomains("Loisirs, Famille,Inconnu,,42,Famille"));
        Assert.Empty(DepartementSettings.ParseDomains(""));
    }
}
