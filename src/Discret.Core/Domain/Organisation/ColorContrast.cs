using System.Globalization;
using System.Text.RegularExpressions;

namespace Discret.Domain.Organisation;

/// <summary>WCAG 2.1 contrast ratio, used to refuse a primary colour that white text cannot be read on.</summary>
public static partial class ColorContrast
{
    public const double MinimumRatio = 4.5;

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();

    public static bool IsHexColor(string? value) => value is not null && HexColor().IsMatch(value);

    public static double RatioWithWhite(string hex)
    {
        if (!IsHexColor(hex)) throw new FormatException("Expected a colour written #rrggbb.");
        var luminance = RelativeLuminance(hex);
        return (1.0 + 0.05) / (luminance + 0.05);
    }

    public static bool IsReadableWithWhiteText(string? hex) => IsHexColor(hex) && RatioWithWhite(hex!) >= MinimumRatio;

    private static double RelativeLuminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
    }
}
