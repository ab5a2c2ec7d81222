using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Retention;
using Discret.Domain.Rights;
using Discret.Web.Features.Droits;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// « Exporter pour versement aux archives »: before an approved (or submitted) batch is destroyed, the archives service may
/// keep it, or a sample of it (Code du patrimoine L.212-2). The export is one JSON document (format
/// <see cref="Format"/>, described in the README, « Versement aux archives »): for each file of the batch, its identity,
/// household, follow-ups with their teams and interviews — laid out from the data catalogue exactly as the access export
/// lays out one person's data (<see cref="AccessExport"/>), working notes excluded; then the closed follow-ups and the
/// rights requests the batch lists on their own. Written to the response as it is read, a hundred files at a time.
/// Journaled (<see cref="JournalAction.Export"/>, the batch as reference) before anything is written.
/// </summary>
[AcrossFiles("the DPO exports an elimination batch, many files at once, for the archives service")]
public sealed class BatchTransfer(DiscretDbContext db, AccessJournal journal, TimeProvider clock)
{
    public const string Format = "discret-versement-archives";
    public const int Version = 1;
    private const int Chunk = 100;

    public const string NotExportableMessage =
        "L'export pour versement aux archives se fait une fois le bordereau soumis au service des archives, et avant l'élimination des données.";

    public static string FileName(EliminationBatch batch) => $"versement-archives-bordereau-{batch.Number}.json";

