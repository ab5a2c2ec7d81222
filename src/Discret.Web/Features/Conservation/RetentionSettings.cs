using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Retention;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// The retention durations in force: the catalogue's reference rules, with the département's own active-base
/// durations. A département may shorten a rule; it may lengthen one only with a recorded reason, shown in the register
/// of processing — never silently. The journal's and the working notes' durations are installation settings
/// (<c>Discret:Journal:Retention</c>, <c>Discret:WorkingNotes:MaxLifetime</c>) and are not set here.
/// </summary>
public sealed class RetentionSettings(DiscretDbContext db, TimeProvider clock, Journal.AccessJournal journal,
    Microsoft.Extensions.Options.IOptions<Journal.JournalSettings> journalSettings, Microsoft.Extensions.Options.IOptions<Accompagnements.WorkingNotesSettings> workingNotes)
{
    public sealed record RuleInForce(RetentionRule Reference, RetentionRule InForce, string? Reason)
    {
        public bool Changed => InForce.Active != Reference.Active || InForce.Archive != Reference.Archive;
    }

    public sealed record Request(int? ActiveDays, string? Reason, int? ArchiveDays = null, string? ArchiveJustification = null);

    /// <summary>The one rule whose data may go to an intermediate archive: the whole file, once its active period has ended.</summary>
    public static bool MayArchive(RetentionRule rule) => rule.Code == RetentionRule.DeuxAnsApresDernierContact.Code;

    /// <summary>The rules a département sets here (the others are installation settings).</summary>
    public static readonly IReadOnlyList<RetentionRule> Settable =
        RetentionRule.All.Where(r => r.Code != RetentionRule.JournalDesAcces.Code && r.Code != RetentionRule.NoteDeTravail.Code).ToList();

    public async Task<IReadOnlyList<RuleInForce>> InForceAsync(CancellationToken ct = default)
    {
        var settings = await db.RetentionSettings.AsNoTracking().ToDictionaryAsync(s => s.RuleCode, ct);
        return Settable.Select(rule => settings.TryGetValue(rule.Code, out var s)
                ? new RuleInForce(rule, WithDuration(rule, TimeSpan.FromDays(s.ActiveDays), s.ArchiveDays, s.ArchiveJustification), s.Reason)
                : new RuleInForce(rule, rule, null))
            .ToList();
    }

    /// <summary>
    /// Every rule of the catalogue as applied here, with the reason of each duration that differs from the reference:
    /// the département's settings, and the durations the installation configures (the journal's retention, the working
    /// notes' lifetime). The register of processing and the information notice print these.
    /// </summary>
    public async Task<(IReadOnlyList<RetentionRule> Rules, IReadOnlyDictionary<string, string> Reasons)> AllInForceAsync(CancellationToken ct = default)
    {
        var settable = (await InForceAsync(ct)).ToDictionary(r => r.Reference.Code);
        var reasons = new Dictionary<string, string>();
        var rules = RetentionRule.All.Select(rule =>
        {
            if (settable.TryGetValue(rule.Code, out var set))
            {
                if (set.Changed) reasons[rule.Code] = set.Reason ?? "durée raccourcie par le département";
                return set.InForce;
            }
            if (rule.Code == RetentionRule.JournalDesAcces.Code && journalSettings.Value.Retention != rule.Active)
            {
                reasons[rule.Code] = "durée réglée par l'installation (Discret:Journal:Retention)";
                return WithDuration(rule, journalSettings.Value.Retention);
            }
            if (rule.Code == RetentionRule.NoteDeTravail.Code && workingNotes.Value.MaxLifetime is { } life && life != rule.Active)
            {
                reasons[rule.Code] = "durée réglée par l'installation (Discret:WorkingNotes:MaxLifetime)";
                return WithDuration(rule, life);
            }
            return rule;
        }).ToList();
        return (rules, reasons);
    }

    /// <summary>The rule with another active duration (and intermediate archive), its label said again from its values.</summary>
    private static RetentionRule WithDuration(RetentionRule rule, TimeSpan active, int? archiveDays = null, string? archiveJustification = null)
    {
        var changed = archiveDays is { } days
            ? rule with { Active = active, Archive = TimeSpan.FromDays(days), ArchiveJustification = archiveJustification }
            : rule with { Active = active };
        return changed with { Label = changed.Describe() };
    }

    /// <summary>Sets a rule's durations; not found when the rule is not one set here.</summary>
    public async Task<Result> SetAsync(ClaimsPrincipal user, string code, Request request, CancellationToken ct = default)
    {
        var rule = Settable.FirstOrDefault(r => r.Code == code);
        if (rule is null) return Result.NotFound();
        var reference = (int)rule.Active.TotalDays;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var errors = new Dictionary<string, string>();
        if (request.ActiveDays is not { } days) errors[nameof(Request.ActiveDays)] = "Saisissez la durée en jours.";
        else if (days < 1) errors[nameof(Request.ActiveDays)] = "La durée doit être d'au moins un jour.";
        else if (days > RetentionSetting.MaxDays) errors[nameof(Request.ActiveDays)] = $"La durée ne peut pas dépasser {RetentionSetting.MaxDays} jours (10 ans).";
        else if (days > reference && reason is null)
            errors[nameof(Request.Reason)] = $"Cette durée dépasse la durée de référence ({reference} jours, référentiel de la CNIL) : indiquez le motif de l'allongement. Il figurera au registre des traitements.";
        if (reason is { Length: > RetentionSetting.MaxReasonLength })
            errors[nameof(Request.Reason)] = $"Le motif est trop long ({RetentionSetting.MaxReasonLength} caractères au plus).";
        var justification = string.IsNullOrWhiteSpace(request.ArchiveJustification) ? null : request.ArchiveJustification.Trim();
        if (request.ArchiveDays is { } archive)
        {
            if (!MayArchive(rule)) errors[nameof(Request.ArchiveDays)] = "Seul le dossier entier peut passer en archive intermédiaire.";
            else if (archive < 1) errors[nameof(Request.ArchiveDays)] = "La durée d'archive intermédiaire doit être d'au moins un jour, ou laissez le champ vide.";
            else if (archive > RetentionSetting.MaxDays) errors[nameof(Request.ArchiveDays)] = $"L'archive intermédiaire ne peut pas dépasser {RetentionSetting.MaxDays} jours (10 ans).";
            else if (justification is null)
                errors[nameof(Request.ArchiveJustification)] = "Une archive intermédiaire n'est permise qu'avec une justification écrite (obligation légale, preuve pendant un délai de prescription) : indiquez-la. Elle figurera au registre des traitements.";
        }
        if (justification is { Length: > RetentionSetting.MaxReasonLength })
            errors[nameof(Request.ArchiveJustification)] = $"La justification est trop longue ({RetentionSetting.MaxReasonLength} caractères au plus).";
        Garde.FreeTextCheck.RefuseIdentifiers(reason, nameof(Request.Reason), errors);
        Garde.FreeTextCheck.RefuseIdentifiers(justification, nameof(Request.ArchiveJustification), errors);
        if (errors.Count > 0) return Result.Invalid(errors);

        var setting = await db.RetentionSettings.FirstOrDefaultAsync(s => s.RuleCode == code, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (request.ActiveDays == reference && reason is null && request.ArchiveDays is null)
        {
            if (setting is not null) db.RetentionSettings.Remove(setting); // back to the reference
        }
        else if (setting is null) db.RetentionSettings.Add(new RetentionSetting(code, request.ActiveDays!.Value, reason, user.AccountId(), now, request.ArchiveDays, justification));
        else setting.Change(request.ActiveDays!.Value, reason, user.AccountId(), now, request.ArchiveDays, justification);
        journal.Record(JournalAction.Parametrage, detail: $"conservation {code} : {request.ActiveDays} jours"
            + (request.ArchiveDays is { } a ? $", archive intermédiaire {a} jours" : ""));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
