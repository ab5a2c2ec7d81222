using System.Globalization;
using Discret.Data;
using Discret.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Discret.Domain.Input;

namespace Discret.Web.Shared;

/// <summary>What every page shows of the département: name, colours, logo, accessibility status, DPO contact. Read once per request.</summary>
public sealed class DepartementTheme(DiscretDbContext db)
{
    public const string FallbackColor = "#1f5f8b";
    private ThemeView? _view;

    public sealed record ThemeView(string Name, string PrimaryColor, bool HasLogo, int Revision, AccessibilityStatus Accessibility, string DpoContact);

    public async Task<ThemeView> GetAsync()
    {
        if (_view is not null) return _view;
        var s = await db.DepartementSettings.AsNoTracking().Where(x => x.Id == DepartementSettings.SingletonId)
            .Select(x => new ThemeView(x.Name, x.PrimaryColor, x.Logo != null, x.Revision, x.AccessibilityStatus, x.DpoContact))
            .FirstOrDefaultAsync();
        return _view = s ?? new ThemeView("Département", FallbackColor, false, 0, AccessibilityStatus.NonConforme, "");
    }

    public static string AccessibilityLabel(AccessibilityStatus status) => status switch
    {
        AccessibilityStatus.TotalementConforme => "totalement conforme",
        AccessibilityStatus.PartiellementConforme => "partiellement conforme",
        AccessibilityStatus.NonConforme => "non conforme",
        _ => ClosedList.Unknown(status),
    };

    /// <summary>The stylesheet that paints Bootstrap in the département's primary colour.</summary>
    public static string Stylesheet(string primary)
    {
        if (!ColorContrast.IsHexColor(primary)) primary = FallbackColor;
        var (r, g, b) = Rgb(primary);
        var dark = Hex(r * 0.82, g * 0.82, b * 0.82);
        var darker = Hex(r * 0.7, g * 0.7, b * 0.7);
        return $$"""
            :root {
              --discret-primary: {{primary}};
              --discret-primary-dark: {{dark}};
              --bs-primary: {{primary}};
              --bs-primary-rgb: {{r}}, {{g}}, {{b}};
              --bs-link-color: {{primary}};
              --bs-link-color-rgb: {{r}}, {{g}}, {{b}};
              --bs-link-hover-color: {{darker}};
              --bs-link-hover-color-rgb: {{Rgbs(darker)}};
              --bs-focus-ring-color: rgba({{r}}, {{g}}, {{b}}, .45);
            }
            .btn-primary {
              --bs-btn-bg: {{primary}}; --bs-btn-border-color: {{primary}};
              --bs-btn-hover-bg: {{dark}}; --bs-btn-hover-border-color: {{dark}};
              --bs-btn-active-bg: {{darker}}; --bs-btn-active-border-color: {{darker}};
              --bs-btn-disabled-bg: {{primary}}; --bs-btn-disabled-border-color: {{primary}};
              --bs-btn-focus-shadow-rgb: {{r}}, {{g}}, {{b}};
            }
            .btn-outline-primary {
              --bs-btn-color: {{primary}}; --bs-btn-border-color: {{primary}};
              --bs-btn-hover-bg: {{primary}}; --bs-btn-hover-border-color: {{primary}};
              --bs-btn-active-bg: {{dark}}; --bs-btn-active-border-color: {{dark}};
            }
            .pagination { --bs-pagination-active-bg: {{primary}}; --bs-pagination-active-border-color: {{primary}}; --bs-pagination-color: {{primary}}; }
            .form-check-input:checked { background-color: {{primary}}; border-color: {{primary}}; }
            .bg-discret { background-color: {{primary}} !important; color: #fff; }
            .discret-nav { background-color: {{dark}}; }
            """;
    }

    private static (int R, int G, int B) Rgb(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber), int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber), int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber));

    private static string Rgbs(string hex) { var (r, g, b) = Rgb(hex); return $"{r}, {g}, {b}"; }

    private static string Hex(double r, double g, double b) => $"#{(int)r:x2}{(int)g:x2}{(int)b:x2}";
}
