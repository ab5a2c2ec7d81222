using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>
/// The person's information (GDPR art. 13 and 14), for pages and API alike: the records of the notice given, the
/// reminder while there is none, the 30-day rule for interviews, and the facts reported by a partner or a third party
/// that must be brought to the person's knowledge within a month. Read and written under <see cref="FieldGroup.Information"/>.
/// </summary>
[AcrossFiles("the facts still to disclose are listed for all the referent's persons (ToInform); the interview rule checks a follow-up's person")]
public sealed class PersonInformation(DiscretDbContext db, TimeProvider clock, NoticeVersions notices, Journal.AccessJournal journal)
{
    public const string InformFirstMessage =
        "La personne n'a pas été informée de l'usage de ses données, et son dossier a plus de 30 jours : enregistrez d'abord " +
        "qu'elle a reçu la notice d'information (section « Information de la personne » du dossier), puis saisissez l'entretien. Rien n'a été enregistré.";

    /// <summary>Une remise de la notice d'information à la personne.</summary>
    /// <param name="Id">Identifiant (UUID) de l'enregistrement.</param>
    /// <param name="NoticeVersion">Version de la notice remise.</param>
    /// <param name="Method">Comment la personne a été informée.</param>
    /// <param name="InformedOn">Date à laquelle elle a été informée, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="RecordedBy">Qui l'a enregistré (nom affiché du compte).</param>
    public sealed record RecordLine(Guid Id, int NoticeVersion, InformationMethod Method, DateOnly InformedOn, string RecordedBy);

    /// <summary>A fact obtained from someone else than the person, not yet brought to the person's knowledge.</summary>
    public sealed record PendingFact(Guid PersonId, FactKind Kind, Guid FactId, DateOnly RecordedOn, Provenance Provenance)
    {
        public DateOnly Deadline => RecordedOn.AddDays(FactDisclosure.DeadlineDays);
        public string Describe() => Kind switch
        {
            FactKind.Identite => "Identité de la personne",
            FactKind.Accompagnement => $"Motifs de l'accompagnement ouvert le {ParisTime.Day(RecordedOn)}",
            _ => $"Entretien du {ParisTime.Day(RecordedOn)}",
        };
    }

    public sealed record Section(IReadOnlyList<RecordLine> Records, IReadOnlyList<PendingFact> PendingFacts, bool CanWrite,
        DateOnly FileCreatedOn, DateOnly Today)
    {
        public bool Informed => Records.Count > 0;
        public DateOnly InformBy => NoticeDeadline(FileCreatedOn);
    }

    /// <summary>Que la personne a été informée (notice d'information).</summary>
    /// <param name="Method">Comment elle a été informée. Obligatoire.</param>
    /// <param name="InformedOn">Date à laquelle elle a été informée, jour (AAAA-MM-JJ, calendrier de Paris) : ni dans le futur, ni plus de 10 ans avant. Obligatoire.</param>
    /// <param name="NoticeVersion">Version de la notice remise, de 1 à la version en vigueur ; absente : la version en vigueur.</param>
    public sealed record Request(InformationMethod? Method, DateOnly? InformedOn, int? NoticeVersion);
    /// <summary>Qu'une information venant d'un partenaire ou d'un tiers a été portée à la connaissance de la personne.</summary>
    /// <param name="Kind">Ce qu'elle concerne, comme kind dans pendingFacts de GET …/information. Obligatoire.</param>
    /// <param name="FactId">Identifiant (UUID) de l'information, comme factId dans pendingFacts ; elle doit être encore à porter à sa connaissance. Obligatoire.</param>
    /// <param name="Method">Comment la personne en a été informée. Obligatoire.</param>
    /// <param name="InformedOn">Date à laquelle elle en a été informée, jour (AAAA-MM-JJ, calendrier de Paris) : ni dans le futur, ni plus de 10 ans avant. Obligatoire.</param>
    public sealed record DisclosureRequest(FactKind? Kind, Guid? FactId, InformationMethod? Method, DateOnly? InformedOn);

    /// <summary>The day by which the person must have been given the notice: the file's creation day (Paris) + the grace period.</summary>
    public static DateOnly NoticeDeadline(DateOnly fileCreatedOn) => fileCreatedOn.AddDays(InformationRecord.GraceDays);

