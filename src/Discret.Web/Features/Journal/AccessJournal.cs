using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.Garde;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Journal;

/// <summary>Who acts, when the request's signed-in user is not it (sign-in events, jobs).</summary>
public sealed record JournalActor(Guid? AccountId, StaffRole? Role);

/// <summary>The journal could not be written: the operation does not happen and nothing is shown.</summary>
public sealed class JournalUnavailableException(Exception inner) : Exception("The access journal could not be written.", inner)
{
    public const string Message =
        "Le journal des accès n'a pas pu être écrit : par sécurité, l'opération n'a pas eu lieu et rien n'est affiché. "
        + "Réessayez dans un instant ; si l'erreur persiste, prévenez l'administrateur.";
}

/// <summary>
/// Writes the journal. <see cref="Record"/> adds an entry to the unit of work: it is saved — and chained — by the same
/// SaveChanges, in the same transaction, as the change it records. <see cref="WriteAsync"/> saves at once, for what
/// changes nothing (reads, searches, refusals, sign-in events): the caller gets its data only once the entry is written.
/// </summary>
public sealed class AccessJournal(DiscretDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    public const string BreakGlassPurpose = "AccesExceptionnel";

    public JournalEntry Record(JournalAction action, Guid? personId = null, string? detail = null, string? purpose = null,
        Guid? reference = null, JournalActor? actor = null)
    {
        var entry = Create(action, personId, detail, purpose, reference, actor);
        db.JournalEntries.Add(entry);
        return entry;
    }

    private JournalEntry Create(JournalAction action, Guid? personId, string? detail, string? purpose, Guid? reference, JournalActor? actor)
    {
        var context = http.HttpContext;
        var user = context?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        return new JournalEntry(clock.GetUtcNow().UtcDateTime,
            actor is not null ? actor.AccountId : signedIn ? user!.AccountId() : null,
            actor is not null ? actor.Role : signedIn ? user!.Role() : null,
            personId, action, detail, purpose, reference, context?.Connection.RemoteIpAddress?.ToString());
    }

    public async Task WriteAsync(JournalAction action, Guid? personId = null, string? detail = null, string? purpose = null,
        Guid? reference = null, JournalActor? actor = null, CancellationToken ct = default)
    {
        var entry = Create(action, personId, detail, purpose, reference, actor);
        try
        {
            if (db.ChainsPendingEntries && !db.ChangeTracker.HasChanges() && db.Database.CurrentTransaction is null)
            {
                // Nothing else to save: the entry is committed, then chained with whatever is pending, in one round trip
                // (migration JournalPendingChain). The data is shown only once the entry is on disk.
                await db.Database.ExecuteSqlAsync($"""
                    CALL discret_journal_record({entry.At}::timestamptz, {entry.AccountId}::uuid, {entry.Role?.ToString()}::text, {entry.PersonId}::uuid,
                        {entry.Action.ToString()}::text, {entry.Detail}::text, {entry.Purpose}::text, {entry.Reference}::uuid, {entry.Address}::text,
                        {JournalChain.ChainBatch})
                    """, ct);
                return;
            }
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (db.Entry(entry).State != Microsoft.EntityFrameworkCore.EntityState.Detached)
                db.Entry(entry).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            throw new JournalUnavailableException(e);
        }
    }

    /// <summary>A read of parts of a file: of <paramref name="groups"/>, those the account may read — the groups, never the values.</summary>
    /// <param name="reference">The record read (a mandate…), when the read is of one record; the break-glass access otherwise.</param>
    public Task ReadAsync(PersonAccessView view, IEnumerable<FieldGroup> groups, CancellationToken ct = default, Guid? reference = null) =>
        WriteAsync(JournalAction.Lecture, view.PersonId, Groups(groups.Where(view.CanRead)), view.BreakGlassId is null ? null : BreakGlassPurpose,
            reference ?? view.BreakGlassId, ct: ct);

    /// <summary>A write to a person's file, saved with it: what was done and to which field groups ("modification: Identite,Coordonnees").</summary>
    public void RecordWrite(Guid personId, string what, IEnumerable<FieldGroup> groups, PersonAccessView? view = null, Guid? reference = null) =>
        Record(JournalAction.Ecriture, personId, $"{what}: {Groups(groups)}", view?.BreakGlassId is null ? null : BreakGlassPurpose,
            reference ?? view?.BreakGlassId);

    /// <summary>The worker confirmed the guard's warnings on a field: the field and the categories, never the text.</summary>
    public void RecordConfirmedWarnings(Guid? personId, string field, GuardResult result)
    {
        if (result.Verdict != GuardVerdict.Warned) return;
        var categories = string.Join(",", result.Warnings.Select(w => w.Category.ToString()).Distinct().Order());
        Record(JournalAction.AvertissementConfirme, personId, $"{field}:{categories}");
    }

    public static string Groups(IEnumerable<FieldGroup> groups) => string.Join(",", groups.Distinct().Order());
}
