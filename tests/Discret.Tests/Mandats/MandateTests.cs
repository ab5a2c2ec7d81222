using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Mandates;
using Discret.Tests.Accompagnements;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Discret.Tests.Mandats.MandateScenario;

namespace Discret.Tests.Mandats;

/// <summary>
/// Mandates seen from the outside: the follow-up's team prepares a mandate on the CNIL's model, prints it in two copies
/// (re-issued identical), records its signature and its revocation; reception sees that it exists and records a
/// revocation; « Vérifier un mandat » answers a state, never the content; every other account meets a 404.
/// </summary>
[Collection(FollowUpsCollection.Name)]
public class MandateTests(DiscretFactory app)
{
    private string Base(Worker w) => $"/api/v1/personnes/{w.File.PersonId}/mandats";

    private Task<List<JournalEntry>> JournalAsync(Guid personId) =>
        app.DbAsync(db => db.JournalEntries.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Seq).ToListAsync());

    private Task<Mandate> MandateAsync(Guid id) => app.DbAsync(db => db.Mandates.AsNoTracking().Include(m => m.Authorisations).SingleAsync(m => m.Id == id));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task The_worker_prepares_a_sealed_mandate_that_the_file_lists_and_the_journal_records_by_reference()
    {
        var coWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var w = await app.WorkerAsync([coWorker]);
        var today = app.ParisToday();
        var id = await w.CreateMandateAsync(app, Body(w.File.FollowUpId!.Value, [w.Account.Id, coWorker.Id], today, protection: "Curatelle",
            representativeName: "Association tutélaire de Valmont"));

        var mandate = await MandateAsync(id);
        Assert.Equal(w.File.PersonId, mandate.PersonId);
        Assert.Equal([ProcedureDomain.Social, ProcedureDomain.Logement], mandate.Authorisations.Select(a => a.Domain).Order());
        Assert.Equal([OnlineOrganisation.Caf, OnlineOrganisation.Cpam], mandate.AuthorisationFor(ProcedureDomain.Social)!.Organisations);
        Assert.Equal(today.AddMonths(6), mandate.EndsOn);
        Assert.Equal(ProtectionMeasure.Curatelle, mandate.Protection);
        Assert.Equal("2026-12", mandate.TemplateVersion);
        Assert.True(mandate.DocumentIntact);
        Assert.Equal(64, mandate.Fingerprint.Length);
        Assert.Contains(w.File.BirthName, mandate.Document); // the mandant's name as printed, taken from the file
        Assert.Contains("Agent de test", mandate.Document); // the named workers' names
        Assert.Null(mandate.SignedOn);

        var journal = await JournalAsync(w.File.PersonId);
        var write = Assert.Single(journal, e => e.Action == JournalAction.Ecriture && e.Reference == id);
        Assert.DoesNotContain(w.File.BirthName, write.Detail);
        Assert.Contains("DemarchesEnLigne", write.Detail);

        var html = await w.Session.PageTextAsync($"/personnes/{w.File.PersonId}");
        Assert.Contains("Démarches en ligne", html);
        Assert.Contains("Pas encore signé", html);
        Assert.Contains("Social, santé", html);
        Assert.Contains("Préparer un mandat", html);

        var detail = await JsonAsync(await w.Session.Client.GetAsync($"{Base(w)}/{id}"));
        Assert.Equal(mandate.Code, detail.GetProperty("code").GetString());
        Assert.Equal("PasEncoreSigne", detail.GetProperty("state").GetString());
        Assert.Contains(await JournalAsync(w.File.PersonId), e => e.Action == JournalAction.Lecture && e.Reference == id && e.Detail == "DemarchesEnLigne");
        var page = await w.Session.PageTextAsync($"/personnes/{w.File.PersonId}/mandats/{id}");
        Assert.Contains(Mandate.FormatCode(mandate.Code), page);
        Assert.Contains("Enregistrer la signature", page);
    }

    [Fact]
    public async Task The_form_prepares_a_mandate_and_shows_french_errors_on_its_fields_without_saving()
    {
        var w = await app.WorkerAsync();
        var url = $"/personnes/{w.File.PersonId}/mandats/nouveau";
        var form = await w.Session.PageTextAsync(url);
        Assert.Contains("Préparer un mandat", form);
        Assert.Contains("Organismes concernés — Logement", form);
        Assert.Contains("La personne garde elle-même ses identifiants et mots de passe", form);

        var bad = await w.Session.PostFormAsync(url, FollowUpScenario.Form([("Input.FollowUpId", w.File.FollowUpId!.Value.ToString()), ("Input.StartsOn", Day(app.ParisToday().AddDays(-1))),
            ("Input.Duration", "date"), ("Input.Protection", "Tutelle"), .. Domains(4)]));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.TextAsync();
        Assert.Contains("Cochez au moins un professionnel", html);
        Assert.Contains("Cochez au moins un organisme pour le domaine « Logement »", html);
        Assert.Contains("ne peut pas commencer dans le passé", html);
        Assert.Contains("indiquez le nom du représentant légal", html);
        Assert.Contains("id=\"Input_Authorisations_4__Organisations-error\"", html);
        Assert.False(await app.DbAsync(db => db.Mandates.AnyAsync(m => m.PersonId == w.File.PersonId)));

        var saved = await w.Session.PostFormAsync(url, FollowUpScenario.Form([("Input.FollowUpId", w.File.FollowUpId!.Value.ToString()),
            ("Input.Mandataires", w.Account.Id.ToString()), ("Input.Authorisations[2].Organisations", "Caf"),
            ("Input.DataKinds", "Ressources"), ("Input.StartsOn", Day(app.ParisToday())), ("Input.Duration", "jour"), ("Input.Protection", "Aucune"), .. Domains(2)]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var mandate = await app.DbAsync(db => db.Mandates.AsNoTracking().Include(m => m.Authorisations).SingleAsync(m => m.PersonId == w.File.PersonId));
        Assert.True(mandate.IsOneDay);
        Assert.Equal(ProcedureDomain.Social, Assert.Single(mandate.Authorisations).Domain);
        Assert.Equal($"/personnes/{w.File.PersonId}/mandats/{mandate.Id}", saved.Headers.Location?.OriginalString);
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "plus de 12 mois", "endsOn" },
        { "début dans le passé", "startsOn" },
        { "fin avant le début", "endsOn" },
        { "mandataire hors de l'équipe", "mandataires" },
        { "sans mandataire", "mandataires" },
        { "sans autorisation", "authorisations" },
        { "liste d'organismes vide", "authorisations[1].Organisations" },
        { "domaine en double", "authorisations" },
        { "sans donnée", "dataKinds" },
        { "représentant manquant sous tutelle", "representativeName" },
        { "NIR dans le nom du représentant", "representativeName" },
        { "accompagnement d'une autre personne", "followUpId" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_mandate_is_refused_on_its_field_in_french_and_nothing_is_saved(string what, string field)
    {
        var w = await app.WorkerAsync();
        var other = await app.CreateCaseAsync(0, w.Account);
        var outsider = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var today = app.ParisToday();
        var f = w.File.FollowUpId!.Value;
        Guid[] me = [w.Account.Id];
        var body = what switch
        {
            "plus de 12 mois" => Body(f, me, today, endsOn: today.AddMonths(12).AddDays(1)),
            "début dans le passé" => Body(f, me, today, startsOn: today.AddDays(-1)),
            "fin avant le début" => Body(f, me, today, startsOn: today.AddDays(3), endsOn: today.AddDays(2)),
            "mandataire hors de l'équipe" => Body(f, [w.Account.Id, outsider.Id], today),
            "sans mandataire" => Body(f, [], today),
            "sans autorisation" => Body(f, me, today, authorisations: []),
            "liste d'organismes vide" => Body(f, me, today, authorisations: [new { domain = "Social", organisations = new[] { "Caf" } }, new { domain = "Logement", organisations = Array.Empty<string>() }]),
            "domaine en double" => Body(f, me, today, authorisations: [new { domain = "Social", organisations = new[] { "Caf" } }, new { domain = "Social", organisations = new[] { "Cpam" } }]),
            "sans donnée" => Body(f, me, today, dataKinds: []),
            "représentant manquant sous tutelle" => Body(f, me, today, protection: "Tutelle", representativeName: " "),
            "NIR dans le nom du représentant" => Body(f, me, today, protection: "Tutelle", representativeName: "UDAF 2 87 06 91 123 045 17"),
            "accompagnement d'une autre personne" => Body(other.FollowUpId!.Value, me, today),
            _ => throw new InvalidOperationException(what),
        };
        var response = await w.Session.ApiSendAsync(HttpMethod.Post, Base(w), body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
        Assert.Matches("(?i)[éèàçêû]|cochez|saisissez|choisissez|NIR", messages[0].GetString());
        Assert.False(await app.DbAsync(db => db.Mandates.AnyAsync(m => m.PersonId == w.File.PersonId || m.PersonId == other.PersonId)));
    }

    [Fact]
    public async Task The_signature_is_recorded_once_by_the_only_signer_the_protection_allows_on_a_valid_day()
    {
        var w = await app.WorkerAsync();
        var today = app.ParisToday();
        var id = await w.CreateMandateAsync(app, Body(w.File.FollowUpId!.Value, [w.Account.Id], today, protection: "Tutelle", representativeName: "UDAF de Valmont"));
        var url = $"{Base(w)}/{id}/signature";

        async Task<JsonElement> RefusedAsync(object body, HttpStatusCode status = HttpStatusCode.BadRequest)
        {
            var response = await w.Session.ApiSendAsync(HttpMethod.Post, url, body);
            Assert.True(response.StatusCode == status, await response.Content.ReadAsStringAsync());
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        // A person under tutelle cannot sign alone.
        var alone = await RefusedAsync(new { signedOn = Day(today), signer = "LaPersonne" });
        Assert.Contains("ne peut pas signer seule", alone.GetProperty("errors").GetProperty("signer")[0].GetString());
        var future = await RefusedAsync(new { signedOn = Day(today.AddDays(1)), signer = "LeRepresentantLegal" });
        Assert.Contains("futur", future.GetProperty("errors").GetProperty("signedOn")[0].GetString());
        var before = await RefusedAsync(new { signedOn = Day(today.AddDays(-1)), signer = "LeRepresentantLegal" });
        Assert.Contains("précéder la préparation", before.GetProperty("errors").GetProperty("signedOn")[0].GetString());
        Assert.Null((await MandateAsync(id)).SignedOn);

        await w.SignAsync(app, id, "LeRepresentantLegal");
        var signed = await MandateAsync(id);
        Assert.Equal(today, signed.SignedOn);
        Assert.Equal(MandateSigner.LeRepresentantLegal, signed.SignedBy);
        Assert.Equal(w.Account.Id, signed.SignatureRecordedById);
        Assert.Contains(await JournalAsync(w.File.PersonId), e => e.Action == JournalAction.Ecriture && e.Reference == id && e.Detail!.StartsWith("signature"));

        var twice = await RefusedAsync(new { signedOn = Day(today), signer = "LeRepresentantLegal" }, HttpStatusCode.Conflict);
        Assert.Contains("déjà enregistrée", twice.GetProperty("detail").GetString());
        Assert.Contains("En vigueur", await w.Session.PageTextAsync($"/personnes/{w.File.PersonId}"));
    }

    [Fact]
    public async Task The_pdf_holds_both_copies_and_is_reissued_byte_identical_even_after_the_name_is_rectified()
    {
        var w = await app.WorkerAsync();
        var id = await w.CreateMandateAsync(app);
        var mandate = await MandateAsync(id);
        var first = await w.Session.Client.GetAsync($"/personnes/{w.File.PersonId}/mandats/{id}/mandat.pdf");
        Assert.Equal("application/pdf", first.Content.Headers.ContentType?.MediaType);
        var pdf = await first.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "discret-mandat-test.pdf"), pdf);
        var again = await (await w.Session.ApiSendAsync(HttpMethod.Get, $"{Base(w)}/{id}/pdf")).Content.ReadAsByteArrayAsync();
        Assert.Equal(pdf, again);

        var pages = PdfText.Pages(pdf);
        var text = string.Join(" ", pages);
        Assert.Contains("EXEMPLAIRE DE LA PERSONNE", text);
        Assert.Contains("EXEMPLAIRE DU SERVICE", text);
        Assert.Contains("EXEMPLAIRE DU SERVICE", string.Join(" ", pages.Skip(pages.Count / 2)));
        Assert.Contains(w.File.BirthName, text);
        Assert.Contains("17/05/1980", text);
        Assert.Contains("Social, santé", text);
        Assert.Contains("Logement", text);
        Assert.Contains("CAF", text);
        Assert.Contains(Mandate.FormatCode(mandate.Code), text);
        Assert.Contains(mandate.Fingerprint, text.Replace(" ", ""));
        Assert.Contains("Agent de test", text);
        Assert.Contains("révoquer ce mandat", text);
        Assert.Contains(await JournalAsync(w.File.PersonId), e => e.Action == JournalAction.Export && e.Reference == id);

        // The person's name is rectified in the file: the mandate stays as it was printed and signed.
        await app.WithDbAsync(db => db.Persons.Where(p => p.Id == w.File.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.BirthName, "Rectifiee")));
        var afterRectification = await (await w.Session.Client.GetAsync($"/personnes/{w.File.PersonId}/mandats/{id}/mandat.pdf")).Content.ReadAsByteArrayAsync();
        Assert.Equal(pdf, afterRectification);
        Assert.DoesNotContain("Rectifiee", PdfText.Of(afterRectification));
    }

    [Fact]
    public async Task One_authorisation_then_the_whole_mandate_is_revoked_once_each_with_a_receipt()
    {
        var w = await app.WorkerAsync();
        var id = await w.CreateMandateAsync(app);
        await w.SignAsync(app, id);
        var url = $"{Base(w)}/{id}/revocation";
        Assert.Equal(HttpStatusCode.Conflict, (await w.Session.Client.GetAsync($"{Base(w)}/{id}/accuse-de-revocation")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await w.Session.ApiSendAsync(HttpMethod.Post, url, new { domain = "Logement", reason = "DemandeDeLaPersonne" })).StatusCode);
        var one = await MandateAsync(id);
        Assert.Equal(app.ParisToday(), one.AuthorisationFor(ProcedureDomain.Logement)!.RevokedOn);
        Assert.Null(one.AuthorisationFor(ProcedureDomain.Social)!.RevokedOn);
        Assert.Null(one.RevokedOn);
        var again = await w.Session.ApiSendAsync(HttpMethod.Post, url, new { domain = "Logement" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("déjà révoquée", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await w.Session.ApiSendAsync(HttpMethod.Post, url, new { domain = "Justice" })).StatusCode);

        var receiptPdf = await (await w.Session.Client.GetAsync($"{Base(w)}/{id}/accuse-de-revocation")).Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "discret-accuse-de-revocation-test.pdf"), receiptPdf);
        var receipt = PdfText.Of(receiptPdf);
        Assert.Contains("Accusé de révocation", receipt);
        Assert.Contains("Autorisation « Logement » révoquée le", receipt);
        Assert.Contains("Social, santé", receipt); // what stays authorised
        Assert.Contains(w.File.BirthName, receipt);

        Assert.Equal(HttpStatusCode.NoContent, (await w.Session.ApiSendAsync(HttpMethod.Post, url, new { })).StatusCode);
        Assert.Equal(app.ParisToday(), (await MandateAsync(id)).RevokedOn);
        var twice = await w.Session.ApiSendAsync(HttpMethod.Post, url, new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("déjà révoqué", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await w.Session.ApiSendAsync(HttpMethod.Post, url, new { domain = "Social" })).StatusCode);

        var whole = PdfText.Of(await (await w.Session.Client.GetAsync($"/personnes/{w.File.PersonId}/mandats/{id}/accuse-de-revocation.pdf")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Le mandat entier est révoqué depuis le", whole);
        Assert.Equal(2, (await JournalAsync(w.File.PersonId)).Count(e => e.Action == JournalAction.Ecriture && e.Reference == id && e.Detail!.StartsWith("révocation")));
        Assert.Contains("Révoqué", await w.Session.PageTextAsync($"/personnes/{w.File.PersonId}"));
    }

    [Fact]
    public async Task Reception_sees_only_that_a_mandate_exists_and_records_a_revocation_when_the_person_comes_in()
    {
        var w = await app.WorkerAsync();
        var id = await w.CreateMandateAsync(app);
        await w.SignAsync(app, id);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));

        var file = await reception.PageTextAsync($"/personnes/{w.File.PersonId}");
        Assert.Contains("Démarches en ligne", file);
        Assert.Contains("En vigueur", file);
        Assert.Contains("Social, santé", file);
        Assert.Contains("Enregistrer une révocation", file);
        Assert.DoesNotContain("Préparer un mandat", file);
        Assert.DoesNotContain("ameli", file); // no organisations
        Assert.DoesNotContain($"/mandats/{id}\"", file); // no link to the mandate itself
        var list = await JsonAsync(await reception.Client.GetAsync(Base(w)));
        Assert.Equal("EnVigueur", list[0].GetProperty("state").GetString());
        Assert.False(list[0].TryGetProperty("mandataires", out _));

        foreach (var url in new[] { $"{Base(w)}/{id}", $"{Base(w)}/{id}/pdf", $"/personnes/{w.File.PersonId}/mandats/{id}", $"/personnes/{w.File.PersonId}/mandats/{id}/mandat.pdf",
                     $"/personnes/{w.File.PersonId}/mandats/nouveau" })
            Assert.True(HttpStatusCode.NotFound == (await reception.Client.GetAsync(url)).StatusCode, url);
        Assert.Equal(HttpStatusCode.NotFound, (await reception.ApiSendAsync(HttpMethod.Post, $"{Base(w)}/{id}/signature", new { signedOn = Day(app.ParisToday()), signer = "LaPersonne" })).StatusCode);

        var page = await reception.PageTextAsync($"/personnes/{w.File.PersonId}/mandats/{id}/revocation");
        Assert.Contains("Le mandat entier", page);
        Assert.DoesNotContain("Agent de test " + w.Account.Login, page); // no named workers
        var revoked = await reception.PostFormAsync($"/personnes/{w.File.PersonId}/mandats/{id}/revocation", FollowUpScenario.Form(("Input.What", "Social"), ("Input.Reason", "")));
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("Révocation enregistrée", await reception.PageTextAsync(revoked.Headers.Location!.OriginalString));
        var receipt = await reception.Client.GetAsync($"/personnes/{w.File.PersonId}/mandats/{id}/accuse-de-revocation.pdf");
        Assert.Contains("Autorisation « Social, santé » révoquée le", PdfText.Of(await receipt.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.NoContent, (await reception.ApiSendAsync(HttpMethod.Post, $"{Base(w)}/{id}/revocation", new { reason = "DemandeDeLaPersonne" })).StatusCode);
        var mandate = await MandateAsync(id);
        Assert.NotNull(mandate.RevokedOn);
        Assert.Equal(MandateRevocationReason.DemandeDeLaPersonne, mandate.RevocationReason);
        Assert.Equal(HttpStatusCode.Conflict, (await reception.ApiSendAsync(HttpMethod.Post, $"{Base(w)}/{id}/revocation", new { })).StatusCode);
        var receptionEntries = (await JournalAsync(w.File.PersonId)).Where(e => e.Role == StaffRole.Accueil).ToList();
        Assert.Contains(receptionEntries, e => e.Action == JournalAction.Lecture && e.Detail == "DemarchesEnLigne" && e.Reference == id);
        Assert.Equal(2, receptionEntries.Count(e => e.Action == JournalAction.Ecriture && e.Reference == id));
    }

    [Fact]
    public async Task Every_account_outside_the_team_and_reception_gets_404_and_nothing_changes()
    {
        var rc = await app.CreateAccountAsync(StaffRole.ResponsableCirconscription);
        var w = await app.WorkerAsync();
        var id = await w.CreateMandateAsync(app);
        var others = new (string Who, StaffSession Session)[]
        {
            ("TS non affecté", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial))),
            ("TS d'une autre circonscription", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1))),
            ("RC hors équipe", await StaffSession.LoginAsync(app, rc)),
            ("RC d'une autre circonscription", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription, circonscription: 1))),
            ("accueil d'une autre circonscription", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil, circonscription: 1))),
            ("DPO", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo))),
            ("direction", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Direction))),
            ("administrateur", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique))),
        };
        var p = w.File.PersonId;
        foreach (var (who, s) in others)
        {
            foreach (var url in new[] { Base(w), $"{Base(w)}/{id}", $"{Base(w)}/{id}/pdf", $"{Base(w)}/{id}/accuse-de-revocation", $"/personnes/{p}/mandats/nouveau",
                         $"/personnes/{p}/mandats/{id}", $"/personnes/{p}/mandats/{id}/mandat.pdf", $"/personnes/{p}/mandats/{id}/revocation",
                         $"/personnes/{p}/mandats/{id}/accuse-de-revocation.pdf" })
                Assert.True(HttpStatusCode.NotFound == (await s.Client.GetAsync(url)).StatusCode, $"{who} {url}");
            Assert.True(HttpStatusCode.NotFound == (await s.ApiSendAsync(HttpMethod.Post, Base(w), Body(w.File.FollowUpId!.Value, [w.Account.Id], app.ParisToday()))).StatusCode, who);
            Assert.True(HttpStatusCode.NotFound == (await s.ApiSendAsync(HttpMethod.Post, $"{Base(w)}/{id}/signature", new { signedOn = Day(app.ParisToday()), signer = "LaPersonne" })).StatusCode, who);
            Assert.True(HttpStatusCode.NotFound == (await s.ApiSendAsync(HttpMethod.Post, $"{Base(w)}/{id}/revocation", new { })).StatusCode, who);
        }
        var mandate = await MandateAsync(id);
        Assert.Null(mandate.SignedOn);
        Assert.Null(mandate.RevokedOn);
        Assert.Equal(1, await app.DbAsync(db => db.Mandates.CountAsync(m => m.PersonId == p)));
        // A mandate of another person through this person's address: 404.
        var other = await app.WorkerAsync();
        var otherId = await other.CreateMandateAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Session.Client.GetAsync($"{Base(w)}/{otherId}")).StatusCode);
    }

    [Fact]
    public async Task Verifying_a_mandate_tells_its_state_and_a_fingerprint_mismatch_never_its_content()
    {
        var w = await app.WorkerAsync();
        var id = await w.CreateMandateAsync(app);
        var mandate = await MandateAsync(id);
        var stranger = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Secretariat, circonscription: 1));

        async Task<JsonElement> CheckAsync(StaffSession s, string code, string? fingerprint = null) =>
            await JsonAsync(await s.Client.GetAsync($"/api/v1/mandats/verification?code={Uri.EscapeDataString(code)}"
                                                    + (fingerprint is null ? "" : $"&fingerprint={Uri.EscapeDataString(fingerprint)}")));

        var notSigned = await CheckAsync(stranger, Mandate.FormatCode(mandate.Code).ToLowerInvariant());
        Assert.Equal("PasEncoreSigne", notSigned.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, notSigned.GetProperty("href").ValueKind);
        await w.SignAsync(app, id);
        var valid = await CheckAsync(stranger, mandate.Code, MandatePrinted(mandate.Fingerprint));
        Assert.Equal("Valide", valid.GetProperty("verdict").GetString());
        Assert.DoesNotContain(w.File.BirthName, valid.ToString());
        var forTeam = await CheckAsync(w.Session, mandate.Code);
        Assert.Equal($"/personnes/{w.File.PersonId}/mandats/{id}", forTeam.GetProperty("href").GetString());

        var wrong = mandate.Fingerprint[..63] + (mandate.Fingerprint[63] == '0' ? '1' : '0');
        Assert.Equal("EmpreinteDifferente", (await CheckAsync(stranger, mandate.Code, wrong)).GetProperty("verdict").GetString());
        Assert.Equal("Inconnu", (await CheckAsync(stranger, "ZZZZ-ZZZZ-ZZ")).GetProperty("verdict").GetString());
        var malformed = await stranger.Client.GetAsync("/api/v1/mandats/verification?code=ABC");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        // The page, as the QR code opens it.
        var page = await stranger.PageTextAsync($"/mandats/verifier?code={mandate.Code}");
        Assert.Contains("Mandat valide", page);
        Assert.DoesNotContain(w.File.BirthName, page);
        Assert.DoesNotContain("Ouvrir le mandat", page);
        Assert.Contains("Ouvrir le mandat", await w.Session.PageTextAsync($"/mandats/verifier?code={mandate.Code}"));

        // Expired (its last day moved to yesterday), then revoked; a stored document altered no longer matches.
        await app.WithDbAsync(db => db.Mandates.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.EndsOn, app.ParisToday().AddDays(-1))));
        Assert.Equal("Expire", (await CheckAsync(stranger, mandate.Code)).GetProperty("verdict").GetString());
        await app.WithDbAsync(db => db.Mandates.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.EndsOn, mandate.EndsOn)));
        Assert.Equal(HttpStatusCode.NoContent, (await w.Session.ApiSendAsync(HttpMethod.Post, $"{Base(w)}/{id}/revocation", new { })).StatusCode);
        Assert.Equal("Revoque", (await CheckAsync(stranger, mandate.Code)).GetProperty("verdict").GetString());
        Assert.Contains("Mandat révoqué", await stranger.PageTextAsync($"/mandats/verifier?code={mandate.Code}"));
        await app.WithDbAsync(db => db.Mandates.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Document, mandate.Document.Replace("Ressources", "Logement"))));
        Assert.Equal("EmpreinteDifferente", (await CheckAsync(stranger, mandate.Code)).GetProperty("verdict").GetString());
        Assert.Contains("L'empreinte ne correspond pas", await stranger.PageTextAsync($"/mandats/verifier?code={mandate.Code}"));
        Assert.Contains(await app.DbAsync(db => db.JournalEntries.AsNoTracking().Where(e => e.Reference == id && e.Action == JournalAction.Recherche).ToListAsync()),
            e => e.PersonId == null && e.Detail!.Contains("vérification"));
    }

    /// <summary>The domains' boxes as a browser posts them: every box (its hidden « false »), « true » for the ticked ones.</summary>
    private static (string, string)[] Domains(params int[] ticked) =>
        [.. Enumerable.Range(0, Enum.GetValues<ProcedureDomain>().Length).Select(i => ($"Input.Authorisations[{i}].Selected", ticked.Contains(i) ? "true" : "false"))];

    private static string MandatePrinted(string fingerprint) => string.Join(' ', fingerprint.Chunk(8).Select(c => new string(c))).ToUpperInvariant();
}