    /// <inheritdoc cref="NoticeDeadline(DateOnly)"/>
    public static DateOnly NoticeDeadline(DateTime fileCreatedAt) => NoticeDeadline(ParisTime.DayOf(fileCreatedAt));

    public static bool CanRead(PersonAccessView view) => view.CanRead(FieldGroup.Information);
    public static bool CanWrite(PersonAccessView view) => view.CanWrite(FieldGroup.Information);

    /// <summary>True when the file is older than the grace period and the person was never informed: no interview then.</summary>
    public static async Task<bool> MustBeInformedFirstAsync(DiscretDbContext db, Guid personId, DateTime now, CancellationToken ct)
    {
        var createdAt = await db.Persons.Where(p => p.Id == personId).Select(p => p.CreatedAt).SingleAsync(ct);
        if (createdAt > now.AddDays(-InformationRecord.GraceDays)) return false;
        return !await db.InformationRecords.AnyAsync(r => r.PersonId == personId, ct);
    }

    /// <summary>The section of the file, journaled as a read of the Information group; null when the account may not read it.</summary>
    public async Task<Section?> LoadAsync(PersonAccessView view, CancellationToken ct = default)
    {
        if (!CanRead(view)) return null;
        await journal.ReadAsync(view, [FieldGroup.Information], ct);
        return await LoadJournaledAsync(view, ct);
    }

    /// <summary>The section for a page that has already journaled the read of the Information group (the file page,
    /// whose one read entry names every group it shows: <see cref="Personnes.PersonFile.LoadAsync"/>).</summary>
    public async Task<Section?> LoadJournaledAsync(PersonAccessView view, CancellationToken ct = default)
    {
        if (!CanRead(view)) return null;
        var records = await db.InformationRecords.AsNoTracking().Where(r => r.PersonId == view.PersonId)
            .OrderByDescending(r => r.InformedOn).ThenByDescending(r => r.RecordedAt)
            .Select(r => new RecordLine(r.Id, r.NoticeVersion, r.Method, r.InformedOn,
                db.Users.Where(u => u.Id == r.RecordedById).Select(u => u.DisplayName).FirstOrDefault() ?? "?"))
            .ToListAsync(ct);
        var createdAt = await db.Persons.Where(p => p.Id == view.PersonId).Select(p => p.CreatedAt).SingleAsync(ct);
        var pending = await PendingFactsAsync(db.Persons.Where(p => p.Id == view.PersonId).Select(p => p.Id), ct);
        return new Section(records, pending, CanWrite(view), ParisTime.DayOf(createdAt), Today());
    }

    /// <summary>Records that the person received the notice; the record's id when saved.</summary>
    public async Task<Result<Guid>> RecordAsync(PersonAccessView? view, Request request, CancellationToken ct = default)
    {
        if (view is null || !CanWrite(view)) return Result.NotFound();
        var errors = new Dictionary<string, string>();
        if (request.Method is null) errors[nameof(Request.Method)] = "Indiquez comment la personne a été informée.";
        CheckDate(request.InformedOn, nameof(Request.InformedOn), errors);
        var current = (await notices.CurrentAsync(ct)).Number;
        var version = request.NoticeVersion ?? current;
        if (version < 1 || version > current) errors[nameof(Request.NoticeVersion)] = $"Choisissez une version publiée de la notice (de 1 à {current}).";
        if (errors.Count > 0) return Result.Invalid(errors);

        var record = new InformationRecord(view.PersonId, version, request.Method!.Value, request.InformedOn!.Value, view.AccountId, clock.GetUtcNow().UtcDateTime);
        db.InformationRecords.Add(record);
        journal.RecordWrite(view.PersonId, "information", [FieldGroup.Information], view, record.Id);
        await db.SaveChangesAsync(ct);
        await Conservation.LastContact.TouchAsync(db, clock, view.PersonId, record.InformedOn, ct);
        return Result.Ok(record.Id);
    }

