using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Tests.Security;
using Discret.Tests.Support;
using Discret.Web.Features.Courriers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Droits;

/// <summary>
/// The access export's PDF as the person reads it (issue 17 §3): a first page saying what the document holds, then her story
/// in plain French — no code, no id, no phonetic key, no word broken across lines — while the JSON file keeps the machine
/// form. All on one generated file with every kind of data (<see cref="AccessExportFile"/>), exported once per application.
/// </summary>
[Collection(RightsCollection.Name)]
public partial class AccessExportReadingTests(DiscretFactory app)
{
    private sealed record Exports(AccessExportFile.Fixture File, byte[] Pdf, JsonElement Json, string DpoContact);

    private static readonly ConditionalWeakTable<DiscretFactory, Task<Exports>> Cache = new();

    private Task<Exports> ExportsAsync() => Cache.GetValue(app, CreateAsync);

    private static async Task<Exports> CreateAsync(DiscretFactory app)
    {
        var file = await AccessExportFile.CreateAsync(app);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var pdf = await (await AccessExportFile.ExportAsync(dpo, file.RequestId, "Pdf")).Content.ReadAsByteArrayAsync();
        var json = JsonDocument.Parse(await (await AccessExportFile.ExportAsync(dpo, file.RequestId, "Json")).Content.ReadAsByteArrayAsync()).RootElement.Clone();
        var contact = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().DepartementSettings.AsNoTracking().Select(s => s.DpoContact).SingleAsync());
        return new Exports(file, pdf, json, contact);
    }

    /// <summary>Every value of the JSON file: the file's words, whatever the PDF makes of them.</summary>
    private static IEnumerable<string> JsonValues(JsonElement json) =>
        json.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("elements").EnumerateArray())
            .SelectMany(i => i.GetProperty("champs").EnumerateArray()).Select(c => c.GetProperty("valeur").GetString()).OfType<string>();

    private static string JsonValue(JsonElement json, string entity, string property) =>
        json.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("entite").GetString() == entity).GetProperty("elements").EnumerateArray()
            .SelectMany(i => i.GetProperty("champs").EnumerateArray()).First(c => c.GetProperty("propriete").GetString() == property).GetProperty("valeur").GetString()!;

    /// <summary>A word as the reader sees it, without the punctuation around it.</summary>
    private static string Bare(string token) => token.Trim(' ', ',', '.', ';', ':', '(', ')', '«', '»', '!', '?', '"', '•');

    private static IEnumerable<string> Tokens(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Bare).Where(t => t.Length > 0);

    [Fact]
    public async Task The_first_page_says_what_the_document_is_which_request_it_answers_each_part_with_its_count_and_how_to_contest()
    {
        var e = await ExportsAsync();
        var pages = PdfText.Pages(e.Pdf);
        var first = pages[0];
        Assert.Contains("Copie de vos données personnelles", first);
        Assert.Contains("n° " + LetterProduction.RequestNumber(e.File.RequestId), first);
        Assert.Contains("Document établi le", first);
        string[] parts = ["Qui vous êtes", "Votre ménage", "Vos accompagnements et ce qui a été décidé",
            "Vos démarches en ligne : aides, mandats et démarches faites en votre nom", "Qui a été informé de quoi",
            "Vos demandes et la conservation de votre dossier", "Qui a consulté votre dossier"];
        for (var i = 0; i < parts.Length; i++)
        {
            Assert.Contains($"{i + 1}. {parts[i]} :", first);
            // ... and each part is there, in that order, after the first page.
            Assert.Contains($"{i + 1}. {parts[i]}", string.Join(" ", pages.Skip(1)));
        }
        foreach (var count in new[] { "3 entretiens", "2 notes de travail", "3 rendez-vous", "1 tâche", "1 accord de partage", "1 partage fait", "1 courrier",
                     "2 demandes d'exercice de vos droits", "1 gel de la suppression", "1 accès exceptionnel",
                     "2 aides numériques", "1 mandat", "2 autorisations des mandats", "1 démarche faite en votre nom" })
            Assert.Contains(count, first);
        Assert.Matches(@"\d+ consultations et modifications", first);
        Assert.Contains("Pour contester ou faire corriger", first);
        Assert.Contains(e.DpoContact, first);
        Assert.Contains("CNIL", first);
    }

    [Fact]
    public async Task The_pdf_shows_no_raw_code_no_opaque_id_and_no_phonetic_key()
    {
        var e = await ExportsAsync();
        var text = PdfText.Of(e.Pdf);
        Assert.DoesNotContain("phonétique", text, StringComparison.OrdinalIgnoreCase);
        foreach (var key in new[] { JsonValue(e.Json, "Person", "BirthNameSound") }.Concat(
                     e.Json.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("entite").GetString() == "PersonNameWord").GetProperty("elements")
                         .EnumerateArray().Select(i => i.GetProperty("champs").EnumerateArray().Single(c => c.GetProperty("propriete").GetString() == "Sound").GetProperty("valeur").GetString()!))
                     .Where(k => k.Length >= 3))
            Assert.DoesNotContain(key, Tokens(text));

        // No id: neither whole nor its first characters (« réf. aec245f2… »).
        Assert.DoesNotContain("réf.", text);
        Assert.DoesNotMatch(Guid(), text);
        var ids = JsonValues(e.Json).Concat([e.File.Case.PersonId.ToString(), e.File.Case.FollowUpId.ToString()!, e.File.RequestId.ToString()])
            .SelectMany(v => Guid().Matches(v)).Select(m => m.Value[..8]).Distinct().ToList();
        Assert.NotEmpty(ids);
        // The request's number (« n° 52007751 ») is its id's first characters, shown on purpose and in capitals; when those
        // are all digits it reads as the id itself, so it is taken out of the text before the ids are looked for.
        var withoutNumber = text.Replace("n° " + LetterProduction.RequestNumber(e.File.RequestId), "n° ");
        Assert.All(ids, id => Assert.DoesNotContain(id, withoutNumber));

        // No code: no name of a closed list's member nor of a catalogue property, unless it is also a word of some label (« Logement »,
        // or capitalised, « Gel »); « Ccas » is not « CCAS ».
        var words = ClosedListLabelTests.LabelMethods().SelectMany(AllLabels).Concat(DataCatalogue.Fields.Select(f => f.Label))
            .SelectMany(l => Regex.Split(l, @"[\s,.;:()'’/«»]+")).SelectMany(w => new[] { w, w.Length > 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w }).ToHashSet();
        var codes = new[] { typeof(Discret.Domain.Input.ClosedList).Assembly, typeof(Discret.Web.Shared.HostModule).Assembly }
            .SelectMany(a => a.GetTypes()).Where(t => t.IsEnum).SelectMany(Enum.GetNames)
            .Concat(DataCatalogue.Fields.Select(f => f.Property.Split('.')[^1]))
            .Where(code => !words.Contains(code)).ToHashSet();
        var raw = Tokens(text).SelectMany(t => t.Split(':', ',')).Where(codes.Contains).Distinct().ToList();
        Assert.True(raw.Count == 0, "codes in the PDF: " + string.Join(", ", raw));
        Assert.DoesNotContain("Summary:Judgement", text);
    }

    [Fact]
    public async Task No_word_of_the_pdf_is_broken_across_lines()
    {
        var e = await ExportsAsync();
        var continuations = PdfText.Continuations(e.Pdf).ToList();
        Assert.True(continuations.Count > 100, $"{continuations.Count} wrapped lines found");
        // The words of the file (the JSON's values) and those the PDF prints inside a line (a piece of a broken word is only ever at an end).
        var vocabulary = JsonValues(e.Json).SelectMany(Tokens)
            .Concat(PdfText.Segments(e.Pdf).SelectMany(s => s.Words.Skip(1).SkipLast(1)).Select(Bare)).ToHashSet();
        var broken = continuations
            .Select(c => (End: Bare(c.Line.Words[^1]), Start: Bare(c.Next.Words[0])))
            .Where(p => (p.End.EndsWith('-') && p.End.Length > 1)
                        || (vocabulary.Contains(p.End + p.Start) && !(vocabulary.Contains(p.End) && vocabulary.Contains(p.Start))))
            .Select(p => $"{p.End} | {p.Start}").ToList();
        Assert.True(broken.Count == 0, "words broken across lines: " + string.Join("; ", broken));
    }

    [Fact]
    public void Every_closed_list_of_the_catalogue_has_the_label_the_pdf_prints()
    {
        var entities = typeof(Discret.Domain.Persons.Person).Assembly.GetTypes().Where(t => t.IsClass && t.Namespace?.StartsWith("Discret.Domain") == true)
            .GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());
        var lists = DataCatalogue.Fields.Select(f => f.Property.Split('.').Aggregate(entities[f.Entity], (type, name) => type.GetProperty(name)!.PropertyType))
            .Select(t => Nullable.GetUnderlyingType(t) ?? (t != typeof(string) && t.IsGenericType ? t.GetGenericArguments()[0] : t))
            .Where(t => t.IsEnum).Distinct().ToList();
        Assert.True(lists.Count >= 15, $"{lists.Count} closed lists");
        Assert.All(lists, list => Assert.True(Discret.Web.Shared.ClosedListLabel.Has(list), $"{list.Name} has no Label method"));
    }

    [Fact]
    public async Task The_json_file_keeps_the_machine_form_codes_references_and_search_keys()
    {
        var e = await ExportsAsync();
        Assert.Equal("Ccas", JsonValue(e.Json, "SharingConsent", "Partner"));
        Assert.Equal("AideFinanciere", JsonValue(e.Json, "SharingConsent", "Purpose"));
        Assert.StartsWith("réf. ", JsonValue(e.Json, "Sharing", "ConsentId"));
        Assert.Equal("Phone", JsonValue(e.Json, "RectifiedValue", "Field"));
        Assert.False(string.IsNullOrEmpty(JsonValue(e.Json, "Person", "BirthNameSound")));
        Assert.Equal(["document", "departement", "demande", "personne", "etabliLe", "professionnels", "sections"],
            e.Json.EnumerateObject().Select(p => p.Name));
    }

    private static IEnumerable<string> AllLabels(System.Reflection.MethodInfo method)
    {
        var parameters = method.GetParameters();
        var list = Nullable.GetUnderlyingType(parameters[0].ParameterType) ?? parameters[0].ParameterType;
        foreach (var value in Enum.GetValues(list))
        {
            var arguments = parameters.Select(p => p.DefaultValue).ToArray();
            arguments[0] = value;
            if (method.Invoke(null, arguments) is string label) yield return label;
        }
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
