using Discret.Data;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Journal;

/// <summary>
/// Staff names for the DPO console: the journal names accounts by id only; the DPO may see who they are.
/// </summary>
public sealed class JournalAccounts(DiscretDbContext db)
{
    public sealed record Name(Guid Id, string DisplayName, StaffRole Role);

    /// <summary>Every account, by display name, for the "compte" choice lists.</summary>
    public async Task<IReadOnlyList<Name>> AllAsync(CancellationToken ct = default) =>
        (await db.Users.AsNoTracking().Select(a => new Name(a.Id, a.DisplayName, a.Role)).ToListAsync(ct))
        .OrderBy(a => a.DisplayName, StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), true)).ToList();

    /// <summary>The names of the accounts a page of entries refers to.</summary>
    public async Task<IReadOnlyDictionary<Guid, Name>> NamesAsync(IEnumerable<Guid?> ids, CancellationToken ct = default)
    {
        var wanted = ids.Where(i => i is not null).Select(i => i!.Value).Distinct().ToList();
        if (wanted.Count == 0) return new Dictionary<Guid, Name>();
        return await db.Users.AsNoTracking().Where(a => wanted.Contains(a.Id))
            .Select(a => new Name(a.Id, a.DisplayName, a.Role)).ToDictionaryAsync(a => a.Id, ct);
    }

    public static IEnumerable<SelectListItem> Choices(IEnumerable<Name> accounts, string emptyLabel) =>
        accounts.Select(a => new SelectListItem($"{a.DisplayName} ({a.Role.Label()})", a.Id.ToString()))
            .Prepend(new SelectListItem(emptyLabel, ""));
}