    /// <summary>Checks the batch may be exported (a conflict when its state forbids it), marks it exported and journals the export.</summary>
    public async Task<Result<EliminationBatch>> PrepareAsync(ClaimsPrincipal user, int number, CancellationToken ct = default)
    {
        if (user.Role() != StaffRole.Dpo) return Result.NotFound();
        var batch = await db.EliminationBatches.FirstOrDefaultAsync(b => b.Number == number, ct);
        if (batch is null) return Result.NotFound();
        if (batch.Status is not (BatchStatus.Soumis or BatchStatus.Vise) || batch.ExecutedAt is not null)
            return Result.Conflict(NotExportableMessage);
        batch.MarkExported(clock.GetUtcNow().UtcDateTime);
        journal.Record(JournalAction.Export, detail: $"versement aux archives : bordereau {batch.Number}", reference: batch.Id);
        await db.SaveChangesAsync(ct);
        return Result.Ok(batch);
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public async Task WriteAsync(EliminationBatch batch, Stream output, CancellationToken ct = default)
    {
        var departement = await db.DepartementSettings.AsNoTracking().Select(s => new { s.Name, s.ControllerName }).FirstOrDefaultAsync(ct);
        var roles = await db.Users.AsNoTracking().Select(a => new { a.Id, a.Role }).ToDictionaryAsync(a => a.Id, a => a.Role, ct);
        var circonscriptions = await db.Circonscriptions.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);

        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = Json.Encoder });
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("version", Version);
        writer.WriteString("description", "Versement aux archives des données d'un bordereau d'élimination (Code du patrimoine, L.212-2). "
            + "Chaque élément reprend les champs du catalogue des données de Discret avec leur libellé ; les professionnels sont désignés par leur profession. "
            + "Les notes de travail personnelles des professionnels sont exclues.");
        writer.WriteString("departement", departement?.Name);
        writer.WriteString("responsableDuTraitement", departement?.ControllerName);
        writer.WriteString("exporteLe", ParisTime.Instant(clock.GetUtcNow().UtcDateTime));
        writer.WriteStartObject("bordereau");
        writer.WriteString("id", batch.Id);
        writer.WriteNumber("numero", batch.Number);
        writer.WriteString("etat", batch.Status.ToString());
        if (batch.SubmittedAt is { } submitted) writer.WriteString("soumisLe", ParisTime.Instant(submitted)); else writer.WriteNull("soumisLe");
        if (batch.VisaDate is { } visa) writer.WriteString("dateDuVisa", ParisTime.Iso(visa)); else writer.WriteNull("dateDuVisa");
        writer.WriteString("referenceDuVisa", batch.VisaReference);
        writer.WriteEndObject();

        writer.WriteStartArray("dossiers");
        var personIds = await db.Persons.AsNoTracking().Where(p => p.EliminationBatchId == batch.Id).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        foreach (var ids in personIds.Chunk(Chunk))
        {
            var persons = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct);
            var householdIds = persons.Select(p => p.HouseholdId).Distinct().ToList();
            var households = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
            var members = (await db.Persons.AsNoTracking().Where(p => householdIds.Contains(p.HouseholdId))
                .Select(p => new { p.Id, p.HouseholdId, p.HouseholdLink }).ToListAsync(ct)).ToLookup(m => m.HouseholdId);
            var followUps = (await db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.PersonId)).OrderBy(f => f.OpenedOn).ToListAsync(ct)).ToLookup(f => f.PersonId);
            var (team, interviews) = await FollowUpPartsAsync(followUps.SelectMany(g => g).Select(f => f.Id).ToList(), ct);
            foreach (var person in persons.OrderBy(p => p.Id))
            {
                var format = new AccessExport.Formatter(person.Id, members[person.HouseholdId].ToDictionary(m => m.Id, m => m.HouseholdLink), roles, circonscriptions,
                    self: "La personne");
                var theirs = followUps[person.Id].ToList();
                WriteItem(writer, person.Id, circonscriptions.GetValueOrDefault(person.CirconscriptionId), [
                    AccessExport.Build(nameof(Person), "Identité, coordonnées et place dans le ménage", null, [person], format),
                    AccessExport.Build(nameof(Household), "Ménage", null, households.TryGetValue(person.HouseholdId, out var h) ? [h] : Array.Empty<Household>(), format),
                    AccessExport.Build(nameof(FollowUp), "Accompagnements", null, theirs, format),
                    AccessExport.Build(nameof(FollowUpMember), "Équipes d'accompagnement", null, theirs.SelectMany(f => team[f.Id]), format),
                    AccessExport.Build(nameof(Interview), "Entretiens", null, theirs.SelectMany(f => interviews[f.Id]), format),
                ]);
            }
            await writer.FlushAsync(ct);
        }
        writer.WriteEndArray();

        // Closed follow-ups the batch lists on their own (their person's file stays).
        writer.WriteStartArray("accompagnementsClos");
        var followUpIds = await (from f in db.FollowUps.AsNoTracking()
                                 join p in db.Persons on f.PersonId equals p.Id
                                 where f.EliminationBatchId == batch.Id && (p.EliminationBatchId == null || p.EliminationBatchId != batch.Id)
                                 orderby f.Id
                                 select f.Id).ToListAsync(ct);
        foreach (var ids in followUpIds.Chunk(Chunk))
        {
            var followUps = await db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.Id)).OrderBy(f => f.Id).ToListAsync(ct);
            var (team, interviews) = await FollowUpPartsAsync(ids, ct);
            foreach (var followUp in followUps)
            {
                var format = new AccessExport.Formatter(followUp.PersonId, [], roles, circonscriptions, self: $"réf. {followUp.PersonId}");
                WriteItem(writer, followUp.Id, circonscriptions.GetValueOrDefault(followUp.CirconscriptionId), [
                    AccessExport.Build(nameof(FollowUp), "Accompagnement", null, [followUp], format),
                    AccessExport.Build(nameof(FollowUpMember), "Équipe d'accompagnement", null, team[followUp.Id], format),
                    AccessExport.Build(nameof(Interview), "Entretiens", null, interviews[followUp.Id], format),
                ]);
            }
            await writer.FlushAsync(ct);
        }
        writer.WriteEndArray();

        writer.WriteStartArray("demandes");
        var requestIds = await db.RightsRequests.AsNoTracking().Where(r => r.EliminationBatchId == batch.Id).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        foreach (var ids in requestIds.Chunk(Chunk))
        {
            foreach (var request in await db.RightsRequests.AsNoTracking().Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(ct))
            {
                var format = new AccessExport.Formatter(request.PersonId, [], roles, circonscriptions, self: $"réf. {request.PersonId}");
                WriteItem(writer, request.Id, circonscriptions.GetValueOrDefault(request.CirconscriptionId), [
                    AccessExport.Build(nameof(RightsRequest), "Demande d'exercice des droits", null, [request], format),
                ]);
            }
            await writer.FlushAsync(ct);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
    }

    private async Task<(ILookup<Guid, FollowUpMember> Team, ILookup<Guid, Interview> Interviews)> FollowUpPartsAsync(IReadOnlyCollection<Guid> followUpIds, CancellationToken ct)
    {
        var team = await db.FollowUpMembers.AsNoTracking().Where(m => followUpIds.Contains(m.FollowUpId)).ToListAsync(ct);
        var interviews = await db.Interviews.AsNoTracking().Where(i => followUpIds.Contains(i.FollowUpId))
            .OrderBy(i => i.OccurredOn).ThenBy(i => i.CreatedAt).ToListAsync(ct);
        return (team.ToLookup(m => m.FollowUpId), interviews.ToLookup(i => i.FollowUpId));
    }

    private static void WriteItem(Utf8JsonWriter writer, Guid id, string? circonscription, IEnumerable<AccessExport.Section> sections)
    {
        writer.WriteStartObject();
        writer.WriteString("reference", id);
        writer.WriteString("circonscription", circonscription);
        writer.WritePropertyName("sections");
        // Through an element: JsonSerializer.Serialize(writer, …) would flush the writer, a synchronous write to the response.
        JsonSerializer.SerializeToElement(sections.Where(s => s.Items.Count > 0).Select(s => new
        {
            entite = s.Entity,
            titre = s.Title,
            elements = s.Items.Select(i => new
            {
                mention = i.Mark,
                champs = i.Fields.Select(f => new { propriete = f.Property, libelle = f.Label, categorie = f.Category, valeur = f.Value }),
            }),
        }), Json).WriteTo(writer);
        writer.WriteEndObject();
    }
}
