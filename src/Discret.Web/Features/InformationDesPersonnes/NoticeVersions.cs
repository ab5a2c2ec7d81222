using Discret.Data;
using Discret.Domain.Documents;
using Discret.Domain.Organisation;
using Discret.Web.Shared.Documents;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>The information notice in force (generated from the catalogue and the settings) and its past versions.</summary>
public sealed class NoticeVersions(DiscretDbContext db, PublishedDocuments documents, Conservation.RetentionSettings retention,
    Microsoft.Extensions.Options.IOptions<AccesExceptionnel.BreakGlassSettings> breakGlass) : IDocumentVersions<NoticeContent>
{
    public async Task<PublishedDocuments.Published<NoticeContent>> CurrentAsync(CancellationToken ct = default)
    {
        var settings = await db.DepartementSettings.AsNoTracking().FirstAsync(s => s.Id == DepartementSettings.SingletonId, ct);
        var (rules, _) = await retention.AllInForceAsync(ct);
        return await documents.CurrentAsync(DocumentKind.NoticeInformation, NoticeContent.Build(settings, rules, breakGlass.Value.Duration), ct);
    }

    public Task<PublishedDocuments.Published<NoticeContent>?> FindAsync(int number, CancellationToken ct = default) =>
        documents.FindAsync<NoticeContent>(DocumentKind.NoticeInformation, number, ct);

    public Task<List<PublishedDocuments.Summary>> AllAsync(CancellationToken ct = default) => documents.AllAsync(DocumentKind.NoticeInformation, ct);
}
