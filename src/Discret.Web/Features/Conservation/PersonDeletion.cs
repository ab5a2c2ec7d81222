using Discret.Data;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// Deletes persons' files for real: rows are deleted, not flagged. The person row takes with it, by the database's
/// cascades, its follow-ups (and their team, interviews and working notes), information records, facts brought to
/// knowledge, consents (and their sharings), break-glass accesses, notifications and legal holds; the search keys are
/// columns of the person row and go with it; a household goes once no one is left in it. Rights requests stay (their
/// own rule: evidence of the answer) and name the file by opaque id only, as the journal does. The caller owns the
/// transaction: the retention job deletes a chunk of persons per transaction, an erasure one person.
/// </summary>
[AcrossFiles("deletes files for the retention job and an erasure, which reach them without a view")]
public static class PersonDeletion
{
    /// <returns>How many persons were deleted.</returns>
    public static async Task<int> DeleteAsync(DiscretDbContext db, IReadOnlyCollection<Guid> personIds, CancellationToken ct = default)
    {
        if (personIds.Count == 0) return 0;
        var ids = personIds.ToList();
        var householdIds = await db.Persons.Where(p => ids.Contains(p.Id)).Select(p => p.HouseholdId).Distinct().ToListAsync(ct);
        // Sharings name the person themselves; the cascade from the consent would take them too, said here for clarity.
        await db.Sharings.Where(s => ids.Contains(s.PersonId)).ExecuteDeleteAsync(ct);
        var deleted = await db.Persons.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(ct);
        await db.Households.Where(h => householdIds.Contains(h.Id) && !db.Persons.Any(p => p.HouseholdId == h.Id)).ExecuteDeleteAsync(ct);
        return deleted;
    }
}
