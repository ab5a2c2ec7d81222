using System.Linq.Expressions;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Personnes;

/// <summary>
/// Name search over the persons the account may see (never beyond), the way people type names: words in any order
/// (« Moreau Patrick », « Patrick Moreau »), birth, usage or first names, particles optional, accents and case ignored,
/// each word the beginning of a word of the names or the same sound (Lefèvre / Lefebvre), and the birth date, month or
/// year in the same field. Search terms travel in the request body, never in a URL.
/// </summary>
[AcrossFiles("the name search: lists the persons the account may see (PersonAccess.VisiblePersons), each line showing only the groups its role reads on that file")]
public sealed class PersonSearch(DiscretDbContext db, PersonAccess access, Journal.AccessJournal journal)
{
    public const int MaxResults = 20;

    /// <summary>Une personne trouvée, avec ce qui distingue les homonymes — la commune et le référent seulement quand le rôle peut les lire sur ce dossier.</summary>
    /// <param name="Id">Identifiant (UUID) de la personne (GET /api/v1/personnes/{id}).</param>
    /// <param name="BirthName">Nom de naissance.</param>
    /// <param name="UsageName">Nom d'usage ; null s'il n'y en a pas.</param>
    /// <param name="FirstNames">Prénoms.</param>
    /// <param name="BirthDate">Date de naissance, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="Commune">Commune de l'adresse du ménage ; absente si le rôle ne la lit pas ou s'il n'y en a pas.</param>
    /// <param name="Referent">Nom du référent de l'accompagnement ouvert ; absent si le rôle ne le lit pas ou s'il n'y en a pas.</param>
    public sealed record Hit(Guid Id, string BirthName, string? UsageName, string FirstNames, DateOnly BirthDate,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Commune = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Referent = null);

    /// <summary>Le résultat d'une recherche : 20 personnes au plus.</summary>
    /// <param name="Hits">Les personnes trouvées.</param>
    /// <param name="More">true s'il y en a davantage : précisez la recherche (la date de naissance, par exemple).</param>
    public sealed record Result(IReadOnlyList<Hit> Hits, bool More);

    /// <summary>A French reason when the text cannot be searched, else null.</summary>
    public static string? Problem(string? text) => SearchText.Parse(text).Problem;

    public async Task<Result> SearchAsync(ClaimsPrincipal user, string text, DateOnly? birthDate, CancellationToken cancellationToken = default)
    {
        var result = await FindAsync(user, text, birthDate, cancellationToken);
        // The fact and the number of results, never the terms: before the results are returned.
        await journal.WriteAsync(Domain.Journal.JournalAction.Recherche, detail: $"{result.Hits.Count} résultat(s)", ct: cancellationToken);
        return result;
    }

    /// <summary>The search without its journal entry: only <see cref="SearchAsync"/> may show its result to anyone
    /// (the bench measures the search and the entry apart).</summary>
    public async Task<Result> FindAsync(ClaimsPrincipal user, string text, DateOnly? birthDate, CancellationToken cancellationToken = default)
    {
        var (parsed, _) = SearchText.Parse(text);
        var role = user.Role();
        var circonscription = user.CirconscriptionId();
        // A role that reaches files through its circonscription only searches its circonscription's words; the others
        // (the files they follow) probe the words of those files.
        var byCirconscription = role is { } r && PersonAccess.ReachesByCirconscription(r);
        var byAssignment = role is { } s && PersonAccess.ReachesByAssignment(s);
        var byCirconscriptionOnly = byCirconscription && !byAssignment;
        var words = byCirconscriptionOnly ? db.PersonNameWords.Where(w => w.CirconscriptionId == circonscription) : db.PersonNameWords;
        // Whether the account follows the file, for a role that reaches files both ways (what it reads depends on it).
        var assigned = access.AssignedPersonIds(user.AccountId());
        var bothWays = byCirconscription && byAssignment;
        var rows = await FindRankedAsync(db, access.VisiblePersons(user), words, parsed!, birthDate, p => new
            {
                p.Id, p.BirthName, p.UsageName, p.FirstNames, p.BirthDate, p.CirconscriptionId, p.PaperOnlySince,
                Assigned = bothWays ? assigned.Contains(p.Id) : byAssignment,
                Commune = db.Households.Where(h => h.Id == p.HouseholdId).Select(h => h.City).FirstOrDefault(),
                Referent = db.FollowUps.Where(f => f.PersonId == p.Id && f.Status == FollowUpStatus.Ouvert).OrderByDescending(f => f.OpenedOn)
                    .Select(f => db.Users.Where(u => u.Id == f.ReferentId).Select(u => u.DisplayName).FirstOrDefault()).FirstOrDefault(),
            }, MaxResults + 1, cancellationToken, few: byAssignment && !byCirconscription);
        var hits = rows.Select(p =>
        {
            var readable = ReadableInList(role, sameCirconscription: p.CirconscriptionId == circonscription, p.Assigned, p.PaperOnlySince);
            return new Hit(p.Id, p.BirthName, p.UsageName, p.FirstNames, p.BirthDate,
                readable.Contains(FieldGroup.Coordonnees) ? p.Commune : null,
                readable.Contains(FieldGroup.Equipe) ? p.Referent : null);
        }).ToList();
        return new Result(hits.Take(MaxResults).ToList(), hits.Count > MaxResults);
    }

