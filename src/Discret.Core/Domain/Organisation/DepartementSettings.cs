using Discret.Domain.Mandates;

namespace Discret.Domain.Organisation;

public enum AccessibilityStatus { NonConforme, PartiellementConforme, TotalementConforme }

/// <summary>The département's identity and contacts: one row. Drives the theme, the footer and later the information notice.</summary>
public class DepartementSettings
{
    public const int SingletonId = 1;
    public const int MaxLogoBytes = 200 * 1024;

    private DepartementSettings() { }

    public DepartementSettings(string name, string primaryColor, string controllerName, string dpoContact)
    {
        Id = SingletonId;
        Name = name;
        PrimaryColor = primaryColor;
        ControllerName = controllerName;
        DpoContact = dpoContact;
        AccessibilityStatus = AccessibilityStatus.NonConforme;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>#rrggbb; white text on it must reach a 4.5:1 contrast ratio.</summary>
    public string PrimaryColor { get; private set; } = "";
    public string ControllerName { get; private set; } = "";
    public string DpoContact { get; private set; } = "";
    /// <summary>The controller's postal address, printed on the information notice and the register.</summary>
    public string PostalAddress { get; private set; } = "";
    public AccessibilityStatus AccessibilityStatus { get; private set; }
    public byte[]? Logo { get; private set; }
    public string? LogoContentType { get; private set; }
    /// <summary>Changes on every update so the theme stylesheet and logo can be cached by URL.</summary>
    public int Revision { get; private set; }

    public void Update(string name, string primaryColor, string controllerName, string dpoContact, AccessibilityStatus status)
    {
        if (!ColorContrast.IsReadableWithWhiteText(primaryColor))
            throw new InvalidOperationException("Primary colour must keep a 4.5:1 contrast with white text.");
        Name = name;
        PrimaryColor = primaryColor.ToLowerInvariant();
        ControllerName = controllerName;
        DpoContact = dpoContact;
        AccessibilityStatus = status;
        Revision++;
    }

    public const int MaxPostalAddressLength = 300;

    /// <summary>Published statistics mask every count under this threshold (the DPO sets it between these bounds).</summary>
    public const int MinStatisticsThreshold = 5, MaxStatisticsThreshold = 11;
    public int StatisticsThreshold { get; private set; } = MinStatisticsThreshold;

    public void SetStatisticsThreshold(int threshold)
    {
        if (threshold is < MinStatisticsThreshold or > MaxStatisticsThreshold)
            throw new ArgumentOutOfRangeException(nameof(threshold));
        StatisticsThreshold = threshold;
    }

    /// <summary>The domains of online procedures the département offers in its mandates, by name, comma-separated (every
    /// domain by default). A name no longer in the list is ignored.</summary>
    public string OfferedProcedureDomains { get; private set; } = AllProcedureDomains;

    /// <summary>The setting's value when every domain is offered (the default, and the column's default).</summary>
    public static readonly string AllProcedureDomains = string.Join(',', Enum.GetNames<ProcedureDomain>());

    public IReadOnlyList<ProcedureDomain> OfferedDomains => ParseDomains(OfferedProcedureDomains);

    public static IReadOnlyList<ProcedureDomain> ParseDomains(string names) =>
        names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => Enum.TryParse<ProcedureDomain>(n, out var d) && Enum.IsDefined(d) && !int.TryParse(n, out _) ? d : (ProcedureDomain?)null)
            .OfType<ProcedureDomain>().Distinct().Order().ToList();

    /// <summary>Which domains new mandates may authorise; at least one. Mandates already signed keep theirs.</summary>
    public void OfferDomains(IEnumerable<ProcedureDomain> domains)
    {
        var chosen = domains.Where(Enum.IsDefined).Distinct().Order().ToList();
        if (chosen.Count == 0) throw new ArgumentException("At least one domain of online procedures is offered.", nameof(domains));
        OfferedProcedureDomains = string.Join(',', chosen);
        Revision++;
    }

    public void SetPostalAddress(string address)
    {
        PostalAddress = address.Trim();
        Revision++;
    }

    public void ReplaceLogo(byte[] content, string contentType)
    {
        Logo = content;
        LogoContentType = contentType;
        Revision++;
    }

    public void RemoveLogo()
    {
        Logo = null;
        LogoContentType = null;
        Revision++;
    }
}
