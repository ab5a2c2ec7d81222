using System.Net;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Platform;

/// <summary>
/// Every protected page and endpoint, tried as every role, against the expected matrix. A new endpoint fails this
/// test until its line is added here: nothing can be reachable by accident.
/// </summary>
[Collection(InstallationCollection.Name)]
public class AccessMatrixTests(DiscretFactory app)
{
    private static readonly StaffRole[] All = Enum.GetValues<StaffRole>();
    private static readonly StaffRole[] PersonFiles = [StaffRole.Accueil, StaffRole.Secretariat, StaffRole.TravailleurSocial, StaffRole.ResponsableCirconscription];
    private static readonly StaffRole[] Creators = [StaffRole.Accueil, StaffRole.Secretariat, StaffRole.TravailleurSocial];
    private static readonly StaffRole[] Admin = [StaffRole.AdminTechnique];
    private static readonly StaffRole[] Dpo = [StaffRole.Dpo];
    private static readonly StaffRole[] MandateRevokers = [StaffRole.Accueil, StaffRole.Secretariat, StaffRole.TravailleurSocial];

    /// <summary>"METHOD route" → the roles that reach it (with the sample data below); every other role gets 404.</summary>
    private static readonly Dictionary<string, StaffRole[]> Expected = new()
    {
        ["GET /"] = All,
        ["GET /compte/double-authentification"] = All,
        ["GET /compte/codes-de-secours"] = All,
        ["GET /compte/charte"] = All,
        ["GET /compte/mot-de-passe"] = All,
        ["GET /compte/cles-d-acces"] = All,
        ["POST /session/prolonger"] = All,
        ["GET /api/v1/jeton-csrf"] = All,
        ["GET /api/v1/moi"] = All,
        ["POST /api/v1/garde/analyse"] = All,
        ["GET /api/v1/openapi.json"] = All,
        ["GET /reference-api"] = All,

        ["GET /administration/comptes"] = Admin,
        ["GET /administration/comptes/nouveau"] = Admin,
        ["GET /administration/comptes/{id:guid}"] = Admin,
        ["GET /administration/departement"] = Admin,
        ["GET /api/v1/admin/circonscriptions"] = Admin,
        ["GET /api/v1/admin/comptes"] = Admin,
        ["POST /api/v1/admin/comptes"] = Admin,
        ["GET /api/v1/admin/comptes/{id:guid}"] = Admin,
        ["PUT /api/v1/admin/comptes/{id:guid}/affectation"] = Admin,
        ["POST /api/v1/admin/comptes/{id:guid}/desactivation"] = Admin,
        ["POST /api/v1/admin/comptes/{id:guid}/reactivation"] = Admin,
        ["POST /api/v1/admin/comptes/{id:guid}/reinitialisation"] = Admin,

        // « Comptes à confirmer »: heads of circonscription and the DPO; a request on a reception account of a circonscription
        // with a head (here) is decided by that head only — the DPO, like everyone else, gets 404.
        ["GET /comptes-a-confirmer"] = [StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["GET /api/v1/comptes-a-confirmer"] = [StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["POST /api/v1/comptes-a-confirmer/{id:guid}/confirmation"] = [StaffRole.ResponsableCirconscription],
        ["POST /api/v1/comptes-a-confirmer/{id:guid}/refus"] = [StaffRole.ResponsableCirconscription],

        ["GET /catalogue"] = [StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["GET /garde/lexiques"] = [StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["GET /personnes"] = PersonFiles,
        ["GET /personnes/nouvelle"] = Creators,
        ["GET /personnes/{id:guid}"] = PersonFiles,
        ["GET /personnes/{id:guid}/identite"] = Creators,
        ["GET /personnes/{id:guid}/menage"] = [StaffRole.TravailleurSocial],
        ["GET /personnes/{id:guid}/accompagnements/nouveau"] = [StaffRole.ResponsableCirconscription],
        ["GET /accompagnements/{id:guid}/equipe"] = [StaffRole.ResponsableCirconscription],
        ["GET /accompagnements/{id:guid}"] = [StaffRole.TravailleurSocial], // the secretariat books in the agenda (issue 16)
        ["GET /accompagnements/{id:guid}/entretiens/nouveau"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/personnes/{id:guid}/accompagnements"] = [StaffRole.ResponsableCirconscription],
        ["GET /api/v1/accompagnements/{id:guid}"] = PersonFiles,
        ["PUT /api/v1/accompagnements/{id:guid}/equipe"] = [StaffRole.ResponsableCirconscription],
        ["PUT /api/v1/accompagnements/{id:guid}"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/accompagnements/{id:guid}/cloture"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/accompagnements/{id:guid}/entretiens"] = [StaffRole.TravailleurSocial],
        // An interview, its correction and addenda: the follow-up's team (here the referent, its author); the history, its author alone.
        ["GET /entretiens/{id:guid}"] = [StaffRole.TravailleurSocial],
        ["GET /api/v1/entretiens/{id:guid}"] = [StaffRole.TravailleurSocial],
        ["GET /api/v1/entretiens/{id:guid}/historique"] = [StaffRole.TravailleurSocial],
        ["PUT /api/v1/entretiens/{id:guid}"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/entretiens/{id:guid}/complements"] = [StaffRole.TravailleurSocial],
        // Working notes: the referent (the only author here) — no other role, whatever its grants.
        ["GET /accompagnements/{id:guid}/notes"] = [StaffRole.TravailleurSocial],
        ["GET /api/v1/accompagnements/{id:guid}/notes"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/accompagnements/{id:guid}/notes"] = [StaffRole.TravailleurSocial],
        ["DELETE /api/v1/notes/{id:guid}"] = [StaffRole.TravailleurSocial],
        // Digital help (issue 19): the follow-up's team (here the referent; a head of circonscription would read it only as a team member).
        ["GET /accompagnements/{id:guid}/aides-numeriques/nouvelle"] = [StaffRole.TravailleurSocial],
        ["GET /api/v1/accompagnements/{id:guid}/aides-numeriques"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/accompagnements/{id:guid}/aides-numeriques"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/personnes/recherche"] = PersonFiles,
        ["POST /api/v1/personnes"] = Creators,
        ["GET /api/v1/personnes/{id:guid}"] = PersonFiles,
        ["PUT /api/v1/personnes/{id:guid}/identite"] = Creators,
        ["POST /api/v1/personnes/{id:guid}/menage/membres"] = [StaffRole.TravailleurSocial],
        // The DPO console: the DPO only.
        ["GET /tracabilite"] = Dpo,
        ["GET /tracabilite/journal"] = Dpo,
        ["GET /tracabilite/alertes"] = Dpo,
        ["GET /tracabilite/controles"] = Dpo,
        ["GET /tracabilite/controles/{id:guid}"] = Dpo,
        ["GET /tracabilite/controles/{id:guid}/elements/{itemId:guid}"] = Dpo,
        ["GET /tracabilite/dossier"] = Dpo,
        ["GET /tracabilite/violation"] = Dpo,
        ["GET /tracabilite/integrite"] = Dpo,
        ["GET /api/v1/tracabilite/journal"] = Dpo,
        ["GET /api/v1/tracabilite/dossiers/{id:guid}"] = Dpo,
        ["GET /api/v1/tracabilite/comptes/{id:guid}/dossiers"] = Dpo,
        // Break-glass: social workers only (here the referent, told the file is already theirs); notifications: everyone's own.
        ["GET /acces-exceptionnel"] = [StaffRole.TravailleurSocial],
        ["GET /acces-exceptionnel/{id:guid}"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/acces-exceptionnel"] = [StaffRole.TravailleurSocial],
        ["GET /notifications"] = All,
        // The person's information: the notice for every member of staff; records by those who receive the person.
        ["GET /notice-information/{number:int?}"] = All,
        ["GET /notice-information/{number:int}/depliant.pdf"] = All,
        ["GET /notice-information/{number:int}/affiche.pdf"] = All,
        ["GET /notice-information/{number:int}/facile-a-lire.pdf"] = All,
        ["GET /notice-information/{number:int}/langue/{langue}"] = All,
        ["GET /notice-information/traductions"] = Dpo,
        ["GET /notice-information/traductions/{langue}"] = Dpo,
        ["GET /personnes/{id:guid}/information"] = Creators,
        ["GET /api/v1/personnes/{id:guid}/information"] = PersonFiles,
        ["POST /api/v1/personnes/{id:guid}/information"] = Creators,
        ["POST /api/v1/personnes/{id:guid}/information/tiers"] = Creators,
        ["GET /a-informer"] = [StaffRole.TravailleurSocial],
        // Retention durations in force: the DPO only.
        ["GET /conservation"] = Dpo,
        ["GET /conservation/{code}"] = Dpo,
        // The intermediate archive (an archived file here): the DPO only, for a stated reason.
        ["GET /conservation/archives"] = Dpo,
        ["GET /conservation/archives/{id:guid}"] = Dpo,
        // Legal holds, elimination batches, the run console and the anonymous statistics: the DPO only.
        ["GET /conservation/gels"] = Dpo,
        ["GET /conservation/gels/nouveau"] = Dpo,
        ["GET /conservation/gels/{id:guid}"] = Dpo,
        ["GET /conservation/bordereaux"] = Dpo,
        ["GET /conservation/bordereaux/{number:int}"] = Dpo,
        ["GET /conservation/traitements"] = Dpo,
        ["GET /conservation/statistiques"] = Dpo,
        ["POST /api/v1/conservation/gels"] = Dpo,
        // Consents to sharing: written by the assigned social worker only (the head of circonscription reads them on the file when assigned).
        ["GET /personnes/{id:guid}/accords-de-partage/nouveau"] = [StaffRole.TravailleurSocial],
        ["GET /personnes/{id:guid}/accords-de-partage/{consentId:guid}"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/personnes/{id:guid}/accords-de-partage"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/personnes/{id:guid}/accords-de-partage/{consentId:guid}/retrait"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/personnes/{id:guid}/accords-de-partage/{consentId:guid}/partages"] = [StaffRole.TravailleurSocial],
        // Mandates (issue 19): the follow-up's team (here the referent); reception and secretariat of the circonscription see that
        // mandates exist and record a revocation (and print its receipt); « Vérifier un mandat » for every member of staff.
        ["GET /personnes/{id:guid}/mandats/nouveau"] = [StaffRole.TravailleurSocial],
        ["GET /personnes/{id:guid}/mandats/{mandateId:guid}"] = [StaffRole.TravailleurSocial],
        ["GET /personnes/{id:guid}/mandats/{mandateId:guid}/mandat.pdf"] = [StaffRole.TravailleurSocial],
        ["GET /personnes/{id:guid}/mandats/{mandateId:guid}/revocation"] = MandateRevokers,
        ["GET /personnes/{id:guid}/mandats/{mandateId:guid}/accuse-de-revocation.pdf"] = MandateRevokers,
        ["GET /mandats/verifier"] = All,
        ["GET /personnes/{id:guid}/mandats/demarches.pdf"] = [StaffRole.TravailleurSocial],
        ["GET /api/v1/personnes/{id:guid}/mandats/demarches"] = [StaffRole.TravailleurSocial],
        ["GET /api/v1/personnes/{id:guid}/mandats"] = MandateRevokers,
        ["POST /api/v1/personnes/{id:guid}/mandats"] = [StaffRole.TravailleurSocial],
        ["GET /api/v1/personnes/{id:guid}/mandats/{mandateId:guid}"] = [StaffRole.TravailleurSocial],
        ["GET /api/v1/personnes/{id:guid}/mandats/{mandateId:guid}/pdf"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/personnes/{id:guid}/mandats/{mandateId:guid}/signature"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/personnes/{id:guid}/mandats/{mandateId:guid}/revocation"] = MandateRevokers,
        ["GET /api/v1/personnes/{id:guid}/mandats/{mandateId:guid}/accuse-de-revocation"] = MandateRevokers,
        ["GET /api/v1/mandats/verification"] = All,
        // Refusal of computerisation (and its end): the assigned social worker only.
        ["GET /personnes/{id:guid}/informatisation"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/personnes/{id:guid}/refus-informatisation"] = [StaffRole.TravailleurSocial],
        ["POST /api/v1/personnes/{id:guid}/acceptation-informatisation"] = [StaffRole.TravailleurSocial],
        // Rights requests: the register for the DPO; a request for the DPO and the head of its circonscription (an opposition
        // here, which the head decides); registering from the file for whoever writes the person's Droits group.
        ["GET /droits"] = Dpo,
        ["GET /droits/circonscription"] = [StaffRole.ResponsableCirconscription],
        ["GET /droits/demandes/{id:guid}"] = [StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["GET /droits/personnes/{id:guid}/nouvelle"] = PersonFiles,
        ["GET /api/v1/droits"] = Dpo,
        ["GET /api/v1/droits/{id:guid}"] = [StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["POST /api/v1/droits"] = PersonFiles,
        ["POST /api/v1/droits/{id:guid}/prolongation"] = Dpo,
        ["POST /api/v1/droits/{id:guid}/cloture"] = Dpo,
        ["POST /api/v1/droits/{id:guid}/decision"] = [StaffRole.ResponsableCirconscription],
        ["POST /api/v1/droits/{id:guid}/limitation"] = Dpo,
        ["POST /api/v1/droits/{id:guid}/levee-limitation"] = Dpo,
        // The register of processing: the DPO and the heads of circonscription, like the data catalogue.
        ["GET /registre/{number:int?}"] = [StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["GET /registre/{number:int}/registre.pdf"] = [StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["GET /registre/comparer"] = [StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["GET /tracabilite/taches"] = Dpo,
        // The impact assessment: the DPO only.
        ["GET /analyse-impact/{number:int?}"] = Dpo,
        ["GET /analyse-impact/{number:int}/aipd.pdf"] = Dpo,
        ["GET /analyse-impact/{number:int}/pia.json"] = Dpo,
        ["GET /analyse-impact/comparer"] = Dpo,
        // « À orienter »: reception, secretariat and the head of circonscription; the team's presence, absences and
        // « À réattribuer »: the head of circonscription only (the absence page of a worker of her circonscription).
        ["GET /a-orienter"] = [StaffRole.Accueil, StaffRole.Secretariat, StaffRole.ResponsableCirconscription],
        ["GET /a-reattribuer"] = [StaffRole.ResponsableCirconscription],
        ["GET /equipe"] = [StaffRole.ResponsableCirconscription],
        ["GET /equipe/{id:guid}/absence"] = [StaffRole.ResponsableCirconscription, StaffRole.AdminTechnique],
        ["GET /api/v1/a-orienter"] = [StaffRole.Accueil, StaffRole.Secretariat, StaffRole.ResponsableCirconscription],
        ["GET /api/v1/a-reattribuer"] = [StaffRole.ResponsableCirconscription],
        ["POST /api/v1/reattributions"] = [StaffRole.ResponsableCirconscription],
        ["GET /api/v1/equipe"] = [StaffRole.ResponsableCirconscription],
        ["PUT /api/v1/equipe/{id:guid}/absence"] = [StaffRole.ResponsableCirconscription, StaffRole.AdminTechnique],
        ["DELETE /api/v1/equipe/{id:guid}/absence"] = [StaffRole.ResponsableCirconscription, StaffRole.AdminTechnique],
        // Letters (Features/Courriers): templates for the technical administrator; a file's letters and its print view for whoever
        // reaches the file (the letters: whoever reads its Droits group — here every role that reaches it).
        ["GET /modeles-de-courrier"] = Admin,
        ["GET /modeles-de-courrier/{kind}"] = Admin,
        ["GET /modeles-de-courrier/{kind}/versions/{version:int}"] = Admin,
        ["GET /api/v1/courriers/modeles"] = Admin,
        ["GET /api/v1/courriers/modeles/{kind}/versions/{version:int}"] = Admin,
        ["POST /api/v1/courriers/modeles/{kind}"] = Admin,
        ["GET /personnes/{id:guid}/courriers"] = PersonFiles,
        ["GET /personnes/{id:guid}/impression"] = PersonFiles,
        ["GET /api/v1/courriers/personnes/{id:guid}"] = PersonFiles,
        ["POST /api/v1/courriers/personnes/{id:guid}"] = PersonFiles,
        // Tasks (issue 16 §3): each role that works on files has its own list and creates its own tasks; a task (here the
        // worker's, on her follow-up) is reached by its author only — never by the head of circonscription.
        ["GET /taches"] = PersonFiles,
        ["GET /taches/nouvelle"] = PersonFiles,
        ["GET /taches/{id:guid}/modifier"] = [StaffRole.TravailleurSocial],
        ["GET /api/v1/taches"] = PersonFiles,
        ["POST /api/v1/taches"] = PersonFiles,
        ["GET /api/v1/taches/{id:guid}"] = [StaffRole.TravailleurSocial],
        ["PUT /api/v1/taches/{id:guid}"] = [StaffRole.TravailleurSocial],
        ["PUT /api/v1/taches/{id:guid}/etat"] = [StaffRole.TravailleurSocial],
        ["GET /api/v1/rappels"] = PersonFiles,

        // Agenda (issue 16): the worker's own agenda and feed (those who receive persons); the circonscription's day and a
        // room's day (reception, secretariat, head); booking and marking on the file (who writes RendezVous: the head reads only).
        ["GET /agenda"] = [StaffRole.TravailleurSocial, StaffRole.ResponsableCirconscription],
        ["GET /agenda/semaine"] = [StaffRole.TravailleurSocial, StaffRole.ResponsableCirconscription],
        ["GET /compte/agenda-ical"] = [StaffRole.TravailleurSocial, StaffRole.ResponsableCirconscription],
        ["GET /agenda/accueil"] = [StaffRole.Accueil, StaffRole.Secretariat, StaffRole.ResponsableCirconscription],
        ["GET /agenda/salles/{id:guid}"] = [StaffRole.Accueil, StaffRole.Secretariat, StaffRole.ResponsableCirconscription],
        ["GET /agenda/salles"] = Admin,
        ["GET /agenda/rendez-vous/{id:guid}"] = PersonFiles,
        ["GET /personnes/{id:guid}/rendez-vous/nouveau"] = Creators,
        ["POST /api/v1/rendez-vous"] = PersonFiles,
        ["GET /api/v1/rendez-vous/{id:guid}"] = PersonFiles,
        ["PUT /api/v1/rendez-vous/{id:guid}"] = Creators,
        ["POST /api/v1/rendez-vous/{id:guid}/suite"] = Creators,
        ["GET /api/v1/rendez-vous/mes-rendez-vous"] = [StaffRole.TravailleurSocial, StaffRole.ResponsableCirconscription],
        ["GET /api/v1/rendez-vous/circonscription"] = [StaffRole.Accueil, StaffRole.Secretariat, StaffRole.ResponsableCirconscription],
        ["GET /api/v1/rendez-vous/salles/{id:guid}"] = [StaffRole.Accueil, StaffRole.Secretariat, StaffRole.ResponsableCirconscription],

        // Statistics (issue 18): the Direction, the DPO and heads of circonscription (their own); the threshold and the
        // computation on demand: the DPO.
        ["GET /statistiques"] = [StaffRole.Direction, StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["GET /statistiques/indicateur"] = [StaffRole.Direction, StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["GET /statistiques/export"] = [StaffRole.Direction, StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["GET /api/v1/statistiques"] = [StaffRole.Direction, StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["GET /api/v1/statistiques/{indicator}"] = [StaffRole.Direction, StaffRole.Dpo, StaffRole.ResponsableCirconscription],
        ["POST /api/v1/statistiques/recalcul"] = [StaffRole.Dpo],
        ["PUT /api/v1/statistiques/seuil"] = [StaffRole.Dpo],
    };

    private static readonly System.Text.RegularExpressions.Regex PostForms =
        new(@"<form[^>]*method=""post""[^>]*>.*?</form>", System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private List<string> ProtectedEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !e.RoutePattern.RawText!.Contains(":file}")) // development-time static file fallback, not an application endpoint
            .SelectMany(e =>
            {
                var route = "/" + e.RoutePattern.RawText!.TrimStart('/');
                var methods = e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                return methods.Where(m => m != "HEAD").Select(m => $"{m} {route}");
            })
            .Distinct().ToList();

    /// <summary>A fresh creation of a reception account of circonscription 0, awaiting its head's confirmation (each try decides one).</summary>
    private Task<Guid> PendingRequestAsync() => app.WithAsync(async sp =>
    {
        var db = sp.GetRequiredService<Discret.Data.DiscretDbContext>();
        var circonscription = await db.Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
        var created = await sp.GetRequiredService<Discret.Web.Features.Administration.Comptes.AccountCommands>()
            .CreateAsync("matrice." + Guid.NewGuid().ToString("N")[..8], "Agent Matrice", StaffRole.Accueil, circonscription, null);
        return await db.AccountRequests.Where(r => r.AccountId == created.Value.Account.Id).Select(r => r.Id).SingleAsync();
    });

    [Fact]
    public void The_matrix_lists_exactly_the_protected_endpoints()
    {
        var actual = ProtectedEndpoints();
        Assert.True(actual.Count > 20, "The endpoint walk found too few endpoints to be trusted.");
        var missing = actual.Except(Expected.Keys).ToList();
        var stale = Expected.Keys.Except(actual).ToList();
        Assert.True(missing.Count == 0, "Endpoints with no line in the access matrix: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Matrix lines for endpoints that no longer exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_role_reaches_exactly_what_the_matrix_says()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var sessions = new Dictionary<StaffRole, StaffSession>();
        foreach (var role in All)
            sessions[role] = await StaffSession.LoginAsync(app, role == StaffRole.TravailleurSocial ? worker : await app.CreateAccountAsync(role));
        var file = await app.CreateCaseAsync(0, worker);
        var someAccount = await app.CreateAccountAsync(StaffRole.Accueil);
        var interviewId = await app.WithAsync(sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            sp.GetRequiredService<Discret.Data.DiscretDbContext>().Interviews.Where(i => i.FollowUpId == file.FollowUpId).Select(i => i.Id)));
        var noteResponse = await sessions[StaffRole.TravailleurSocial].ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/notes",
            new { text = "Rappeler la semaine prochaine pour le dossier logement." });
        Assert.Equal(HttpStatusCode.Created, noteResponse.StatusCode);
        var noteId = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(noteResponse.Content)).GetProperty("id").GetGuid();
        var spotCheck = new Discret.Domain.Journal.SpotCheck(someAccount.Id, DateTime.UtcNow);
        spotCheck.Items.Add(new Discret.Domain.Journal.SpotCheckItem(spotCheck.Id, 1));
        await app.WithDbAsync(async db => { db.SpotChecks.Add(spotCheck); await db.SaveChangesAsync(); });
        var consent = new Discret.Domain.Rights.SharingConsent(file.PersonId, Discret.Domain.Rights.PartnerKind.Ccas, "CCAS de Valmont",
            Discret.Domain.Rights.SharingPurpose.AccesAuLogement, [Discret.Catalogue.DataCategory.Identite], Discret.Domain.Rights.ConsentForm.Ecrit,
            ParisTime.Today(TimeProvider.System), ParisTime.Today(TimeProvider.System).AddMonths(6), worker.Id, DateTime.UtcNow);
        await app.WithDbAsync(async db => { db.SharingConsents.Add(consent); await db.SaveChangesAsync(); });
        var rightsRequest = await app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<Discret.Data.DiscretDbContext>();
            var circonscription = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.CirconscriptionId));
            var request = new Discret.Domain.Rights.RightsRequest(file.PersonId, circonscription, Discret.Domain.Rights.RightKind.Opposition,
                Discret.Domain.Rights.RequestChannel.Guichet, Discret.Domain.Rights.IdentityCheck.PersonneConnueDuService,
                ParisTime.Today(TimeProvider.System), null, worker.Id, DateTime.UtcNow);
            db.RightsRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });
        var taskResponse = await sessions[StaffRole.TravailleurSocial].ApiSendAsync(HttpMethod.Post, "/api/v1/taches",
            new { title = "Rappeler le bailleur", dueOn = ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"), followUpId = file.FollowUpId });
        Assert.Equal(HttpStatusCode.Created, taskResponse.StatusCode);
        var taskId = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(taskResponse.Content)).GetProperty("id").GetGuid();
        var archived = await app.CreateCaseAsync(0, worker, closed: true);
        await app.WithDbAsync(db => db.Persons.Where(p => p.Id == archived.PersonId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ArchivedOn, ParisTime.Today(TimeProvider.System))));
        // A legal hold on the file, and batch number 1 (submitted, so that no run adds to it).
        var hold = new Discret.Domain.Retention.LegalHold(file.PersonId, Discret.Domain.Retention.HoldReason.Contentieux, null,
            ParisTime.Today(TimeProvider.System), ParisTime.Today(TimeProvider.System).AddMonths(6), someAccount.Id, DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.LegalHolds.Add(hold);
            // The notice in English (one sentence is enough for the translated notice to exist).
            if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.NoticeTranslations, t => t.Language == Discret.Domain.Documents.NoticeLanguage.Anglais))
                db.NoticeTranslations.Add(new Discret.Domain.Documents.NoticeTranslation(Discret.Domain.Documents.NoticeLanguage.Anglais,
                    Discret.Web.Features.InformationDesPersonnes.NoticeContent.Title, "Your information at the social service", someAccount.Id, DateTime.UtcNow));
            if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.EliminationBatches, b => b.Number == 1))
            {
                var batch = new Discret.Domain.Retention.EliminationBatch(1, DateTime.UtcNow);
                batch.Submit("[]", someAccount.Id, DateTime.UtcNow);
                db.EliminationBatches.Add(batch);
            }
            await db.SaveChangesAsync();
        });
        // Agenda (issue 16): a room of the file's circonscription and an appointment of the file with its referent.
        var (agendaRoom, agendaAppointment) = await app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<Discret.Data.DiscretDbContext>();
            var circonscription = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.CirconscriptionId));
            var room = new Discret.Domain.Agenda.Room(circonscription, "Salle " + Guid.NewGuid().ToString("N")[..6]);
            var start = DateTime.UtcNow.AddDays(3);
            var appointment = new Discret.Domain.Agenda.Appointment(file.PersonId, circonscription, file.FollowUpId, [], [worker.Id],
                new(start, start.AddHours(1), Discret.Domain.Agenda.AppointmentPlace.BureauCirconscription, room.Id), worker.Id, DateTime.UtcNow);
            db.Rooms.Add(room);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return (room.Id, appointment.Id);
        });
        // Mandates (issue 19): a mandate of the file, its referent named.
        var mandate = new Discret.Domain.Mandates.Mandate(file.PersonId, file.FollowUpId!.Value, new Discret.Domain.Mandates.MandateTerms(
            ParisTime.Today(TimeProvider.System), ParisTime.Today(TimeProvider.System).AddMonths(3), Discret.Domain.Mandates.ProtectionMeasure.Aucune, null,
            [worker.Id], [Discret.Domain.Mandates.MandateDataKind.Ressources],
            [(Discret.Domain.Mandates.ProcedureDomain.Social, [Discret.Domain.Mandates.OnlineOrganisation.Caf])]), worker.Id, DateTime.UtcNow);
        mandate.Seal(Discret.Web.Features.Mandats.MandateTemplate.Version, Mandats.MandateScenario.SampleDocument(mandate));
        await app.WithDbAsync(async db => { db.Mandates.Add(mandate); await db.SaveChangesAsync(); });
        var mismatches = new List<string>();
        foreach (var endpoint in Expected.Keys)
        {
            var method = endpoint[..endpoint.IndexOf(' ')];
            var route = endpoint[(endpoint.IndexOf(' ') + 1)..];
            foreach (var role in All)
            {
                // Writes to an account get a throwaway account each, so that deactivating or resetting it harms no one.
                var target = route.Contains("/comptes-a-confirmer/{") ? await PendingRequestAsync()
                    : route.Contains("salles/{") ? agendaRoom
                    : route.Contains("rendez-vous/{") ? agendaAppointment
                    : route.Contains("/notes/{") ? noteId
                    : route.Contains("/taches/{") ? taskId
                    : route.Contains("/archives/{") ? archived.PersonId
                    : route.Contains("/controles/{") ? spotCheck.Id
                    : route.Contains("/entretiens/{") ? interviewId
                    : route.Contains("accompagnements/{") ? file.FollowUpId!.Value
                    : route.Contains("/droits/{") || route.Contains("/droits/demandes/{") ? rightsRequest
                    : route.Contains("/gels/{") ? hold.Id
                    : route.Contains("/equipe/{") ? worker.Id
                    : !route.Contains("/comptes/") ? file.PersonId
                    : method == "GET" ? someAccount.Id : (await app.CreateAccountAsync(StaffRole.Accueil)).Id;
                var url = route.Replace("{id:guid}", target.ToString()).Replace("{number:int?}", "").Replace("{number:int}", "1").Replace("{indicator}", "entretiens").Replace("{code}", Discret.Catalogue.RetentionRule.DeuxAnsApresCloture.Code).Replace("{itemId:guid}", spotCheck.Items[0].Id.ToString())
                    .Replace("{consentId:guid}", consent.Id.ToString()).Replace("{mandateId:guid}", mandate.Id.ToString());
                url = url.Replace("{kind}", "convocation").Replace("{version:int}", "1").Replace("{langue}", "en"); // letter templates (Features/Courriers)
                var response = method == "GET"
                    ? await sessions[role].Client.GetAsync(url)
                    : await sessions[role].ApiSendAsync(new HttpMethod(method), url, "{}");
                var reached = response.StatusCode != HttpStatusCode.NotFound;
                var expected = Expected[endpoint].Contains(role);
                if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || reached != expected)
                    mismatches.Add($"{role} {endpoint}: {(int)response.StatusCode}, expected {(expected ? "reachable" : "404")}");
                // Every form a page posts carries its antiforgery token (a form without one fails in the browser only).
                if (method == "GET" && response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/html")
                    foreach (System.Text.RegularExpressions.Match form in PostForms.Matches(await response.Content.ReadAsStringAsync()))
                        if (!form.Value.Contains("__RequestVerificationToken"))
                            mismatches.Add($"{role} {endpoint}: a POST form without its antiforgery token: {form.Value[..Math.Min(120, form.Value.Length)]}");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
