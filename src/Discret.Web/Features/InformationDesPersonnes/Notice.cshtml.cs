using Discret.Web.Shared.Documents;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>The information notice, current or of a past version, to read, print as a leaflet or as a poster, or read in
/// another language. Every member of staff may hand it over; it holds no personal data.</summary>
public sealed class NoticeModel(NoticeVersions versions, NoticeTranslations translations) : DocumentPageModel<NoticeContent>(versions)
{
    /// <summary>The languages the notice is translated into, with how much of this version each covers.</summary>
    public IReadOnlyList<NoticeTranslations.Progress> Languages { get; private set; } = [];

    protected override async Task LoadMoreAsync(CancellationToken ct) => Languages = await translations.ProgressAsync(Document.Content, ct);
}
