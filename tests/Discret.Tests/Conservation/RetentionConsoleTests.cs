using System.Net;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Retention;
using Discret.Web.Features.Conservation;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Conservation;

/// <summary>
/// The run console and the anonymous statistics, seen from the outside: the runs' reports as tables of rule, action,
/// circonscription and count; the statistic cells by year and measure, with « autres » and the whole département. DPO only.
/// </summary>
public sealed class RetentionConsoleTests(ConservationApp app) : IClassFixture<ConservationApp>
{
    [Fact]
    public async Task The_console_shows_the_last_runs_with_their_planned_and_done_lines()
    {
        var circ0 = await app.CirconscriptionIdAsync(0);
        var circ1 = await app.CirconscriptionIdAsync(1);
        var started = new DateTime(2026, 11, 20, 1, 30, 0, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            var night = new RetentionRun(RunTrigger.Nuit, simulation: false, null, started);
            night.Plan([new RunLine(RetentionRule.DeuxAnsApresDernierContact.Code, RunAction.Archivage, circ0, 12),
                        new RunLine(RetentionRule.DemandeDeDroits.Code, RunAction.AjoutAuBordereau, circ1, 3)]);
            night.Finish([new RunLine(RetentionRule.DeuxAnsApresDernierContact.Code, RunAction.Archivage, circ0, 11),
                          new RunLine(RetentionRule.DeuxAnsApresDernierContact.Code, RunAction.Gel, circ0, 1)], RunOutcome.Terminee, started.AddMinutes(2));
            db.RetentionRuns.Add(night);
            var simulation = new RetentionRun(RunTrigger.Dpo, simulation: true, null, started.AddHours(8));
            simulation.Plan([new RunLine(RetentionRule.TroisMoisApresRendezVous.Code, RunAction.EffacementRendezVous, null, 40)]);
            simulation.Finish([], RunOutcome.Terminee, started.AddHours(8).AddMinutes(1));
            db.RetentionRuns.Add(simulation);
            await db.SaveChangesAsync();
        });
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var page = await dpo.PageTextAsync("/conservation/traitements");
        Assert.Contains("20/11/2026 02:30:00 — exécution (Nuit)", page);
        Assert.Contains("20/11/2026 10:30:00 — simulation (DPO)", page);
        Assert.Contains(RetentionRule.DeuxAnsApresDernierContact.Label, page);
        Assert.Contains(RetentionRule.DemandeDeDroits.Label, page);
        Assert.Contains("Passage en archive intermédiaire", page);
        Assert.Contains("Ajout au bordereau d'élimination", page);
        Assert.Contains("Conservé : gel, ou traitement limité à la demande de la personne", page);
        Assert.Contains("Effacement des rendez-vous passés", page);
        Assert.Contains("Tout le département", page);
        Assert.Contains(await app.CirconscriptionNameAsync(1), page);
        Assert.Contains("<td class=\"text-end\">11</td>", page);
        Assert.Contains("rien (simulation).", page);
        Assert.Contains("Simuler maintenant", page);
        Assert.Contains("Lancer maintenant", page);
        Assert.Contains("Traitements de conservation", await dpo.PageTextAsync("/conservation"));
    }

    [Fact]
    public async Task Lancer_maintenant_answers_at_once_and_the_run_finishes_in_the_background_journaled_in_the_dpo_s_name()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var appointment = await app.CreateCaseAsync(0, referent, nextAppointment: app.Clock!.GetUtcNow().UtcDateTime.AddDays(-100));
        var dpo = await app.CreateAccountAsync(StaffRole.Dpo);
        var session = await StaffSession.LoginAsync(app, dpo);

        var response = await session.PostFormAsync("/conservation/traitements?handler=Run", [], "/conservation/traitements");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(RunsModel.QueuedMessage, await session.PageTextAsync("/conservation/traitements"));

        var run = await app.WaitForRunAsync(r => r.StartedById == dpo.Id);
        Assert.Equal(RunOutcome.Terminee, run.Outcome);
        Assert.Equal(RunTrigger.Dpo, run.Trigger);
        Assert.False(run.Simulation);
        Assert.Contains(run.Done, l => l.Action == RunAction.EffacementRendezVous && l.Count >= 1);
        Assert.False(await app.DbAsync(db => db.Appointments.AnyAsync(a => a.FollowUpId == appointment.FollowUpId)));
        // Journaled as when it ran inside the request: in the DPO's name.
        Assert.True(await app.DbAsync(db => db.JournalEntries.AnyAsync(e => e.AccountId == dpo.Id && e.Role == StaffRole.Dpo
            && e.Action == JournalAction.Suppression && e.Detail!.Contains("rendez-vous passés effacés"))));
        var page = await session.PageTextAsync("/conservation/traitements");
        Assert.Contains("Déclenché par : DPO — Terminé", page);
        Assert.DoesNotContain("Actualiser", page);
    }

    [Fact]
    public async Task A_run_in_progress_shows_its_step_and_counts_so_far_and_a_second_click_is_told_so()
    {
        var circ0 = await app.CirconscriptionIdAsync(0);
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var runsBefore = await app.DbAsync(db => db.RetentionRuns.CountAsync());

        // In progress on another instance: it holds the database lock and its run shows how far it went.
        var holder = await app.WithAsync(sp => sp.GetRequiredService<JobLock>().TryTakeAsync(JobLease.Retention, TimeSpan.FromMinutes(30)));
        Assert.NotNull(holder);
        var elsewhere = new RetentionRun(RunTrigger.Nuit, simulation: false, null, app.Clock!.GetUtcNow().UtcDateTime);
        elsewhere.Plan([new RunLine(RetentionRule.DeuxAnsApresDernierContact.Code, RunAction.Suppression, circ0, 4000)]);
        elsewhere.Progress(RunStep.Suppression, [new RunLine(RetentionRule.DeuxAnsApresDernierContact.Code, RunAction.Suppression, circ0, 2000)]);
        await app.WithDbAsync(async db => { db.RetentionRuns.Add(elsewhere); await db.SaveChangesAsync(); });

        var page = await session.PageTextAsync("/conservation/traitements");
        Assert.Contains("Déclenché par : Nuit — En cours", page);
        Assert.Contains("Étape en cours : Suppression des bordereaux visés", page);
        Assert.Contains("Fait jusqu'ici — traitement du", page);
        Assert.Contains("<td class=\"text-end\">2000</td>", page);
        Assert.Contains(">Actualiser<", page);
        foreach (var handler in new[] { "Run", "Simulate" })
        {
            var refused = await session.PostFormAsync($"/conservation/traitements?handler={handler}", [], "/conservation/traitements");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains(RunsModel.BusyMessage, await session.PageTextAsync("/conservation/traitements"));
        }
        await app.WithAsync(async sp => { await sp.GetRequiredService<JobLock>().ReleaseAsync(JobLease.Retention, holder!); return 0; });
        await app.WithDbAsync(async db =>
        {
            db.RetentionRuns.Attach(elsewhere);
            elsewhere.Finish(elsewhere.Done, RunOutcome.Interrompue, app.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        Assert.Contains("Arrêté pendant l'étape : Suppression des bordereaux visés", await session.PageTextAsync("/conservation/traitements"));

        // Asked for on this instance and not started yet (the runner is busy): the page says it is coming, a second click is told so.
        var background = app.Services.GetRequiredService<BackgroundWork>();
        await app.WaitUntilAsync(() => Task.FromResult(!background.IsPending(RetentionRunQueue.WorkName))); // another test's run has ended
        var release = new TaskCompletionSource();
        Assert.True(background.TryEnqueue(RetentionRunQueue.WorkName, (_, _) => release.Task));
        try
        {
            var refused = await session.PostFormAsync("/conservation/traitements?handler=Run", [], "/conservation/traitements");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            page = await session.PageTextAsync("/conservation/traitements");
            Assert.Contains(RunsModel.BusyMessage, page);
            Assert.Contains("Un traitement demandé va démarrer dans un instant.", page);
        }
        finally
        {
            release.SetResult();
        }
        await app.WaitUntilAsync(() => Task.FromResult(!background.IsPending(RetentionRunQueue.WorkName)));
        Assert.Equal(runsBefore + 1, await app.DbAsync(db => db.RetentionRuns.CountAsync())); // only the other instance's run: no click started one
    }

    [Fact]
    public async Task The_statistics_show_the_cells_by_year_and_measure_and_say_small_cells_are_merged()
    {
        var circ0 = await app.CirconscriptionIdAsync(0);
        await app.WithDbAsync(async db =>
        {
            db.StatisticCells.Add(new StatisticCell(2024, circ0, StatisticMeasure.MotifsAccompagnement, nameof(FollowUpMotive.Logement), 7));
            db.StatisticCells.Add(new StatisticCell(2024, null, StatisticMeasure.EntretiensParType, StatisticCell.Other, 9));
            db.StatisticCells.Add(new StatisticCell(2023, null, StatisticMeasure.AccompagnementsClos, "", 31));
            await db.SaveChangesAsync();
        });
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var page = await dpo.PageTextAsync("/conservation/statistiques");
        Assert.Contains("Aucun nombre n'est inférieur à 5", page);
        Assert.Contains($"Motifs des accompagnements — 2024", page);
        Assert.Contains(FollowUpMotive.Logement.Label(), page);
        Assert.Contains(await app.CirconscriptionNameAsync(0), page);
        Assert.Contains("Autres", page);
        Assert.Contains("Tout le département", page);
        Assert.Contains("Accompagnements clos — 2023", page);
        Assert.Contains("<td class=\"text-end\">31</td>", page);
        Assert.True(page.IndexOf("Motifs des accompagnements — 2024", StringComparison.Ordinal) < page.IndexOf("Accompagnements clos — 2023", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(StaffRole.Accueil)]
    [InlineData(StaffRole.Secretariat)]
    [InlineData(StaffRole.TravailleurSocial)]
    [InlineData(StaffRole.ResponsableCirconscription)]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.AdminTechnique)]
    public async Task Only_the_dpo_reaches_the_console_and_the_statistics(StaffRole role)
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
        foreach (var url in new[] { "/conservation/traitements", "/conservation/statistiques" })
            Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync(url)).StatusCode);
        var token = await session.AntiforgeryTokenAsync("/");
        foreach (var handler in new[] { "Simulate", "Run" })
        {
            var response = await session.Client.PostAsync($"/conservation/traitements?handler={handler}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }
}
