using Discret.Domain.Persons;
using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Rights;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Droits;

/// <summary>
/// Who reaches a request of the register, decided here only: the DPO every request, a head of circonscription the
/// requests of their circonscription; every other account none (404). A read of a request's page is journaled
/// (the person's opaque id, the request as reference).
/// </summary>
[AcrossFiles("the register: requests reached by their id or listed for the DPO and heads of circonscription, not through one file")]
public sealed class RequestAccess(DiscretDbContext db, AccessJournal journal)
{
    /// <summary>A partner the person's data were shared with (the disclosure log), to be told of a rectification, erasure or limitation (GDPR art. 19).</summary>
    public sealed record Recipient(PartnerKind Kind, string Name, DateTime LastSharedAt, IReadOnlyList<DataCategory> Categories);

    /// <summary>A request as its page shows it. <see cref="PersonName"/> is null once the file is erased.
    /// <see cref="RestrictedSince"/>: the processing of the file is limited (art. 18), on <see cref="RestrictionRequestId"/>.</summary>
    public sealed record Detail(RightsRequest Request, string Circonscription, string? PersonName, DateOnly? PersonBirthDate,
        bool HasOpenFollowUp, StaffRole? RecordedByRole, StaffRole? ClosedByRole, IReadOnlyList<Recipient> Recipients,
        DateOnly? RestrictedSince = null, Guid? RestrictionRequestId = null, IReadOnlyList<RectifiedValue>? Replaced = null)
    {
        /// <summary>The values a rectification replaced (R20: in the audit trail only — the DPO's view of the request).</summary>
        public IReadOnlyList<RectifiedValue> ReplacedValues => Replaced ?? [];
        public bool PersonErased => PersonName is null;
        /// <summary>The limitation in force was applied on this very request (it is lifted from here).</summary>
        public bool RestrictedByThisRequest => RestrictedSince is not null && RestrictionRequestId == Request.Id;
    }

    public static bool SeesWholeRegister(ClaimsPrincipal user) => user.Role() == StaffRole.Dpo;

    /// <summary>The requests an account may see: all for the DPO, its circonscription's for a head of circonscription, none otherwise.</summary>
    public IQueryable<RightsRequest> Visible(ClaimsPrincipal user)
    {
        var role = user.Role();
        if (role == StaffRole.Dpo) return db.RightsRequests;
        if (role == StaffRole.ResponsableCirconscription)
        {
            var circonscription = user.CirconscriptionId();
            return db.RightsRequests.Where(r => r.CirconscriptionId == circonscription);
        }
        return db.RightsRequests.Where(_ => false);
    }

    /// <summary>The request for a change (tracked), or null when the account may not reach it.</summary>
    public Task<RightsRequest?> FindForChangeAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default) =>
        Visible(user).FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>The request's page, journaled as a read of the person's rights requests; null answers 404.</summary>
    public async Task<Detail?> ReadAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        var request = await Visible(user).AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return null;
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == request.PersonId)
            .Select(p => new { Name = Person.NameOf(p.UsageName, p.BirthName, p.FirstNames), p.BirthDate, p.RestrictedSince, p.RestrictionRequestId }).FirstOrDefaultAsync(ct);
        var circonscription = await db.Circonscriptions.AsNoTracking().Where(c => c.Id == request.CirconscriptionId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "—";
        var openFollowUp = await db.FollowUps.AnyAsync(f => f.PersonId == request.PersonId && f.Status == FollowUpStatus.Ouvert, ct);
        var accounts = new[] { request.RecordedById, request.ClosedById ?? Guid.Empty };
        var roles = await db.Users.AsNoTracking().Where(a => accounts.Contains(a.Id)).Select(a => new { a.Id, a.Role }).ToListAsync(ct);
        var recipients = await RecipientsAsync(request, ct);
        var replaced = request.Kind == RightKind.Rectification && SeesWholeRegister(user)
            ? await db.RectifiedValues.AsNoTracking().Where(v => v.RightsRequestId == request.Id).OrderBy(v => v.RectifiedAt).ToListAsync(ct)
            : [];
        await journal.WriteAsync(JournalAction.Lecture, request.PersonId, AccessJournal.Groups([FieldGroup.Droits]), reference: request.Id, ct: ct);
        return new Detail(request, circonscription, person?.Name, person?.BirthDate, openFollowUp,
            roles.FirstOrDefault(r => r.Id == request.RecordedById)?.Role, roles.FirstOrDefault(r => r.Id == request.ClosedById)?.Role, recipients,
            person?.RestrictedSince, person?.RestrictionRequestId, replaced);
    }

    /// <summary>For a rectification, erasure or limitation: the partners who received the person's data, from the sharings done.</summary>
    private async Task<IReadOnlyList<Recipient>> RecipientsAsync(RightsRequest request, CancellationToken ct)
    {
        if (request.Kind is not (RightKind.Rectification or RightKind.Effacement or RightKind.Limitation)) return [];
        var sharings = await db.Sharings.AsNoTracking().Where(s => s.PersonId == request.PersonId)
            .Join(db.SharingConsents, s => s.ConsentId, c => c.Id, (s, c) => new { c.Partner, c.PartnerName, s.SharedAt, s.Categories })
            .ToListAsync(ct);
        return sharings.GroupBy(s => (s.Partner, s.PartnerName))
            .Select(g => new Recipient(g.Key.Partner, g.Key.PartnerName, g.Max(s => s.SharedAt), g.SelectMany(s => s.Categories).Distinct().Order().ToList()))
            .OrderBy(r => r.Name).ToList();
    }
}
