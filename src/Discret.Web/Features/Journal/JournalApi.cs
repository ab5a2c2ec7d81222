using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Discret.Web.Security;

namespace Discret.Web.Features.Journal;

/// <summary>
/// The DPO console as JSON: journal search, a file's history, the files an account touched. The DPO only (404 for
/// everyone else); opaque ids and dates in the URL, never a name; each call journaled before its data is read.
/// </summary>
public static class JournalApi
{
    /// <summary>Une entrée du journal des accès (console du DPO).</summary>
    /// <param name="Seq">Numéro de l'entrée dans le journal ; celui de la dernière entrée d'une page est le curseur next.</param>
    /// <param name="At">Moment de l'action, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    /// <param name="AccountId">Identifiant (UUID) du compte qui a agi ; null pour une action du système ou sans session.</param>
    /// <param name="AccountName">Nom affiché de ce compte ; null sans compte.</param>
    /// <param name="Role">Rôle du compte au moment de l'action ; null sans compte.</param>
    /// <param name="RoleLabel">Libellé français de ce rôle ; null sans compte.</param>
    /// <param name="PersonId">Identifiant (UUID) du dossier concerné ; null pour une action qui ne porte sur aucun dossier.</param>
    /// <param name="Action">Type d'action.</param>
    /// <param name="ActionLabel">Libellé français du type d'action.</param>
    /// <param name="Detail">Détail technique, tel qu'il est journalisé (groupes de données, vue, référence…) ; null s'il n'y en a pas.</param>
    /// <param name="DetailLabel">Le même détail, lisible en français ; null s'il n'y en a pas.</param>
    /// <param name="Purpose">Motif déclaré (accès exceptionnel…), code tel qu'il est journalisé ; null s'il n'y en a pas.</param>
    /// <param name="PurposeLabel">Le même motif, en français ; null s'il n'y en a pas.</param>
    /// <param name="Address">Adresse IP d'où venait la requête ; null si elle n'est pas connue.</param>
    public sealed record EntryDocument(long Seq, DateTime At, Guid? AccountId, string? AccountName, StaffRole? Role, string? RoleLabel,
        Guid? PersonId, JournalAction Action, string ActionLabel, string? Detail, string? DetailLabel, string? Purpose, string? PurposeLabel, string? Address);

    /// <summary>Une page de résultats de recherche dans le journal (50 entrées au plus), des plus récentes aux plus anciennes.</summary>
    /// <param name="Entries">Les entrées de la page.</param>
    /// <param name="Next">Curseur de la page suivante, à renvoyer dans le paramètre before ; null sur la dernière page.</param>
    public sealed record SearchDocument(IReadOnlyList<EntryDocument> Entries, long? Next);

    /// <summary>Une consultation ou écriture du dossier : qui (sa profession, jamais son nom), quand, quoi et pourquoi — jamais le contenu.</summary>
    /// <param name="At">Moment de l'action, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    /// <param name="Role">Rôle du compte qui a agi ; null pour une action du système.</param>
    /// <param name="RoleLabel">Libellé français de ce rôle ; null sans compte.</param>
    /// <param name="Action">Type d'action.</param>
    /// <param name="ActionLabel">Libellé français du type d'action.</param>
    /// <param name="Detail">Données concernées, en français (et non le code technique, à la différence de la recherche) ; null s'il n'y en a pas.</param>
    /// <param name="Purpose">Motif déclaré, en français ; null s'il n'y en a pas.</param>
    public sealed record HistoryEntry(DateTime At, StaffRole? Role, string? RoleLabel, JournalAction Action, string ActionLabel, string? Detail, string? Purpose);

    /// <summary>L'historique des accès à un dossier (100 entrées par page), des plus récentes aux plus anciennes.</summary>
    /// <param name="PersonId">Identifiant (UUID) du dossier.</param>
    /// <param name="Entries">Les entrées de la page.</param>
    /// <param name="Next">Curseur de la page suivante, à renvoyer dans le paramètre before ; null sur la dernière page.</param>
    public sealed record HistoryDocument(Guid PersonId, IReadOnlyList<HistoryEntry> Entries, long? Next);

