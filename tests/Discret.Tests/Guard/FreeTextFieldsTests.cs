using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Web.Features.Garde;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Guard;

/// <summary>
/// Every free-text field of the data catalogue goes through the sobriety guard, seen from the outside: a social worker
/// sends a valid NIR through the app and nothing is saved. Warned words are saved only once confirmed.
/// </summary>
[Collection(PersonsCollection.Name)]
public class FreeTextFieldsTests(DiscretFactory app)
{
    /// <summary>A fictional NIR whose key is computed to be valid.</summary>
    private static readonly string Nir = MakeNir("2870691123045");

    private static string MakeNir(string body)
    {
        var key = 97 - long.Parse(body) % 97;
        var nir = body + key.ToString("00");
        Assert.True(Checksums.IsValidNir(nir));
        return $"{nir[0]} {nir[1..3]} {nir[3..5]} {nir[5..7]} {nir[7..10]} {nir[10..13]} {nir[13..]}";
    }

    private sealed record Probe(Func<StaffSession, TestCase, Task<HttpResponseMessage>> Send, string ErrorField, Func<TestCase, Task<bool>> NothingSaved);

    /// <summary>The worker of the probes (named in a mandate).</summary>
    private Guid _worker;

    /// <summary>The person of the break-glass probe (a file of the worker's circonscription that they do not follow).</summary>
    private Guid _breakGlassPerson;

