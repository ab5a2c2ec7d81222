using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Discret.Web.Shared.Documents;

namespace Discret.Web.Features.AnalyseImpact;

/// <summary>
/// The impact assessment in the file format of the CNIL's free PIA software (« Importer une PIA » takes it): the
/// assessment's fields left for the controller to complete, one answer per question of the method (referenced 111 to
/// 346 as in the software's architecture: text answers as HTML paragraphs, the risks' impacts, threats, sources and
/// measures as lists), and the measures of part 3.1 with their descriptions. No evaluation, no comment, no gauge: judging
/// the risks is the controller's work. The format was established from the software's public sources (its import
/// routine and its test fixture of an exported PIA); it holds no personal data.
/// </summary>
public static class PiaExport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public sealed record Pia(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("category")] string Category,
        [property: JsonPropertyName("status")] int Status,
        [property: JsonPropertyName("author_name")] string AuthorName,
        [property: JsonPropertyName("evaluator_name")] string EvaluatorName,
        [property: JsonPropertyName("validator_name")] string ValidatorName,
        [property: JsonPropertyName("dpo_status")] int? DpoStatus,
        [property: JsonPropertyName("dpo_opinion")] string DpoOpinion,
        [property: JsonPropertyName("dpos_names")] string DposNames,
        [property: JsonPropertyName("people_names")] string PeopleNames,
        [property: JsonPropertyName("concerned_people_opinion")] string ConcernedPeopleOpinion,
        [property: JsonPropertyName("concerned_people_status")] int? ConcernedPeopleStatus,
        [property: JsonPropertyName("concerned_people_searched_opinion")] bool? ConcernedPeopleSearchedOpinion,
        [property: JsonPropertyName("concerned_people_searched_content")] string ConcernedPeopleSearchedContent,
        [property: JsonPropertyName("rejection_reason")] string RejectionReason,
        [property: JsonPropertyName("applied_adjustments")] string AppliedAdjustments,
        [property: JsonPropertyName("is_example")] int IsExample,
        [property: JsonPropertyName("is_archive")] int IsArchive,
        [property: JsonPropertyName("structure_id")] int? StructureId,
        [property: JsonPropertyName("created_at")] DateTime CreatedAt,
        [property: JsonPropertyName("updated_at")] DateTime UpdatedAt);

    public sealed record AnswerData(
        [property: JsonPropertyName("text")] string? Text,
        [property: JsonPropertyName("gauge")] int? Gauge,
        [property: JsonPropertyName("list")] IReadOnlyList<string> List);

    public sealed record Answer(
        [property: JsonPropertyName("reference_to")] int ReferenceTo,
        [property: JsonPropertyName("data")] AnswerData Data,
        [property: JsonPropertyName("created_at")] DateTime CreatedAt);

    public sealed record Measure(
        [property: JsonPropertyName("id")] int Id,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("content")] string Content,
        [property: JsonPropertyName("placeholder")] string Placeholder,
        [property: JsonPropertyName("created_at")] DateTime CreatedAt);

    public sealed record File(
        [property: JsonPropertyName("pia")] Pia Pia,
        [property: JsonPropertyName("answers")] IReadOnlyList<Answer> Answers,
        [property: JsonPropertyName("measures")] IReadOnlyList<Measure> Measures,
        [property: JsonPropertyName("evaluations")] IReadOnlyList<object> Evaluations,
        [property: JsonPropertyName("comments")] IReadOnlyList<object> Comments);

    public static File From(PublishedDocuments.Published<ImpactAssessmentContent> assessment)
    {
        var c = assessment.Content;
        var at = assessment.PublishedAt;
        var pia = new Pia($"{c.Processing} — {c.Departement} (Discret, version {assessment.Number})", "Action sociale", Status: 0,
            AuthorName: "", EvaluatorName: "", ValidatorName: "", DpoStatus: null, DpoOpinion: "", DposNames: "", PeopleNames: "",
            ConcernedPeopleOpinion: "", ConcernedPeopleStatus: null, ConcernedPeopleSearchedOpinion: null, ConcernedPeopleSearchedContent: "",
            RejectionReason: "", AppliedAdjustments: "", IsExample: 0, IsArchive: 0, StructureId: null, CreatedAt: at, UpdatedAt: at);
        var answers = c.Items.SelectMany(i => i.Questions).Where(q => q.Reference > 0)
            .Select(q => new Answer(q.Reference, q.AsList
                ? new AnswerData(null, null, q.Answer)
                : new AnswerData(Paragraphs(q.Answer), null, []), at))
            .ToList();
        var measures = c.Measures.Select((m, i) => new Measure(i + 1, m.Title, Paragraphs([m.Description]), "", at)).ToList();
        return new File(pia, answers, measures, [], []);
    }

    public static byte[] Serialize(File file) => JsonSerializer.SerializeToUtf8Bytes(file, Json);

    private static string Paragraphs(IEnumerable<string> lines) => string.Concat(lines.Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"));
}
