using System.Globalization;

namespace Discret.Web.Shared;

/// <summary>A count as a French reader writes it: thousands apart (« 2 144 entrées »), on pages and in the statistics.</summary>
public static class FrenchNumber
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Count(long n) => n.ToString("N0", French);
}
