using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Discret.Web.Security;

/// <summary>
/// Every page and endpoint names one of these policies (or is explicitly anonymous); a test enumerates the
/// endpoints to prove it. A refused request answers 404, as if the resource did not exist.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in member of staff who has completed their second factor and charter.</summary>
    public const string Staff = nameof(Staff);
    /// <summary>Accounts, roles and the département's settings: the technical administrator only.</summary>
    public const string Administration = nameof(Administration);

    /// <summary>Roles that may reach persons' files at all (which files and fields: <see cref="PersonAccess"/>).</summary>
    public const string PersonFiles = nameof(PersonFiles);
    /// <summary>The data catalogue page: DPO and heads of circonscription.</summary>
    public const string Catalogue = nameof(Catalogue);
    /// <summary>The DPO console (journal search, alerts, spot checks, chain status, breach support): the DPO only.</summary>
    public const string Journal = nameof(Journal);
    /// <summary>The impact assessment (AIPD): its versions, PDF and PIA file; the DPO only.</summary>
    public const string ImpactAssessment = nameof(ImpactAssessment);
    /// <summary>The break-glass access ("accès exceptionnel"): social workers only.</summary>
    public const string BreakGlass = nameof(BreakGlass);
    /// <summary>A referent's own to-do lists (persons to inform): social workers only.</summary>
    public const string Referents = nameof(Referents);
    /// <summary>The retention durations in force (and, later, the retention job): the DPO only.</summary>
    public const string Retention = nameof(Retention);
    /// <summary>The whole register of rights requests and its dashboard, the access export and the erasure: the DPO only.</summary>
    public const string RightsRegister = nameof(RightsRegister);
    /// <summary>The notice's translations, entered sentence by sentence: the DPO only (every member of staff reads them).</summary>
    public const string NoticeTranslations = nameof(NoticeTranslations);
    /// <summary>A rights request's page: the DPO (every request) and heads of circonscription (their circonscription's, which
    /// use case decides: <c>Features/Droits/RequestAccess</c>).</summary>
    public const string RightsRequests = nameof(RightsRequests);
    /// <summary>The requests of one's circonscription, and the decision on oppositions: heads of circonscription.</summary>
    public const string RightsCirconscription = nameof(RightsCirconscription);
    /// <summary>« Comptes à confirmer »: heads of circonscription and the DPO (which requests each may decide: <c>Features/ComptesAConfirmer/Confirmers</c>).</summary>
    public const string AccountConfirmation = nameof(AccountConfirmation);

    /// <summary>« À orienter », the new files waiting for a referent: reception, secretariat and heads of circonscription
    /// (their circonscription's, through <see cref="PersonAccess.VisiblePersons"/>).</summary>
    public const string NewFiles = nameof(NewFiles);
    /// <summary>The circonscription's workers (availability, absences) and « à réattribuer », the handover of follow-ups
    /// whose referent is absent or gone: heads of circonscription.</summary>
    public const string Handover = nameof(Handover);
    /// <summary>A worker's absence: the head of her circonscription, or the technical administrator who manages accounts.</summary>
    public const string Absences = nameof(Absences);
    // Agenda (issue 16 §2)
    /// <summary>A worker's own agenda (day, week, calendar feed): those who receive persons — social workers and heads of circonscription.</summary>
    public const string AgendaOwn = nameof(AgendaOwn);
    /// <summary>A circonscription's agenda (reception's day, a room's day): reception, secretariat, head of circonscription.</summary>
    public const string AgendaCirconscription = nameof(AgendaCirconscription);

    // Statistics (issue 18)
    /// <summary>The service's anonymous statistics: the Direction and the DPO (département and circonscriptions), heads of
    /// circonscription (their own, which <c>Features/Statistiques/StatisticsTables</c> decides). Nobody else.</summary>
    public const string Statistics = nameof(Statistics);
    /// <summary>The statistics' masking threshold and their computation on demand: the DPO only.</summary>
    public const string StatisticsControl = nameof(StatisticsControl);

    public static readonly StaffRole[] PersonFileRoles =
        Enum.GetValues<StaffRole>().Where(r => PersonAccess.ReachesByCirconscription(r) || PersonAccess.ReachesByAssignment(r)).ToArray();

    public static void Register(AuthorizationOptions options)
    {
        var staff = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.FallbackPolicy = staff;
        options.AddPolicy(Staff, staff);
        options.AddPolicy(Administration, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.AdminTechnique)));
        options.AddPolicy(PersonFiles, p => p.RequireAuthenticatedUser().RequireRole(PersonFileRoles.Select(r => r.ToString())));
        options.AddPolicy(Journal, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.Dpo)));
        options.AddPolicy(ImpactAssessment, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.Dpo)));
        options.AddPolicy(BreakGlass, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.TravailleurSocial)));
        options.AddPolicy(Retention, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.Dpo)));
        options.AddPolicy(Referents, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.TravailleurSocial)));
        options.AddPolicy(RightsRegister, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.Dpo)));
        options.AddPolicy(NoticeTranslations, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.Dpo)));
        options.AddPolicy(RightsRequests, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.Dpo), nameof(StaffRole.ResponsableCirconscription)));
        options.AddPolicy(RightsCirconscription, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.ResponsableCirconscription)));
        options.AddPolicy(NewFiles, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.Accueil), nameof(StaffRole.Secretariat), nameof(StaffRole.ResponsableCirconscription)));
        options.AddPolicy(Handover, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.ResponsableCirconscription)));
        options.AddPolicy(Absences, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.ResponsableCirconscription), nameof(StaffRole.AdminTechnique)));
        options.AddPolicy(AccountConfirmation, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.Dpo), nameof(StaffRole.ResponsableCirconscription)));
        options.AddPolicy(Catalogue, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.Dpo), nameof(StaffRole.ResponsableCirconscription)));
        // Agenda (issue 16 §2)
        options.AddPolicy(AgendaOwn, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.TravailleurSocial), nameof(StaffRole.ResponsableCirconscription)));
        options.AddPolicy(Statistics, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.Direction), nameof(StaffRole.Dpo), nameof(StaffRole.ResponsableCirconscription)));
        options.AddPolicy(StatisticsControl, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.Dpo)));
        options.AddPolicy(AgendaCirconscription, p => p.RequireAuthenticatedUser().RequireRole(nameof(StaffRole.Accueil), nameof(StaffRole.Secretariat), nameof(StaffRole.ResponsableCirconscription)));
    }
}
