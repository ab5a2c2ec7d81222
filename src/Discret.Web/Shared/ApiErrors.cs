using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Discret.Web.Shared;

public static class ApiErrors
{
    /// <summary>Gives every problem document a French title and detail (malformed JSON included) and its stable type (<see cref="ProblemType"/>).</summary>
    public static void InFrench(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        switch (problem.Status)
        {
            case 400 when context.Exception is BadHttpRequestException || problem.Title is null or "Bad Request" or "One or more validation errors occurred.":
                problem.Title = "Requête invalide";
                problem.Detail ??= "La requête est mal formée : vérifiez le JSON envoyé et le type de chaque champ.";
                if (context.Exception is BadHttpRequestException) problem.Detail = "La requête est mal formée : vérifiez le JSON envoyé et le type de chaque champ.";
                break;
            case 401: problem.Title ??= "Non authentifié"; break;
            case 404: problem.Title = "Introuvable"; problem.Detail ??= "La ressource demandée n'existe pas."; break;
            case 405: problem.Title = "Méthode non autorisée"; break;
            case 415: problem.Title = "Format non pris en charge"; problem.Detail = "Envoyez le corps de la requête en JSON (application/json)."; break;
        }
        problem.Type = ProblemType.Of(problem).Uri;
        problem.Extensions.Remove("traceId");
    }
}

public static class FrenchBindingMessages
{
    public static void UseFrench(this DefaultModelBindingMessageProvider m)
    {
        // Messages without the property name (it is English in the code); the field they sit next to says which.
        m.SetAttemptedValueIsInvalidAccessor((v, f) => "Cette valeur n'est pas valide : choisissez dans la liste ou corrigez la saisie.");
        m.SetMissingBindRequiredValueAccessor(f => "Ce champ est obligatoire.");
        m.SetMissingKeyOrValueAccessor(() => "Une valeur est obligatoire.");
        m.SetMissingRequestBodyRequiredValueAccessor(() => "Le corps de la requête est vide.");
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => "La valeur saisie n'est pas valide.");
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur saisie n'est pas valide.");
        m.SetNonPropertyValueMustBeANumberAccessor(() => "Saisissez un nombre.");
        m.SetUnknownValueIsInvalidAccessor(f => "Cette valeur n'est pas valide : choisissez dans la liste ou corrigez la saisie.");
        m.SetValueIsInvalidAccessor(v => "La valeur saisie n'est pas valide.");
        m.SetValueMustBeANumberAccessor(f => "Saisissez un nombre.");
        m.SetValueMustNotBeNullAccessor(f => "Ce champ est obligatoire.");
    }
}
