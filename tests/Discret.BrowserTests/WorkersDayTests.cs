using System.Text;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Agenda;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>
/// The working day across roles, in a real browser: reception books a first appointment for a new person with Théo and
/// prints the convocation; the head of circonscription gives the file its referent from « À orienter »; Théo finds the
/// person and the appointment on his home page and in his week; reception marks today's arrival from her home page; Théo
/// records the interview, corrects it, notes a task and finds the reminder of the notice to give; he is away, the head
/// hands the follow-up over and Théo no longer reaches the file. axe-core clean on every page; screenshots kept.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkersDayTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Reception_books_and_convenes_the_head_assigns_the_worker_sees_and_reception_marks_the_arrival()
    {
        var report = new StringBuilder();
        var (personId, name) = await DemoCases.CreatePersonAsync(fixture.Server, "Journee", "Lou", new DateOnly(1991, 6, 14));
        var tomorrow = ParisTime.Today(TimeProvider.System).AddDays(1);
        var folder = Environment.GetEnvironmentVariable("DISCRET_SHOTS") ?? Path.Combine(Path.GetTempPath(), "shots");
        Directory.CreateDirectory(folder);

        // Reception: the new file is « à orienter »; she books its first appointment with Théo and prints the convocation.
        await using var receptionContext = await fixture.NewContextAsync(bypassCsp: true);
        var reception = await receptionContext.NewPageAsync();
        await Ui.LoginAsAsync(reception, "accueil");
        await Expect(reception.Locator($"[data-home-new-files] [data-new-file='{personId}']")).ToBeVisibleAsync();
        await Axe.CheckAsync(reception, "Accueil de l'agent d'accueil", report);
        await Ui.ScreenshotAsync(reception, "accueil-agent-accueil");
        await reception.GotoAsync($"/personnes/{personId}/rendez-vous/nouveau");
        await Axe.CheckAsync(reception, "Fixer un rendez-vous", report);
        await reception.GetByLabel("Jour").FillAsync(tomorrow.ToString("yyyy-MM-dd"));
        await reception.GetByLabel("Heure de début").FillAsync("10:00");
        await reception.GetByLabel("Heure de fin").FillAsync("09:30");
        await reception.SelectOptionAsync("#Input_WorkerId", new SelectOptionValue { Label = "Théo Travailleur" });
        await reception.SelectOptionAsync("#Input_Place", new[] { "BureauCirconscription" });
        await reception.GetByRole(AriaRole.Button, new() { Name = "Fixer le rendez-vous" }).ClickAsync();
        await Expect(reception.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.CheckAsync(reception, "Fixer un rendez-vous, erreurs", report);
        await Ui.ScreenshotAsync(reception, "fixer-un-rendez-vous-erreur");
        await reception.GetByLabel("Heure de fin").FillAsync("10:45");
        await reception.GetByLabel("Heure de fin").PressAsync("Enter");
        await Ui.WaitForUrlAsync(reception, new System.Text.RegularExpressions.Regex("/agenda/rendez-vous/[0-9a-f-]{36}$"));
        await Axe.CheckAsync(reception, "Un rendez-vous", report);
        await Ui.ScreenshotAsync(reception, "rendez-vous");

        await reception.GotoAsync($"/personnes/{personId}/courriers");
        var convocation = reception.Locator("article", new() { Has = reception.GetByRole(AriaRole.Heading, new() { Name = "Convocation à un rendez-vous" }) });
        await Expect(convocation.GetByLabel("Rendez-vous")).ToContainTextAsync(ParisTime.LongDay(tomorrow).Split(' ')[1]);
        await Axe.CheckAsync(reception, "Courriers, convocation", report);
        var download = await reception.RunAndWaitForDownloadAsync(() => convocation.GetByRole(AriaRole.Button, new() { Name = "Produire le courrier (PDF)" }).ClickAsync());
        var pdf = Path.Combine(folder, "convocation.pdf");
        await download.SaveAsAsync(pdf);
        Assert.True(new FileInfo(pdf).Length > 1000); // its merged text is read in Courriers/LettersTests

        // The head of circonscription gives the file its referent from « À orienter ».
        await using var rcContext = await fixture.NewContextAsync(bypassCsp: true);
        var rc = await rcContext.NewPageAsync();
        await Ui.LoginAsAsync(rc, "rc");
        await rc.GotoAsync("/a-orienter");
        await Axe.CheckAsync(rc, "À orienter", report);
        await Ui.ScreenshotAsync(rc, "a-orienter");
        await rc.GetByRole(AriaRole.Link, new() { Name = $"Désigner le référent de {name} Lou" }).FocusAsync();
        await rc.Keyboard.PressAsync("Enter");
        await Ui.WaitForPathAsync(rc, $"/personnes/{personId}/accompagnements/nouveau");
        await rc.SelectOptionAsync("#Input_ReferentId", new SelectOptionValue { Label = "Théo Travailleur (travailleur social)" });
        await rc.GetByLabel("Logement").CheckAsync();
        await rc.SelectOptionAsync("#Input_Source", new[] { "Personne" });
        await rc.GetByRole(AriaRole.Button, new() { Name = "Ouvrir l'accompagnement" }).ClickAsync();
        await Ui.WaitForPathAsync(rc, $"/personnes/{personId}");
        await rc.GotoAsync("/a-orienter");
        await Expect(rc.Locator($"[data-new-file='{personId}']")).ToHaveCountAsync(0);
        await rc.GotoAsync("/agenda/accueil");
        await Axe.CheckAsync(rc, "Agenda de la circonscription (responsable)", report);

        // Théo: the person on his home page, the appointment in his week.
        await using var tsContext = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await tsContext.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        await ts.GotoAsync("/?tri=prochain-rendez-vous&referente=1");
        var line = ts.Locator("[data-caseload] tr", new() { Has = ts.GetByRole(AriaRole.Link, new() { Name = name + " Lou" }) });
        await Expect(line).ToContainTextAsync(ParisTime.Day(tomorrow) + " à 10:00");
        // The week of tomorrow (on a Sunday, tomorrow is in next week).
        await ts.GotoAsync($"/agenda/semaine?jour={tomorrow:yyyy-MM-dd}");
        await Expect(ts.GetByRole(AriaRole.Link, new() { Name = name + " Lou" }).First).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Mon agenda, semaine", report);
        await Ui.ScreenshotAsync(ts, "agenda-semaine");
        await ts.GotoAsync("/agenda");
        await Axe.CheckAsync(ts, "Mon agenda, jour", report);

        // Today: an appointment that has begun; reception marks the arrival from her home page.
        var now = DateTime.UtcNow;
        var start = new DateTime(Math.Max(ParisTime.StartOfDayUtc(ParisTime.Today(TimeProvider.System)).Ticks, now.AddHours(-1).Ticks), DateTimeKind.Utc);
        start = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc);
        using (var scope = fixture.Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
            var person = await db.Persons.Where(p => p.Id == personId).Select(p => new { p.CirconscriptionId }).SingleAsync();
            var theo = await db.Users.Where(u => u.UserName == "ts").Select(u => u.Id).SingleAsync();
            db.Appointments.Add(new Appointment(personId, person.CirconscriptionId, null, [], [theo],
                new AppointmentSlot(start, start.AddMinutes(10), AppointmentPlace.BureauCirconscription, null), theo, now));
            await db.SaveChangesAsync();
        }
        await reception.GotoAsync("/");
        var arrived = reception.GetByRole(AriaRole.Button, new() { Name = $"Arrivé(e) : {name} Lou, {ParisTime.Time(start)}" });
        await Expect(arrived).ToBeVisibleAsync();
        await Axe.CheckAsync(reception, "Accueil, rendez-vous du jour", report);
        await arrived.FocusAsync();
        await reception.Keyboard.PressAsync("Enter");
        await Ui.WaitForPathAsync(reception, "/");
        var today = reception.Locator("[data-today-appointments] tr", new() { Has = reception.GetByRole(AriaRole.Link, new() { Name = name + " Lou" }) });
        await Expect(today.Locator("[data-status='Honore']")).ToBeVisibleAsync();
        await Ui.ScreenshotAsync(reception, "accueil-arrivee");

        await reception.SetViewportSizeAsync(640, 450);
        await reception.GotoAsync("/agenda/accueil");
        var widths = await reception.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"The circonscription's agenda scrolls sideways at 640 px ({widths[0]} > {widths[1]}).");
        await Ui.ScreenshotAsync(reception, "agenda-accueil-200");

        // Théo receives the person: he records the interview, corrects it, notes a task; his reminders say the notice is
        // still to give.
        var fileUrl = $"/personnes/{personId}";
        await ts.GotoAsync(fileUrl);
        await ts.GetByRole(AriaRole.Link, new() { Name = "Saisir un entretien" }).ClickAsync();
        await ts.FillAsync("#Input_OccurredOn", ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"));
        await ts.SelectOptionAsync("#Input_Kind", new[] { "Permanence" });
        await ts.FillAsync("#Input_Summary", "Premier entretien : demande de logement social à constituer.");
        await ts.SelectOptionAsync("#Input_Source", new[] { "Personne" });
        await ts.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'entretien" }).ClickAsync();
        await Ui.WaitForPathAsync(ts, fileUrl);
        await ts.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Ouvrir l'entretien du") }).First.ClickAsync();
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = "Corriger" })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Entretien, correction", report);
        await ts.FillAsync("#Input_Summary", "Premier entretien : demande de logement social à constituer avec la personne.");
        await ts.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la correction" }).ClickAsync();
        await Expect(ts.GetByText("demande de logement social à constituer avec la personne.").First).ToBeVisibleAsync();
        await Ui.ScreenshotAsync(ts, "entretien-corrige");

        await ts.GotoAsync(fileUrl);
        await ts.GetByRole(AriaRole.Link, new() { Name = "Ajouter une tâche" }).ClickAsync();
        await ts.GetByLabel("Intitulé").FillAsync("Déposer la demande de logement");
        await ts.GetByLabel("Intitulé").PressAsync("Enter");
        await Ui.WaitForUrlAsync(ts, new System.Text.RegularExpressions.Regex($"/personnes/{personId}$"));
        await ts.GotoAsync("/");
        await Expect(ts.Locator("[data-my-tasks]").GetByRole(AriaRole.Cell, new() { Name = "Déposer la demande de logement", Exact = true })).ToBeVisibleAsync();
        await Expect(ts.Locator("[data-reminders] [data-reminder='NoticeToGive']", new() { HasText = name + " Lou" })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Accueil du travailleur social, rappels", report);

        // Théo is away: the head declares his absence and hands the follow-up over to a present worker; Théo no longer
        // reaches the file.
        var relay = "Alix Relais " + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(4).ToArray());
        Guid relayId;
        using (var scope = fixture.Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
            var circonscription = await db.Persons.Where(p => p.Id == personId).Select(p => p.CirconscriptionId).SingleAsync();
            var account = new StaffAccount("relais." + Guid.NewGuid().ToString("N")[..8], relay, StaffRole.TravailleurSocial, circonscription, DateTime.UtcNow.AddYears(-1));
            account.ConfirmAccess(DateTime.UtcNow.AddYears(-1));
            db.Users.Add(account);
            await db.SaveChangesAsync();
            relayId = account.Id;
        }
        await rc.GotoAsync("/equipe");
        await rc.GetByRole(AriaRole.Link, new() { Name = "Déclarer une absence de Théo Travailleur" }).ClickAsync();
        await rc.GetByLabel("Premier jour d'absence").FillAsync(ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"));
        await rc.GetByLabel("Premier jour d'absence").PressAsync("Enter");
        await Ui.WaitForPathAsync(rc, "/equipe");
        try
        {
            await rc.GotoAsync("/a-reattribuer");
            await rc.GetByLabel($"Réattribuer l'accompagnement de {name} Lou").CheckAsync();
            await rc.SelectOptionAsync("#Input_NewReferentId", new SelectOptionValue { Label = $"{relay} (travailleur social)" });
            await rc.SelectOptionAsync("#Input_Reason", new[] { "AbsenceDuReferent" });
            await rc.GetByRole(AriaRole.Button, new() { Name = "Réattribuer les accompagnements cochés" }).ClickAsync();
            await Expect(rc.GetByText("Un accompagnement a été réattribué.")).ToBeVisibleAsync();
            Assert.Equal(404, (await ts.GotoAsync(fileUrl))!.Status);
        }
        finally
        {
            // Leaves the shared demo as it found it: Théo is back, the relay gone.
            using var scope = fixture.Server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
            await db.Users.Where(a => a.UserName == "ts").ExecuteUpdateAsync(s => s
                .SetProperty(a => a.AbsentFrom, (DateOnly?)null).SetProperty(a => a.AbsentUntil, (DateOnly?)null));
            await db.Users.Where(a => a.Id == relayId).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, false));
        }
        Axe.AssertClean(report);
    }
}
