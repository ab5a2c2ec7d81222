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

    public sealed record AnalyseRequest(string? Text);

    public sealed record FindingView(FindingKind Kind, FindingCategory Category, string CategoryLabel, int Start, int Length, string Message);

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