    /// <summary>The same search over a given set of persons (the DPO's search among the files out of daily work), without
    /// commune or referent.</summary>
    public static async Task<Result> SearchAmongAsync(DiscretDbContext db, IQueryable<Person> persons, string text, DateOnly? birthDate,
        CancellationToken cancellationToken = default)
    {
        var parsed = SearchText.Parse(text).Text ?? throw new ArgumentException("Check the text with Problem first.", nameof(text));
        var hits = await FindRankedAsync(db, persons, db.PersonNameWords, parsed, birthDate,
            p => new Hit(p.Id, p.BirthName, p.UsageName, p.FirstNames, p.BirthDate, null, null), MaxResults + 1, cancellationToken);
        return new Result(hits.Take(MaxResults).ToList(), hits.Count > MaxResults);
    }

    /// <summary>What the role reads of a file in a list of results: never more than opening the file would show (a file
    /// refused to computerisation shows only its minimal record).</summary>
    private static IReadOnlySet<FieldGroup> ReadableInList(StaffRole? role, bool sameCirconscription, bool assigned, DateOnly? paperOnlySince)
    {
        if (role is null) return new HashSet<FieldGroup>();
        var groups = PersonAccess.Groups(role.Value, sameCirconscription, assigned, write: false);
        return paperOnlySince is null ? groups : groups.Where(PersonAccess.PaperOnlyGroups.Contains).ToHashSet();
    }

    /// <summary>
    /// The first <paramref name="take"/> of the <paramref name="persons"/> the text finds, in the order of results, the same
    /// on every database (keys hold a–z only): the persons every word matches as typed (the beginning of a word of their
    /// names), then those found by sound; each part by birth name, first names, birth date. Two queries, each in the order
    /// of an index (persons by circonscription and these keys), so that a common name reads the circonscription's first
    /// persons in order and stops instead of sorting thousands; the second only when the first did not fill the page.
    /// When the persons are <paramref name="few"/> (the files a worker follows), one query instead, typed matches ranked
    /// before sound ones: the same results, the persons read once instead of twice (the load scenario found the two
    /// walks of a worker's caseload to be most of the database's time, bench/results/2026-12-06-load-3M.md).
    /// </summary>
    public static async Task<List<T>> FindRankedAsync<T>(DiscretDbContext db, IQueryable<Person> persons, IQueryable<PersonNameWord> words, SearchText text,
        DateOnly? birthDate, Expression<Func<Person, T>> select, int take, CancellationToken ct, bool few = false) where T : class
    {
        await using var serial = await SerialAsync(db, ct);
        if (few && AsTyped(words, text) is { } asTyped)
        {
            var typedFirst = Expression.Lambda<Func<Person, int>>(
                Expression.Condition(asTyped.Body, Expression.Constant(0), Expression.Constant(1)), asTyped.Parameters);
            var ranked = await ThenInOrder(Matching(persons, words, text, birthDate, bySound: true).OrderBy(typedFirst))
                .Take(take).Select(select).AsNoTracking().ToListAsync(ct);
            if (serial is not null) await serial.CommitAsync(ct);
            return ranked;
        }
        var first = await InOrder(Matching(persons, words, text, birthDate, bySound: false)).Take(take).Select(select).AsNoTracking().ToListAsync(ct);
        if (first.Count < take && AsTyped(words, text) is { } typed)
        {
            var notTyped = Expression.Lambda<Func<Person, bool>>(Expression.Not(typed.Body), typed.Parameters);
            first.AddRange(await InOrder(Matching(persons, words, text, birthDate, bySound: true).Where(notTyped))
                .Take(take - first.Count).Select(select).AsNoTracking().ToListAsync(ct));
        }
        if (serial is not null) await serial.CommitAsync(ct);
        return first;
    }

