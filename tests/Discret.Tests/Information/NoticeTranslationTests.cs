using System.Net;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Documents;
using Discret.Domain.Journal;
using Discret.Tests.Support;
using Discret.Web.Features.InformationDesPersonnes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Information;

/// <summary>
/// The notice in other languages (issue 17 §3), seen from the outside: the DPO enters translations sentence by sentence
/// for the notice in force; every member of staff reads the translated notice, in which what is not translated stays in
/// French (marked as such), right to left for Arabic; bad input is answered in French and saves nothing. Each test uses
/// its own language, as the installation is shared.
/// </summary>
[Collection(InstallationCollection.Name)]
public class NoticeTranslationTests(DiscretFactory app)
{
    private async Task<StaffSession> DpoAsync() => await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));

    private async Task<(int Number, IReadOnlyList<string> Sentences)> NoticeAsync() => await app.WithAsync(async sp =>
    {
        var notice = await sp.GetRequiredService<NoticeVersions>().CurrentAsync();
        return (notice.Number, NoticeTranslations.Sentences(notice.Content));
    });

    private static Dictionary<string, string> Form(params (string Sentence, string Text)[] lines)
    {
        var form = new Dictionary<string, string>();
        for (var i = 0; i < lines.Length; i++)
        {
            form[$"Input[{i}].Hash"] = NoticeTranslation.HashOf(lines[i].Sentence);
            form[$"Input[{i}].Text"] = lines[i].Text;
        }
        return form;
    }

    private Task<int> StoredAsync(NoticeLanguage language) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().NoticeTranslations.CountAsync(t => t.Language == language));

    [Fact]
    public async Task A_translation_entered_by_the_dpo_is_read_by_reception_and_what_is_not_translated_stays_in_french()
    {
        var dpo = await DpoAsync();
        var (number, sentences) = await NoticeAsync();
        const string title = "Su información en el servicio social";
        const string purpose = "El servicio social le acompaña.";
        var response = await dpo.PostFormAsync("/notice-information/traductions/es",
            Form((NoticeContent.Title, title), (NoticeText.Introduction, purpose)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("2 phrases enregistrées", await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries
            .Where(e => e.Action == JournalAction.Parametrage && e.Detail!.Contains("traduction es")).Select(e => e.Detail!).FirstAsync()));

        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var page = await reception.PageTextAsync($"/notice-information/{number}/langue/es");
        Assert.Contains("lang=\"es\" dir=\"ltr\"", page);
        Assert.Contains($"<h2 class=\"h3\" id=\"titre-notice\">{title}</h2>", page);
        Assert.Contains($"<p>{purpose}</p>", page);
        Assert.Contains("<h3 class=\"h5\" lang=\"fr\" dir=\"ltr\">Pourquoi ?</h3>", page);   // not translated: French, said so
        Assert.Contains($"{sentences.Count - 2} phrases ne sont pas encore traduites et restent en français", page);

        var notice = await reception.PageTextAsync("/notice-information");
        Assert.Contains($"espagnol</a> (en partie, 2 phrases sur {sentences.Count})", notice);
        Assert.DoesNotContain("Traduire la notice dans d'autres langues", notice); // reception reads, the DPO translates
        Assert.Contains("Traduire la notice dans d'autres langues", await dpo.PageTextAsync("/notice-information"));

        // The form shows the stored translation; emptying it removes it.
        Assert.Contains(title, await dpo.PageTextAsync("/notice-information/traductions/es"));
        await dpo.PostFormAsync("/notice-information/traductions/es", Form((NoticeContent.Title, ""), (NoticeText.Introduction, purpose)));
        Assert.Equal(1, await StoredAsync(NoticeLanguage.Espagnol));
    }

    [Fact]
    public async Task Arabic_is_read_right_to_left_and_typed_right_to_left()
    {
        var dpo = await DpoAsync();
        var (number, _) = await NoticeAsync();
        Assert.Contains("lang=\"ar\" dir=\"rtl\"", await dpo.PageTextAsync("/notice-information/traductions/ar"));
        await dpo.PostFormAsync("/notice-information/traductions/ar", Form((NoticeContent.Title, "معلوماتك في الخدمة الاجتماعية")));
        var page = await dpo.PageTextAsync($"/notice-information/{number}/langue/ar");
        Assert.Contains("lang=\"ar\" dir=\"rtl\"", page);
        Assert.Contains("معلوماتك في الخدمة الاجتماعية", page);
    }

    [Fact]
    public async Task A_too_long_translation_is_refused_in_french_and_nothing_of_the_form_is_saved()
    {
        var dpo = await DpoAsync();
        var response = await dpo.PostFormAsync("/notice-information/traductions/ro",
            Form((NoticeContent.Title, "Informațiile dumneavoastră"), (NoticeText.Introduction, new string('a', NoticeTranslation.MaxLength + 1))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Cette traduction est trop longue ({NoticeTranslation.MaxLength} caractères au plus).", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await StoredAsync(NoticeLanguage.Roumain));
    }

    [Fact]
    public async Task A_sentence_the_notice_no_longer_has_is_refused_with_a_message_and_nothing_is_saved()
    {
        var dpo = await DpoAsync();
        var response = await dpo.PostFormAsync("/notice-information/traductions/pl",
            Form((NoticeContent.Title, "Twoje informacje"), ("Une phrase d'une ancienne version de la notice.", "Stare zdanie")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La notice a changé pendant votre saisie", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await StoredAsync(NoticeLanguage.Polonais));
    }

    [Fact]
    public async Task An_unknown_language_or_one_never_translated_is_not_found()
    {
        var dpo = await DpoAsync();
        var (number, _) = await NoticeAsync();
        foreach (var url in new[] { "/notice-information/traductions/xx", $"/notice-information/{number}/langue/xx", $"/notice-information/{number}/langue/vi", "/notice-information/999/langue/en" })
            Assert.Equal(HttpStatusCode.NotFound, (await dpo.Client.GetAsync(url)).StatusCode);
        // Choosing a language on the languages page leads to its form; a code not in the list is answered on the page.
        var chosen = await dpo.Client.GetAsync("/notice-information/traductions?langue=vi");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/notice-information/traductions/vi", chosen.Headers.Location?.OriginalString);
        Assert.Contains("Choisissez une langue de la liste.", WebUtility.HtmlDecode(await dpo.Client.GetStringAsync("/notice-information/traductions?langue=klingon")));
    }
}
