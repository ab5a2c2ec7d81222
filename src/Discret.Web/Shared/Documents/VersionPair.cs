using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Discret.Web.Shared.Documents;

/// <summary>
/// The two version numbers of a comparison page (<c>?de=1&amp;a=3</c>), read as strings so that « abc » gets a French
/// message on the form rather than a binding error; the errors go to the fields named <paramref name="fromField"/> and
/// <paramref name="toField"/> (the page's property names, which its fields and error summary use).
/// </summary>
public static class VersionPair
{
    public static (int From, int To)? Read(ModelStateDictionary state, string? from, string? to, string fromField, string toField)
    {
        // The binder keyed its entries "de" and "a"; the fields (and the summary's links) use the property names.
        state.Clear();
        var first = Parse(state, fromField, from, "la première version");
        var second = Parse(state, toField, to, "la seconde version");
        if (first is null || second is null) return null;
        if (first >= second)
        {
            state.AddModelError(toField, first == second
                ? "Choisissez deux versions différentes."
                : "La seconde version doit être plus récente que la première : choisissez la plus ancienne en premier.");
            return null;
        }
        return (first.Value, second.Value);
    }

    private static int? Parse(ModelStateDictionary state, string field, string? value, string what)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0) return number;
        state.AddModelError(field, $"Indiquez le numéro de {what} (un nombre entier, par exemple 1).");
        return null;
    }
}
