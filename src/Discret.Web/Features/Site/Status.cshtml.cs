using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Site;

/// <summary>The French page shown for an error status (404 above all: a refused page looks exactly like a missing one).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    // The status being shown when the page is re-executed for an error (a form the framework could not read leaves
    // the route's code unbound).
    public void OnGet(int code) => Describe(OriginalStatus ?? code);
    public void OnPost(int code) => Describe(OriginalStatus ?? code);

    private int? OriginalStatus => HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalStatusCode;

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            404 => ("Page introuvable", "La page demandée n'existe pas. Vérifiez le lien ou revenez à l'accueil."),
            400 => ("Requête invalide", "La demande n'a pas pu être comprise. Rechargez la page et recommencez."),
            405 => ("Action impossible", "Cette action n'est pas possible sur cette page."),
            429 => ("Trop de tentatives", Discret.Web.Security.RateLimits.Explanation(HttpContext)),
            _ => ("Une erreur est survenue", "L'opération n'a pas abouti et rien n'a été enregistré. Réessayez ; si l'erreur persiste, prévenez l'administrateur."),
        };
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null) Response.StatusCode = code is >= 400 and < 600 ? code : 404;
    }
}
