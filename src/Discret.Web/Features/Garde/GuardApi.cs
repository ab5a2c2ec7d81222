using Discret.Web.Security;

namespace Discret.Web.Features.Garde;

/// <summary>
/// <c>POST /api/v1/garde/analyse</c>: the guard's findings for a text, so that the browser warns as the worker types
/// with the server's single implementation. Nothing is stored and nothing is logged: the text only passes through.
/// </summary>
public static class GuardApi
{
    /// <summary>Longer texts are refused: no free-text field of Discret is that long.</summary>
    public const int MaxTextLength = 20_000;

    /// <summary>Un texte libre à analyser par la garde de sobriété ; il n'est ni enregistré ni journalisé.</summary>
    /// <param name="Text">Le texte : 20 000 caractères au plus. Absent ou vide : rien à signaler.</param>
    public sealed record AnalyseRequest(string? Text);

    /// <summary>Ce que la garde a trouvé dans le texte, et où.</summary>
    /// <param name="Kind">Identifier (refusé) ou Vocabulary (mot à relire).</param>
    /// <param name="Category">Catégorie de ce qui a été trouvé.</param>
    /// <param name="CategoryLabel">Libellé français de la catégorie.</param>
    /// <param name="Start">Position du début dans le texte, en unités UTF-16 à partir de 0.</param>
    /// <param name="Length">Longueur du passage, en unités UTF-16.</param>
    /// <param name="Message">Message en français pour la personne qui écrit.</param>
    public sealed record FindingView(FindingKind Kind, FindingCategory Category, string CategoryLabel, int Start, int Length, string Message);

    /// <summary>Le verdict de la garde de sobriété sur un texte et ce qu'elle y a trouvé.</summary>
    /// <param name="Verdict">Refused si un identifiant a été trouvé, Warned s'il n'y a que des mots à relire, Clean sinon.</param>
    /// <param name="Findings">Ce qui a été trouvé, dans l'ordre du texte ; vide pour Clean.</param>
    public sealed record AnalyseResponse(GuardVerdict Verdict, IReadOnlyList<FindingView> Findings);

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/garde/analyse", (AnalyseRequest request) =>
        {
            if (request.Text is { Length: > MaxTextLength })
                return ApiProblems.Validation(new Dictionary<string, string[]>
                {
                    ["text"] = [$"Le texte compte {request.Text.Length} caractères : l'analyse en accepte 20 000 au plus."],
                });
            return Results.Ok(ToView(TextGuard.Analyse(request.Text)));
        }).RateLimited(RateLimitKind.Guard).WithSummary("Analyse un texte libre avec la garde de sobriété (identifiants refusés, mots à relire) ; rien n'est enregistré ni journalisé.")
            .Produces<AnalyseResponse>();

    public static AnalyseResponse ToView(GuardResult result) =>
        new(result.Verdict, result.Findings.Select(f => new FindingView(f.Kind, f.Category, f.Category.Label(), f.Start, f.Length, f.Message)).ToList());
}