    /// <summary>Records that a fact reported by a partner or a third party was brought to the person's knowledge.</summary>
    public async Task<Result<Guid>> DiscloseAsync(PersonAccessView? view, DisclosureRequest request, CancellationToken ct = default)
    {
        if (view is null || !CanWrite(view)) return Result.NotFound();
        var errors = new Dictionary<string, string>();
        var pending = await PendingFactsAsync(db.Persons.Where(p => p.Id == view.PersonId).Select(p => p.Id), ct);
        var fact = pending.FirstOrDefault(f => f.FactId == request.FactId && (request.Kind is null || f.Kind == request.Kind));
        if (fact is null) errors[nameof(DisclosureRequest.FactId)] = request.FactId is null ? "Choisissez l'information dont la personne a été informée." : "Cette information n'est pas (ou plus) à porter à la connaissance de la personne.";
        if (request.Method is null) errors[nameof(DisclosureRequest.Method)] = "Indiquez comment la personne en a été informée.";
        CheckDate(request.InformedOn, nameof(DisclosureRequest.InformedOn), errors);
        if (errors.Count > 0) return Result.Invalid(errors);

        var disclosure = new FactDisclosure(view.PersonId, fact!.Kind, fact.FactId, request.InformedOn!.Value, request.Method!.Value, view.AccountId, clock.GetUtcNow().UtcDateTime);
        db.FactDisclosures.Add(disclosure);
        journal.RecordWrite(view.PersonId, "information-tiers", [FieldGroup.Information], view, disclosure.Id);
        await db.SaveChangesAsync(ct);
        await Conservation.LastContact.TouchAsync(db, clock, view.PersonId, disclosure.InformedOn, ct);
        return Result.Ok(disclosure.Id);
    }

    /// <summary>
    /// Facts recorded from a partner or a third party (GDPR art. 14) on the given persons that no disclosure covers yet:
    /// the identity, the follow-ups' motives and the interviews, each dated when it was recorded.
    /// </summary>
    public async Task<List<PendingFact>> PendingFactsAsync(IQueryable<Guid> personIds, CancellationToken ct)
    {
        var persons = await db.Persons.AsNoTracking()
            .Where(p => personIds.Contains(p.Id) && (p.Provenance.Source == DataSource.Tiers || p.Provenance.Source == DataSource.Partenaire))
            .Select(p => new { p.Id, p.CreatedAt, p.Provenance }).ToListAsync(ct);
        var followUps = await db.FollowUps.AsNoTracking()
            .Where(f => personIds.Contains(f.PersonId) && (f.Provenance.Source == DataSource.Tiers || f.Provenance.Source == DataSource.Partenaire))
            .Select(f => new { f.Id, f.PersonId, f.OpenedOn, f.Provenance }).ToListAsync(ct);
        var interviews = await (from i in db.Interviews.AsNoTracking()
                                join f in db.FollowUps on i.FollowUpId equals f.Id
                                where personIds.Contains(f.PersonId) && (i.Provenance.Source == DataSource.Tiers || i.Provenance.Source == DataSource.Partenaire)
                                select new { i.Id, f.PersonId, i.OccurredOn, i.Provenance }).ToListAsync(ct);
        var disclosed = (await db.FactDisclosures.AsNoTracking().Where(d => personIds.Contains(d.PersonId)).Select(d => d.FactId).ToListAsync(ct)).ToHashSet();
        return persons.Select(p => new PendingFact(p.Id, FactKind.Identite, p.Id, ParisTime.DayOf(p.CreatedAt), p.Provenance))
            .Concat(followUps.Select(f => new PendingFact(f.PersonId, FactKind.Accompagnement, f.Id, f.OpenedOn, f.Provenance)))
            .Concat(interviews.Select(i => new PendingFact(i.PersonId, FactKind.Entretien, i.Id, i.OccurredOn, i.Provenance)))
            .Where(f => !disclosed.Contains(f.FactId))
            .OrderBy(f => f.RecordedOn)
            .ToList();
    }

    private DateOnly Today() => ParisTime.Today(clock);

    private void CheckDate(DateOnly? date, string key, Dictionary<string, string> errors)
    {
        if (date is not { } d) errors[key] = "Saisissez la date (jour, mois, année).";
        else if (d > Today()) errors[key] = "La date ne peut pas être dans le futur.";
        else if (d < Today().AddYears(-10)) errors[key] = "Cette date est trop ancienne : vérifiez l'année.";
    }
}