    /// <summary>
    /// On PostgreSQL, no parallel plan for the search's short queries: a parallel scan in index order under a LIMIT lets its
    /// workers read far past the page before the leader stops them (bench b) at 300k: p95 65 ms with, 33 ms without).
    /// </summary>
    private static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> SerialAsync(DiscretDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction is not null) return null;
        var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL max_parallel_workers_per_gather = 0", ct);
        return transaction;
    }

    /// <summary>
    /// The persons every typed word matches — the beginning of one of the words of their names, or, when
    /// <paramref name="bySound"/>, the same sound too — born on the day, month or year typed (and on
    /// <paramref name="birthDate"/> when given apart).
    /// </summary>
    private static IQueryable<Person> Matching(IQueryable<Person> persons, IQueryable<PersonNameWord> words, SearchText text, DateOnly? birthDate, bool bySound)
    {
        var first = true;
        foreach (var term in text.Words)
        {
            var (key, upper, sound) = (term.Key, term.Upper, bySound ? term.Sound : null);
            var matching = sound is null
                ? words.Where(w => string.Compare(w.Word, key) >= 0 && string.Compare(w.Word, upper) < 0)
                : words.Where(w => (string.Compare(w.Word, key) >= 0 && string.Compare(w.Word, upper) < 0) || w.Sound == sound);
            // The first word as a list of persons (an index range read once), the others probed person by person.
            persons = first
                ? persons.Where(p => matching.Select(w => w.PersonId).Contains(p.Id))
                : persons.Where(p => matching.Any(w => w.PersonId == p.Id));
            first = false;
        }
        if (text.Day is { } day) persons = persons.Where(p => p.BirthDate == day);
        if (text.From is { } from && text.Before is { } before) persons = persons.Where(p => p.BirthDate >= from && p.BirthDate < before);
        if (birthDate is { } date) persons = persons.Where(p => p.BirthDate == date);
        return persons;
    }

    /// <summary>The order of results: birth name, first names, birth date (then the id, for a stable order).</summary>
    private static IOrderedQueryable<Person> InOrder(IQueryable<Person> persons) =>
        persons.OrderBy(p => p.BirthNameKey).ThenBy(p => p.FirstNamesKey).ThenBy(p => p.BirthDate).ThenBy(p => p.Id);

    /// <summary>The same order, after a first key.</summary>
    private static IOrderedQueryable<Person> ThenInOrder(IOrderedQueryable<Person> persons) =>
        persons.ThenBy(p => p.BirthNameKey).ThenBy(p => p.FirstNamesKey).ThenBy(p => p.BirthDate).ThenBy(p => p.Id);

    /// <summary>Every word that could match by sound matches as typed (the beginning of a word of the names); null when no
    /// word can match by sound (all are matched as typed).</summary>
    private static Expression<Func<Person, bool>>? AsTyped(IQueryable<PersonNameWord> words, SearchText text)
    {
        var person = Expression.Parameter(typeof(Person), "p");
        Expression? all = null;
        foreach (var term in text.Words.Where(t => t.Sound is not null))
        {
            var (key, upper) = (term.Key, term.Upper);
            Expression<Func<Person, bool>> typed = p => words.Any(w => w.PersonId == p.Id && string.Compare(w.Word, key) >= 0 && string.Compare(w.Word, upper) < 0);
            var body = new Substitute(typed.Parameters[0], person).Visit(typed.Body);
            all = all is null ? body : Expression.AndAlso(all, body);
        }
        return all is null ? null : Expression.Lambda<Func<Person, bool>>(all, person);
    }

    private sealed class Substitute(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
