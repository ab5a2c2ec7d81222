using System.Net;
using System.Net.Http.Json;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Agenda.AgendaScenario;

namespace Discret.Tests.Agenda;

/// <summary>
/// The agenda is written like the file it is about: on a limited file (art. 18) nothing is booked, moved or marked —
/// by reception, by the referent, or by the worker who receives the person without reaching the file — and the refusal
/// says why; on a minimal record (refusal of computerisation) appointments stay and are still booked and marked, the
/// person being still received; another circonscription gets 404.
/// </summary>
[Collection(AgendaCollection.Name)]
public class AppointmentFileStateTests(DiscretFactory app)
{
    private Task<string> StateAsync(Guid personId) => app.WithAsync(async sp =>
    {
        var rows = await sp.GetRequiredService<DiscretDbContext>().Appointments.AsNoTracking().Where(a => a.PersonId == personId)
            .OrderBy(a => a.StartsAt).Select(a => $"{a.Id}:{a.Version}:{a.Status}:{a.StartsAt:O}").ToListAsync();
        return string.Join(";", rows);
    });

    [Fact]
    public async Task On_a_limited_file_no_appointment_is_booked_moved_or_marked_even_by_the_worker_who_receives_the_person()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var person = await app.CreateCaseAsync(0); // a first reception: the worker receives the person without following her
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var id = await reception.BookedAsync(person.PersonId, worker.Id, At(6, 9), At(6, 10));
        var ts = await StaffSession.LoginAsync(app, worker);
        var version = (await ts.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/rendez-vous/{id}")).GetProperty("version").GetInt32();
        await app.LimitAsync(person.PersonId, worker.Id);
        var before = await StateAsync(person.PersonId);

        await FileStates.AssertRefusedByStateAsync(await reception.BookAsync(person.PersonId, worker.Id, At(7, 9), At(7, 10)), FileStateAnswer.RestrictedTitle, "prise");
        await FileStates.AssertRefusedByStateAsync(await reception.ApiSendAsync(HttpMethod.Put, $"/api/v1/rendez-vous/{id}",
            new { version, workerIds = new[] { worker.Id }, startsAt = At(8, 9), endsAt = At(8, 10), place = "BureauCirconscription" }), FileStateAnswer.RestrictedTitle, "déplacement");
        await FileStates.AssertRefusedByStateAsync(await reception.MarkAsync(id, "Excuse"), FileStateAnswer.RestrictedTitle, "accueil");
        await FileStates.AssertRefusedByStateAsync(await ts.MarkAsync(id, "Annule", "DemandeDeLaPersonne"), FileStateAnswer.RestrictedTitle, "professionnel qui reçoit");

        Assert.Equal(before, await StateAsync(person.PersonId));
    }

    [Fact]
    public async Task On_a_paper_only_file_the_appointments_stay_after_the_refusal_and_are_still_booked_and_marked()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var ts = await StaffSession.LoginAsync(app, worker);
        var planned = await ts.BookedAsync(file.PersonId, worker.Id, At(5, 14), At(5, 15), followUpId: file.FollowUpId);

        await ts.RefuseComputerisationAsync(file.PersonId);

        Assert.Equal(1, await app.AppointmentCountAsync(file.PersonId));
        await ts.BookedAsync(file.PersonId, worker.Id, At(12, 14), At(12, 15), followUpId: file.FollowUpId);
        Assert.Equal(HttpStatusCode.OK, (await ts.MarkAsync(planned, "Excuse")).StatusCode);
        Assert.Equal(2, await app.AppointmentCountAsync(file.PersonId));
    }

    [Fact]
    public async Task Reception_of_another_circonscription_cannot_mark_the_arrival_of_an_appointment_it_does_not_reach()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var person = await app.CreateCaseAsync(0);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var id = await reception.BookedAsync(person.PersonId, worker.Id, At(4, 9), At(4, 10));
        var elsewhere = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil, circonscription: 1));
        var before = await StateAsync(person.PersonId);

        var marked = await elsewhere.ApiSendAsync(HttpMethod.Post, $"/api/v1/rendez-vous/{id}/suite", new { version = 1, status = "Excuse" });
        var page = await elsewhere.PostFormAsync($"/agenda/rendez-vous/{id}", new() { ["Input.Version"] = "1", ["Input.Status"] = "Excuse" }, "/agenda/accueil");

        Assert.Equal(HttpStatusCode.NotFound, marked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(before, await StateAsync(person.PersonId));
    }
}
