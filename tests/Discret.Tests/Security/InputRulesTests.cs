using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Input;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Security;

/// <summary>
/// The rules every value obeys whatever the field (Discret.Web/Shared/Input), seen from the outside: a closed list takes a
/// member's name only, a text no control character, a date lies between 1900 and 2100 — on the forms and on the API alike,
/// each refusal a French message on its field, nothing saved, never a 500.
/// </summary>
[Collection(PersonsCollection.Name)]
public class InputRulesTests(DiscretFactory app)
{
    private static string NewName() => "Essai" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray());

    private Task<int> PersonsNamedAsync(string prefix) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Persons.CountAsync(p => p.BirthName.StartsWith(prefix) || p.BirthName.Contains(prefix)));

    private static object Person(string birthName, object? motives = null, string birthDate = "1980-05-17", string? addressLine = null) => new
    {
        birthName, firstNames = "Alex", birthDate, addressLine, motives = motives ?? new[] { "Logement" }, notADuplicate = true,
    };

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Fact]
    public async Task A_closed_list_takes_a_members_name_only_in_api_bodies_query_strings_and_forms()
    {
        var ts = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var name = NewName();
        // "Logement, Mobilite" added up to another member; "99" and "-1" are numbers; "Inconnu" is no member.
        foreach (var motive in new[] { "Logement, Mobilite", "Logement,Mobilite", "99", "-1", "Inconnu" })
        {
            var response = await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes", Person(name, new[] { motive }));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{motive}: {(int)response.StatusCode}");
        }
        foreach (var motive in new[] { "Logement,Mobilite", "99" })
        {
            var page = await ts.PostFormAsync("/personnes/nouvelle", Form(("Input.BirthName", name), ("Input.FirstNames", "Alex"),
                ("Input.BirthDate", "1980-05-17"), ("Input.Motives", motive), ("Input.NotADuplicate", "true")));
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{motive}: {(int)page.StatusCode}");
            Assert.Contains("Cette valeur", await page.TextAsync());
        }
        Assert.Equal(0, await PersonsNamedAsync(name));

        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        foreach (var kind in new[] { "99", "Acces,Rectification" })
            Assert.Equal(ClosedList.NotAMemberMessage, (await ErrorsAsync(await dpo.Client.GetAsync($"/api/v1/droits?right={kind}"))).GetProperty("right")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await dpo.Client.GetAsync("/api/v1/droits?right=Acces")).StatusCode);
    }

    [Fact]
    public async Task Control_characters_are_refused_with_a_french_message_on_forms_and_api_and_nothing_is_saved()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var name = NewName();
        foreach (var control in new[] { '\u0000', '\u0007', '\u001B', '\u007F', '\u0085' })
        {
            var errors = await ErrorsAsync(await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes", Person(name[..4] + control + name[4..])));
            Assert.Contains("caractère invisible", errors.GetProperty("birthName")[0].GetString());
            Assert.Contains($"U+{(int)control:X4}", errors.GetProperty("birthName")[0].GetString());
            var address = await ErrorsAsync(await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes", Person(name, addressLine: $"1 rue{control} de l'Essai")));
            Assert.Contains("caractère invisible", address.GetProperty("addressLine")[0].GetString());
        }

        // A multi-line text keeps its tabs and line breaks; a control character in it is refused like anywhere else.
        var file = await app.CreateCaseAsync(0, worker);
        Assert.Equal(HttpStatusCode.Created, (await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/notes",
            new { text = "Rappeler lundi.\r\n\tApporter l'avis d'imposition." })).StatusCode);
        Assert.Contains("caractère invisible", (await ErrorsAsync(await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/notes",
            new { text = "Rappeler\u0000 lundi." }))).GetProperty("text")[0].GetString());

        // The form: the page again, the message next to its field, the text as typed.
        var page = await ts.PostFormAsync("/personnes/nouvelle", Form(("Input.BirthName", name), ("Input.FirstNames", "Alex"), ("Input.BirthDate", "1980-05-17"),
            ("Input.AddressLine", "1 rue\u0001 de l'Essai"), ("Input.Motives", "Logement"), ("Input.NotADuplicate", "true")));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.TextAsync();
        Assert.Contains("caractère invisible non autorisé (caractère de contrôle U+0001, en position 6)", html);
        Assert.Contains(name, html);
        Assert.Equal(0, await PersonsNamedAsync(name));

        // NUL itself never reaches a page: the framework refuses to read such a form (400, « Requête invalide »).
        var nul = await ts.PostFormAsync("/personnes/nouvelle", Form(("Input.BirthName", name), ("Input.FirstNames", "Alex"), ("Input.BirthDate", "1980-05-17"),
            ("Input.AddressLine", "1 rue\u0000 de l'Essai"), ("Input.Motives", "Logement"), ("Input.NotADuplicate", "true")));
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Contains("Requête invalide", await nul.TextAsync());
        Assert.Equal(0, await PersonsNamedAsync(name));
        // A page whose handler would have saved without the refused field (an optional one): it is not run.
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var held = await app.CreateCaseAsync(0);
        var hold = await dpo.PostFormAsync("/conservation/gels/nouveau", Form(("Input.PersonReference", held.PersonId.ToString()), ("Input.Reason", "Contentieux"),
            ("Input.Details", "Affaire\u0002 en cours"), ("Input.From", Today), ("Input.Until", ParisTime.Today(TimeProvider.System).AddMonths(6).ToString("yyyy-MM-dd"))));
        Assert.Equal(HttpStatusCode.OK, hold.StatusCode);
        Assert.Contains("caractère invisible", await hold.TextAsync());
        Assert.False(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().LegalHolds.AnyAsync(h => h.PersonId == held.PersonId)));
    }

    [Fact]
    public async Task Invisible_formatting_characters_that_turn_or_hide_a_text_are_refused_in_free_texts_and_the_joiners_stay()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        Task<HttpResponseMessage> NoteAsync(string text) => ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/notes", new { text });
        foreach (var invisible in new[] { '\u202E', '\u202A', '\u2066', '\u2069', '\u200B', '\u2060', '\uFEFF' })
        {
            var refused = await NoteAsync($"Rappeler {invisible}lundi.");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var message = (await ErrorsAsync(refused)).GetProperty("text")[0].GetString();
            Assert.Contains($"caractère de mise en forme invisible U+{(int)invisible:X4}", message);
        }
        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().WorkingNotes.CountAsync(n => n.FollowUpId == file.FollowUpId)));
        Assert.Equal(HttpStatusCode.Created, (await NoteAsync("Famille 👨\u200D👩\u200D👧 reçue, rappeler lundi.")).StatusCode);
    }

    [Fact]
    public async Task Dates_outside_1900_to_2100_are_refused_with_a_french_message_on_pages_and_api()
    {
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var page = await dpo.Client.GetAsync("/tracabilite/journal?From=9999-12-31&To=9999-12-31");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(InputDate.OutOfRangeMessage, await page.TextAsync());

        Assert.Equal(InputDate.OutOfRangeMessage, (await ErrorsAsync(await dpo.Client.GetAsync("/api/v1/tracabilite/journal?from=9999-12-31&to=9999-12-31"))).GetProperty("from")[0].GetString());
        Assert.True((await ErrorsAsync(await dpo.Client.GetAsync("/api/v1/tracabilite/journal?to=0001-01-01"))).TryGetProperty("to", out _));
        var account = await app.CreateAccountAsync(StaffRole.Accueil);
        Assert.True((await ErrorsAsync(await dpo.Client.GetAsync($"/api/v1/tracabilite/comptes/{account.Id}/dossiers?from=2026-01-01&to=9999-12-31"))).TryGetProperty("to", out _));

        var breach = await dpo.PostFormAsync("/tracabilite/violation", Form(("Input.AccountId", account.Id.ToString()), ("Input.From", "2026-01-01"), ("Input.To", "9999-12-31")));
        Assert.Equal(HttpStatusCode.OK, breach.StatusCode);
        Assert.Contains(InputDate.OutOfRangeMessage, await breach.TextAsync());

        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        Assert.Equal(InputDate.OutOfRangeMessage, (await ErrorsAsync(await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = "9999-12-31", kind = "Permanence", source = "Personne" }))).GetProperty("occurredOn")[0].GetString());
        Assert.Equal(1, await app.InterviewCountAsync(file.FollowUpId!.Value));
        Assert.True((await ErrorsAsync(await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes", Person(NewName(), birthDate: "1850-01-01")))).TryGetProperty("birthDate", out _));
    }

    [Fact]
    public async Task A_nir_or_a_number_typed_into_a_name_phone_or_email_field_of_a_form_is_refused()
    {
        var ts = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var name = NewName();
        var page = await ts.PostFormAsync("/personnes/nouvelle", Form(("Input.BirthName", name), ("Input.FirstNames", "1 85 05 78 006 084 91"),
            ("Input.BirthDate", "1980-05-17"), ("Input.Phone", "185057800608491"), ("Input.Email", "185057800608491"), ("Input.Motives", "Logement"),
            ("Input.NotADuplicate", "true")));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.TextAsync();
        Assert.Contains("Les prénoms ne peuvent contenir que des lettres", html);
        Assert.Contains(IdentityFormat.PhoneMessage, html);
        Assert.Contains(IdentityFormat.EmailMessage, html);
        Assert.Equal(0, await PersonsNamedAsync(name));
    }

    [Fact]
    public async Task A_nir_in_the_reason_of_a_retention_duration_or_in_the_departements_texts_is_refused_and_nothing_is_saved()
    {
        const string nir = "1 85 05 78 006 084 91";
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var rule = Discret.Web.Features.Conservation.RetentionSettings.Settable[0];
        var reason = await dpo.PostFormAsync($"/conservation/{rule.Code}", Form(("Input.ActiveDays", ((int)rule.Active.TotalDays + 30).ToString()),
            ("Input.Reason", $"Contentieux en cours, dossier {nir}.")));
        Assert.Equal(HttpStatusCode.OK, reason.StatusCode);
        Assert.Contains("NIR", await reason.TextAsync());
        Assert.False(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().RetentionSettings.AnyAsync(r => r.RuleCode == rule.Code)));

        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var settings = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().DepartementSettings.AsNoTracking().SingleAsync());
        var departement = await admin.PostFormAsync("/administration/departement", Form(("Input.Name", settings.Name), ("Input.PrimaryColor", settings.PrimaryColor),
            ("Input.ControllerName", settings.ControllerName), ("Input.DpoContact", $"dpo@exemple.fr — {nir}"), ("Input.PostalAddress", settings.PostalAddress.Length > 0 ? settings.PostalAddress : "1 place de la Préfecture, 99000 Valmont"),
            ("Input.Accessibility", settings.AccessibilityStatus.ToString())));
        Assert.Equal(HttpStatusCode.OK, departement.StatusCode);
        Assert.Contains("NIR", await departement.TextAsync());
        Assert.Equal(settings.DpoContact, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().DepartementSettings.Select(d => d.DpoContact).SingleAsync()));
    }
}