    /// <summary>Les dossiers qu'un compte a lus, modifiés ou exportés entre deux dates (en cas de violation de données).</summary>
    /// <param name="AccountId">Identifiant (UUID) du compte.</param>
    /// <param name="From">Premier jour de la période (inclus), jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="To">Dernier jour de la période (inclus), jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="Count">Nombre de dossiers.</param>
    /// <param name="Files">Identifiants (UUID) des dossiers, sans nom.</param>
    public sealed record FilesDocument(Guid AccountId, DateOnly From, DateOnly To, int Count, IReadOnlyList<Guid> Files);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tracabilite").RequireAuthorization(Policies.Journal);

        group.MapGet("/journal", async (Guid? personId, Guid? accountId, JournalAction? action, DateOnly? from, DateOnly? to, long? before,
            JournalSearch search, JournalAccounts accounts, AccessJournal journal, HttpContext http) =>
        {
            if (from is { } f && to is { } t && t < f)
                return ApiProblems.Validation(new Dictionary<string, string[]> { ["to"] = ["La date de fin doit être postérieure ou égale à la date de début."] });
            var ct = http.RequestAborted;
            await journal.WriteAsync(JournalAction.ConsultationJournal, personId, DpoConsole.Views.Search, reference: accountId, ct: ct);
            var page = await search.SearchAsync(new JournalSearch.Query(personId, accountId, action,
                from is { } d1 ? ParisTime.StartOfDayUtc(d1) : null, to is { } d2 ? ParisTime.StartOfDayUtc(d2.AddDays(1)) : null), before, ct: ct);
            var names = await accounts.NamesAsync(page.Entries.Select(e => e.AccountId), ct);
            return Results.Ok(new SearchDocument(page.Entries.Select(e => new EntryDocument(e.Seq, e.At, e.AccountId,
                e.AccountId is { } a && names.TryGetValue(a, out var n) ? n.DisplayName : null, e.Role, e.Role?.Label(), e.PersonId,
                e.Action, e.Action.Label(), e.Detail, JournalLabels.Detail(e.Detail), e.Purpose, JournalLabels.Purpose(e.Purpose), e.Address)).ToList(), page.Next));
        }).WithSummary("Recherche dans le journal (dossier, compte, action, du … au … inclus, dates de Paris), des plus récentes aux plus anciennes ; « next » donne le curseur « before » de la page suivante.")
            .Produces<SearchDocument>();

        group.MapGet("/dossiers/{id:guid}", async (Guid id, long? before, JournalSearch search, AccessJournal journal, HttpContext http) =>
        {
            var ct = http.RequestAborted;
            await journal.WriteAsync(JournalAction.ConsultationJournal, id, DpoConsole.Views.PersonHistory, ct: ct);
            var page = await search.SearchAsync(new JournalSearch.Query(PersonId: id), before, PersonJournalModel.PageSize, ct);
            return Results.Ok(new HistoryDocument(id, page.Entries.Select(e => new HistoryEntry(e.At, e.Role, e.Role?.Label(), e.Action, e.Action.Label(),
                JournalLabels.Detail(e.Detail), JournalLabels.Purpose(e.Purpose))).ToList(), page.Next));
        }).WithSummary("Qui a consulté ce dossier : date, profession, action, données concernées, motif — sans nom ni contenu.")
            .Produces<HistoryDocument>();

        group.MapGet("/comptes/{id:guid}/dossiers", async (Guid id, DateOnly? from, DateOnly? to, JournalSearch search, AccessJournal journal, HttpContext http) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (from is null) errors["from"] = ["Indiquez la date de début (from=AAAA-MM-JJ)."];
            if (to is null) errors["to"] = ["Indiquez la date de fin, incluse (to=AAAA-MM-JJ)."];
            else if (from is { } f0 && to < f0) errors["to"] = ["La date de fin doit être postérieure ou égale à la date de début."];
            if (errors.Count > 0) return ApiProblems.Validation(errors);
            var ct = http.RequestAborted;
            await journal.WriteAsync(JournalAction.ConsultationJournal, detail: DpoConsole.Views.Breach, reference: id, ct: ct);
            var files = (await search.FilesTouchedAsync(id, ParisTime.StartOfDayUtc(from!.Value), ParisTime.StartOfDayUtc(to!.Value.AddDays(1)), ct)).Order().ToList();
            return Results.Ok(new FilesDocument(id, from.Value, to.Value, files.Count, files));
        }).WithSummary("Violation de données : les dossiers (identifiants opaques) qu'un compte a lus, modifiés ou exportés entre deux dates incluses.")
            .Produces<FilesDocument>();
    }
}
