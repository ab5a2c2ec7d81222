namespace Discret.Web.Shared;

/// <summary>Settings of the installation (section "Discret"), as opposed to the département's settings kept in the database.</summary>
public sealed class DiscretSettings
{
    /// <summary>Demo mode: migrations at start, generated demo data and accounts, a visible banner.</summary>
    public bool DemoMode { get; set; }
    /// <summary>In demo mode, also generate three weeks of journal (so that the DPO console has something to show).</summary>
    public bool DemoJournal { get; set; } = true;
    /// <summary>Where users of the service can obtain Discret's source code (AGPL-3.0 §13).</summary>
    public string SourceCodeUrl { get; set; } = "";

    public static DiscretSettings From(IConfiguration configuration) =>
        configuration.GetSection("Discret").Get<DiscretSettings>() ?? new DiscretSettings();
}