    private Dictionary<string, Probe> Probes() => new()
    {
        ["BreakGlassAccess.Justification"] = new(
            async (ts, c) =>
            {
                _breakGlassPerson = (await app.CreateCaseAsync(0)).PersonId;
                return await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/acces-exceptionnel",
                    new { personId = _breakGlassPerson, reason = "Remplacement", justification = $"Remplacement de la référente, NIR {Nir}." });
            },
            "justification", c => app.WithAsync(async sp => !await sp.GetRequiredService<DiscretDbContext>().BreakGlassAccesses.AnyAsync(b => b.PersonId == _breakGlassPerson))),
        ["Interview.Summary"] = new(
            (ts, c) => ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{c.FollowUpId}/entretiens",
                new { occurredOn = Today, kind = "Permanence", summary = $"Dossier CSS : numéro {Nir}.", source = "Personne" }),
            "summary", c => OneInterviewAsync(c)),
        ["InterviewRevision.Previous"] = new(
            async (ts, c) =>
            {
                var id = await InterviewOfAsync(c);
                var version = (await ts.Client.GetFromJsonAsync<JsonElement>($"/api/v1/entretiens/{id}")).GetProperty("version").GetInt32();
                return await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/entretiens/{id}", new { version, summary = $"Dossier CSS : numéro {Nir}." });
            },
            "summary", c => app.WithAsync(async sp => !await sp.GetRequiredService<DiscretDbContext>().InterviewRevisions.AnyAsync(r => r.PersonId == c.PersonId))),
        ["InterviewAddendum.Text"] = new(
            async (ts, c) => await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/entretiens/{await InterviewOfAsync(c)}/complements", new { text = $"Attestation CSS : NIR {Nir}." }),
            "text", c => app.WithAsync(async sp => !await sp.GetRequiredService<DiscretDbContext>().InterviewAddenda.AnyAsync(a => a.PersonId == c.PersonId))),
        ["Interview.Provenance.PartnerName"] = new(
            (ts, c) => ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{c.FollowUpId}/entretiens",
                new { occurredOn = Today, kind = "Permanence", source = "Partenaire", partnerName = $"CCAS {Nir}" }),
            "partnerName", c => OneInterviewAsync(c)),
        ["FollowUp.Provenance.PartnerName"] = new(
            async (ts, c) =>
            {
                var current = await ts.Client.GetFromJsonAsync<JsonElement>($"/api/v1/accompagnements/{c.FollowUpId}");
                return await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/accompagnements/{c.FollowUpId}",
                    new { version = current.GetProperty("version").GetInt32(), motives = new[] { "Logement" }, source = "Partenaire", partnerName = $"CCAS {Nir}" });
            },
            "partnerName", c => app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().FollowUps.AnyAsync(f => f.Id == c.FollowUpId && f.Provenance.PartnerName == null))),
        ["Person.Provenance.PartnerName"] = new(
            async (ts, c) =>
            {
                var version = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Persons.Where(p => p.Id == c.PersonId).Select(p => p.Version).SingleAsync());
                return await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/personnes/{c.PersonId}/identite",
                    new { version, birthName = c.BirthName, firstNames = "Alex", birthDate = "1980-05-17", phone = "06 00 00 00 01", addressLine = "1 rue de l'Essai",
                        postalCode = "91000", city = "Valmont", source = "Partenaire", partnerName = $"CCAS {Nir}" });
            },
            "partnerName", c => app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Persons.AnyAsync(p => p.Id == c.PersonId && p.Provenance.PartnerName == null))),
        ["SharingConsent.PartnerName"] = new(
            (ts, c) => ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{c.PersonId}/accords-de-partage",
                new { partner = "Ccas", partnerName = $"CCAS {Nir}", purpose = "AccesAuLogement", categories = new[] { "Identite" }, form = "Ecrit", givenOn = Today }),
            "partnerName", c => app.WithAsync(async sp => !await sp.GetRequiredService<DiscretDbContext>().SharingConsents.AnyAsync(s => s.PersonId == c.PersonId))),
        ["RightsRequest.Details"] = new(
            (ts, c) => ts.ApiSendAsync(HttpMethod.Post, "/api/v1/droits", new { personId = c.PersonId, kind = "Rectification", channel = "Guichet",
                identityCheck = "PersonneConnueDuService", receivedOn = Today, details = $"Corriger le numéro de sécurité sociale {Nir}." }),
            "details", c => app.WithAsync(async sp => !await sp.GetRequiredService<DiscretDbContext>().RightsRequests.AnyAsync(r => r.PersonId == c.PersonId))),
        ["RightsRequest.ExtensionReason"] = new(
            async (ts, c) =>
            {
                var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
                var id = await Droits.RightsScenario.CreateRequestAsync(app, c.PersonId, Discret.Domain.Rights.RightKind.Acces, (await app.CreateAccountAsync(StaffRole.Accueil)).Id);
                return await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{id}/prolongation", new { months = 1, personToldOn = Today, reason = $"Dossier NIR {Nir} complexe." });
            },
            "reason", c => app.WithAsync(async sp => !await sp.GetRequiredService<DiscretDbContext>().RightsRequests.AnyAsync(r => r.PersonId == c.PersonId && r.ExtensionReason != null))),
        ["RightsRequest.Answer"] = new(
            async (ts, c) =>
            {
                var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
                var id = await Droits.RightsScenario.CreateRequestAsync(app, c.PersonId, Discret.Domain.Rights.RightKind.Acces, (await app.CreateAccountAsync(StaffRole.Accueil)).Id);
                return await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{id}/cloture", new { outcome = "Traitee", answer = $"Copie envoyée, NIR {Nir}." });
            },
            "answer", c => app.WithAsync(async sp => !await sp.GetRequiredService<DiscretDbContext>().RightsRequests.AnyAsync(r => r.PersonId == c.PersonId && r.Answer != null))),
        ["LegalHold.Details"] = new(
            async (ts, c) =>
            {
                var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
                return await dpo.ApiSendAsync(HttpMethod.Post, "/api/v1/conservation/gels", new { personId = c.PersonId.ToString(), reason = "Contentieux",
                    until = ParisTime.Today(TimeProvider.System).AddMonths(6).ToString("yyyy-MM-dd"), details = $"Affaire de la personne NIR {Nir}." });
            },
            "details", c => app.WithAsync(async sp => !await sp.GetRequiredService<DiscretDbContext>().LegalHolds.AnyAsync(h => h.PersonId == c.PersonId))),
        ["WorkingNote.Text"] = new(
            (ts, c) => ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{c.FollowUpId}/notes", new { text = $"Attestation CSS : NIR {Nir}." }),
            "text", NoNoteAsync),
        // Mandates (issue 19): the legal representative's name, under a protection measure.
        ["Mandate.RepresentativeName"] = new(
            (ts, c) => ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{c.PersonId}/mandats", new
            {
                followUpId = c.FollowUpId, mandataires = new[] { _worker }, authorisations = new[] { new { domain = "Social", organisations = new[] { "Caf" } } },
                dataKinds = new[] { "Ressources" }, startsOn = Today, oneDay = true, protection = "Tutelle", representativeName = $"UDAF, NIR {Nir}",
            }),
            "representativeName", c => app.WithAsync(async sp => !await sp.GetRequiredService<DiscretDbContext>().Mandates.AnyAsync(m => m.PersonId == c.PersonId))),
        // Tasks (issue 16 §3).
        ["WorkTask.Title"] = new(
            (ts, c) => ts.ApiSendAsync(HttpMethod.Post, "/api/v1/taches", new { title = $"Relancer la CPAM pour le NIR {Nir}", dueOn = Today, followUpId = c.FollowUpId }),
            "title", c => app.WithAsync(async sp => !await sp.GetRequiredService<DiscretDbContext>().Tasks.AnyAsync(t => t.FollowUpId == c.FollowUpId))),
    };

    private Task<bool> NoNoteAsync(TestCase c) =>
        app.WithAsync(async sp => !await sp.GetRequiredService<DiscretDbContext>().WorkingNotes.AnyAsync(n => n.FollowUpId == c.FollowUpId));

    private Task<Guid> InterviewOfAsync(TestCase c) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Interviews.Where(i => i.FollowUpId == c.FollowUpId).OrderBy(i => i.CreatedAt).Select(i => i.Id).FirstAsync());

    private Task<bool> OneInterviewAsync(TestCase c) =>
        app.WithAsync(async sp => await sp.GetRequiredService<DiscretDbContext>().Interviews.CountAsync(i => i.FollowUpId == c.FollowUpId) == 1);

    [Fact]
    public async Task Every_free_text_field_of_the_catalogue_refuses_a_valid_nir_and_saves_nothing()
    {
        var fields = DataCatalogue.Fields.Where(f => f.FreeText).Select(f => $"{f.Entity}.{f.Property}").ToList();
        var probes = Probes();
        Assert.True(fields.Count >= 4);
        Assert.Empty(fields.Except(probes.Keys)); // a new free-text field needs its probe here
        Assert.Empty(probes.Keys.Except(fields));

        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial, inServiceDays: DiscretFactory.InServiceForBreakGlass);
        var ts = await StaffSession.LoginAsync(app, worker);
        _worker = worker.Id;
        foreach (var field in fields)
        {
            var file = await app.CreateCaseAsync(0, worker);
            var probe = probes[field];
            var response = await probe.Send(ts, file);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} : {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(probe.ErrorField, out var messages), $"{field} : {errors}");
            Assert.Contains("NIR", messages[0].GetString());
            Assert.True(await probe.NothingSaved(file), $"{field} : quelque chose a été enregistré");
        }
    }

    // --- Letters (Features/Courriers) ------------------------------------------------------------------------------------
    /// <summary>
    /// A letter template is free text but no personal data (the département's wording, with merge fields), so it is not in the
    /// catalogue and has no probe above; printed for every person, it still refuses an identifier such as a NIR.
    /// </summary>
    [Fact]
    public async Task A_letter_template_is_no_personal_data_yet_refuses_a_nir_and_saves_nothing()
    {
        Assert.DoesNotContain(DataCatalogue.Fields, f => f.Entity == nameof(Discret.Domain.Letters.LetterTemplate));
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var response = await admin.ApiSendAsync(HttpMethod.Post, "/api/v1/courriers/modeles/reponse-demande-acces",
            new { title = "Réponse", body = $"Bonjour {{{{personne.nom}}}}, votre numéro {Nir}." });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("body", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().LetterTemplates.AnyAsync(t => t.Body.Contains("numéro"))));
    }
    // --- end of letters ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Warned_words_in_a_summary_are_saved_only_once_the_worker_confirms_on_the_page_and_in_the_api()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        var url = $"/accompagnements/{file.FollowUpId}/entretiens/nouveau";
        const string summary = "Madame dit être dépressive depuis la séparation ; orientation vers le CMP.";

        var page = await ts.PostFormAsync(url, Form(("Input.OccurredOn", Today), ("Input.Kind", "Permanence"), ("Input.Summary", summary), ("Input.Source", "Personne")));
        var html = WebUtility.HtmlDecode(await page.TextAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("« dépressive » (santé)", html);
        Assert.Contains(FreeTextCheck.ConfirmLabel, html);
        Assert.Contains("name=\"Input.ConfirmWarnings\"", html);
        Assert.True(await OneInterviewAsync(file));

        var api = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", summary, source = "Personne" });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var errors = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("dépressive", errors.GetProperty("summary")[0].GetString());
        Assert.True(errors.TryGetProperty("confirmWarnings", out _));
        Assert.True(await OneInterviewAsync(file));

        var confirmed = await ts.PostFormAsync(url, Form(("Input.OccurredOn", Today), ("Input.Kind", "Permanence"), ("Input.Summary", summary),
            ("Input.Source", "Personne"), ("Input.ConfirmWarnings", "true")));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var viaApi = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", summary, source = "Personne", confirmWarnings = true });
        Assert.Equal(HttpStatusCode.Created, viaApi.StatusCode);
        Assert.Equal(3, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Interviews.CountAsync(i => i.FollowUpId == file.FollowUpId)));
    }

    [Fact]
    public async Task A_form_shown_again_for_another_error_shows_the_confirmation_unticked()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        var url = $"/accompagnements/{file.FollowUpId}/entretiens/nouveau";

        // Confirmed, but the type of interview is missing: the form comes back, and the words must be confirmed again.
        var page = await ts.PostFormAsync(url, Form(("Input.OccurredOn", Today), ("Input.Summary", "Madame dit être dépressive."),
            ("Input.Source", "Personne"), ("Input.ConfirmWarnings", "true")));
        var html = WebUtility.HtmlDecode(await page.TextAsync());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Choisissez le type d'entretien.", html);
        var checkbox = System.Text.RegularExpressions.Regex.Match(html, "<input type=\"checkbox\"[^>]*name=\"Input.ConfirmWarnings\"[^>]*>");
        Assert.True(checkbox.Success, "the confirmation box is shown");
        Assert.DoesNotContain(" checked", checkbox.Value);
        Assert.True(await OneInterviewAsync(file));
    }

    [Fact]
    public async Task A_refused_summary_shows_a_french_error_on_the_page_and_confirming_does_not_help()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        var page = await ts.PostFormAsync($"/accompagnements/{file.FollowUpId}/entretiens/nouveau", Form(("Input.OccurredOn", Today), ("Input.Kind", "Permanence"),
            ("Input.Summary", "Espace ameli : mdp : Soleil2024"), ("Input.Source", "Personne"), ("Input.ConfirmWarnings", "true")));
        var html = WebUtility.HtmlDecode(await page.TextAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("ne notez jamais les codes d'accès", html);
        Assert.True(await OneInterviewAsync(file));
    }

    [Fact]
    public async Task The_analysis_endpoint_answers_findings_to_a_signed_in_account_and_stores_nothing()
    {
        var ts = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var response = await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/garde/analyse", new { text = $"NIR {Nir}, il est alcoolique." });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Refused", body.GetProperty("verdict").GetString());
        var findings = body.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["Nir", "Health"], findings.Select(f => f.GetProperty("category").GetString()));
        Assert.Equal(4, findings[0].GetProperty("start").GetInt32());
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("alcoolique"));

        var clean = await (await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/garde/analyse", new { text = "Rendez-vous à l'hôpital pour l'enfant." }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Clean", clean.GetProperty("verdict").GetString());

        var anonymous = await app.Anonymous().PostAsJsonAsync("/api/v1/garde/analyse", new { text = "x" });
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        var withoutToken = await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/garde/analyse", new { text = "x" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
    }
}
