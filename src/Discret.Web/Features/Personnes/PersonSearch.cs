using System.Security.Claims;
using Discret.Data;
using Discret.Domain.Persons;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Personnes;

/// <summary>
/// Name search over the persons the account may see (never beyond): accent- and case-insensitive prefix on the
/// birth or usage name, or the same sound (Lefèvre / Lefevre / Lefebvre), optionally narrowed by birth date.
/// Search terms travel in the request body, never in a URL.
/// </summary>
public sealed class PersonSearch(PersonAccess access, Journal.AccessJournal journal)
{
    public const int MaxResults = 20;

    public sealed record Hit(Guid Id, string BirthName, string? UsageName, string FirstNames, DateOnly BirthDate);

    public sealed record Result(IReadOnlyList<Hit> Hits, bool More);

    /// <summary>A French reason when the name cannot be searched, else null.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "Saisissez au moins les deux premières lettres du nom.";
        if (name.Length > Person.MaxNameLength) return "Le nom recherché est trop long (100 caractères au plus).";
        if (NameKeys.Normalize(name).Length < 2) return "Saisissez au moins deux lettres du nom.";
        if (!Discret.Domain.Input.IdentityFormat.IsName(name.Trim(), Person.MaxNameLength))
            return "Le nom recherché ne peut contenir que " + Discret.Domain.Input.IdentityFormat.NameCharacters + ".";
        return null;
    }

    public async Task<Result> SearchAsync(ClaimsPrincipal user, string name, DateOnly? birthDate, CancellationToken cancellationToken = default)
    {
        var result = await SearchAmongAsync(access.VisiblePersons(user), name, birthDate, cancellationToken);
        // The fact and the number of results, never the terms: before the results are returned.
        await journal.WriteAsync(Domain.Journal.JournalAction.Recherche, detail: $"{result.Hits.Count} résultat(s)", ct: cancellationToken);
        return result;
    }

    /// <summary>The persons whose birth or usage name starts with the searched name (accents and case ignored) or sounds the same.</summary>
    public static IQueryable<Person> MatchingName(IQueryable<Person> persons, string name)
    {
        var key = NameKeys.Normalize(name);
        var upper = key + "{"; // keys hold a–z only: '{' sorts right after 'z', so [key, upper) is the prefix range
        var sound = NameKeys.Sound(name);
        return persons.Where(p =>
            (string.Compare(p.BirthNameKey, key) >= 0 && string.Compare(p.BirthNameKey, upper) < 0)
            || (string.Compare(p.UsageNameKey, key) >= 0 && string.Compare(p.UsageNameKey, upper) < 0)
            || p.BirthNameSound == sound || p.UsageNameSound == sound);
    }

    /// <summary>The same search over a given set of persons.</summary>
    public static async Task<Result> SearchAmongAsync(IQueryable<Person> persons, string name, DateOnly? birthDate, CancellationToken cancellationToken = default)
    {
        var query = MatchingName(persons, name);
        if (birthDate is { } date) query = query.Where(p => p.BirthDate == date);
        var hits = await query.AsNoTracking()
            .OrderBy(p => p.BirthNameKey).ThenBy(p => p.FirstNames).ThenBy(p => p.Id)
            .Select(p => new Hit(p.Id, p.BirthName, p.UsageName, p.FirstNames, p.BirthDate))
            .Take(MaxResults + 1)
            .ToListAsync(cancellationToken);
        return new Result(hits.Take(MaxResults).ToList(), hits.Count > MaxResults);
    }
}
