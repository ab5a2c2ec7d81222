using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Documents;
using Discret.Domain.Organisation;
using Discret.Web.Features.AccesExceptionnel;
using Discret.Web.Features.Accompagnements;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Registre;

/// <summary>
/// The register in force (generated from the catalogue, the settings and the configuration) and its past versions,
/// kept in <see cref="PublishedDocuments"/>. Reading the register reads no personal data: no journal entry.
/// </summary>
public sealed class RegisterVersions(DiscretDbContext db, PublishedDocuments documents, IOptions<SecuritySettings> security,
    IOptions<JournalSettings> journal, IOptions<BreakGlassSettings> breakGlass, IOptions<WorkingNotesSettings> workingNotes,
    Conservation.RetentionSettings retention, IOptions<Conservation.RetentionJobSettings> retentionJob, IOptions<JournalAlertSettings> alerts) : IDocumentVersions<RegisterContent>
{
    /// <summary>The settings in force that the security measures (and the impact assessment) are written from.</summary>
    public SecurityConfiguration Configuration() =>
        new(security.Value, journal.Value, breakGlass.Value, workingNotes.Value, db.Database.IsNpgsql(), retentionJob.Value, alerts.Value);

    /// <summary>The register as it would be generated now, without publishing it.</summary>
    public async Task<RegisterContent> BuildAsync(CancellationToken ct = default)
    {
        var settings = await db.DepartementSettings.AsNoTracking().FirstAsync(s => s.Id == DepartementSettings.SingletonId, ct);
        var configuration = Configuration();
        var (rules, reasons) = await retention.AllInForceAsync(ct);
        return RegisterContent.Build(settings, [.. SecurityMeasures.Describe(configuration).Select(m => m.Description)], rules, reasons, StaffProcessing.Section(configuration));
    }

    public async Task<PublishedDocuments.Published<RegisterContent>> CurrentAsync(CancellationToken ct = default) =>
        await documents.CurrentAsync(DocumentKind.RegistreDesTraitements, await BuildAsync(ct), ct);

    public Task<PublishedDocuments.Published<RegisterContent>?> FindAsync(int number, CancellationToken ct = default) =>
        documents.FindAsync<RegisterContent>(DocumentKind.RegistreDesTraitements, number, ct);


    public Task<List<PublishedDocuments.Summary>> AllAsync(CancellationToken ct = default) => documents.AllAsync(DocumentKind.RegistreDesTraitements, ct);
}
