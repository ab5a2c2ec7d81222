using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Tests.Accompagnements;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Agenda.AgendaScenario;

namespace Discret.Tests.Agenda;

/// <summary>
/// Booking, moving and marking appointments from the outside (HTTP as each role): every bad input gets a French message
/// on its field and saves nothing; who may book, and on which files, follows the file's grants (404 otherwise).
/// </summary>
[Collection(AgendaCollection.Name)]
public class AgendaBookingTests(DiscretFactory app)
{
    [Fact]
    public async Task A_worker_already_booked_at_an_overlapping_time_is_refused_and_nothing_is_saved()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var first = await app.CreateCaseAsync(0);
        var second = await app.CreateCaseAsync(0);
        await reception.BookedAsync(first.PersonId, ts.Id, At(3, 10), At(3, 11));

        var clash = await reception.BookAsync(second.PersonId, ts.Id, At(3, 10, 30), At(3, 11, 30));

        Assert.Contains("déjà un rendez-vous de 10:00 à 11:00", await ProblemAsync(clash, "workerIds"));
        Assert.Equal(0, await app.AppointmentCountAsync(second.PersonId));
        // Back to back is no clash.
        await reception.BookedAsync(second.PersonId, ts.Id, At(3, 11), At(3, 11, 45));
    }

    [Fact]
    public async Task A_room_already_taken_at_an_overlapping_time_is_refused()
    {
        var (one, two) = (await app.CreateAccountAsync(StaffRole.TravailleurSocial), await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var room = await app.CreateRoomAsync();
        var secretariat = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Secretariat));
        var first = await app.CreateCaseAsync(0);
        var second = await app.CreateCaseAsync(0);
        await secretariat.BookedAsync(first.PersonId, one.Id, At(4, 14), At(4, 15), room);

        var clash = await secretariat.BookAsync(second.PersonId, two.Id, At(4, 14, 45), At(4, 15, 30), room);

        Assert.Contains("Cette salle est déjà occupée de 14:00 à 15:00", await ProblemAsync(clash, "roomId"));
        Assert.Equal(0, await app.AppointmentCountAsync(second.PersonId));
    }

    [Fact]
    public async Task An_appointment_that_ends_before_it_starts_is_refused()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var person = await app.CreateCaseAsync(0);

        var response = await reception.BookAsync(person.PersonId, ts.Id, At(2, 15), At(2, 14));

        Assert.Equal("L'heure de fin doit être après l'heure de début.", await ProblemAsync(response, "endsAt"));
        Assert.Equal(0, await app.AppointmentCountAsync(person.PersonId));
    }

    [Fact]
    public async Task A_deactivated_worker_cannot_be_booked()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == ts.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var person = await app.CreateCaseAsync(0);

        var response = await reception.BookAsync(person.PersonId, ts.Id, At(2, 9), At(2, 10));

        Assert.Contains("n'est plus en activité", await ProblemAsync(response, "workerIds"));
        Assert.Equal(0, await app.AppointmentCountAsync(person.PersonId));
    }

    [Fact]
    public async Task A_room_of_another_circonscription_is_refused()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var elsewhere = await app.CreateRoomAsync(circonscription: 1);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var person = await app.CreateCaseAsync(0);

        var response = await reception.BookAsync(person.PersonId, ts.Id, At(2, 9), At(2, 10), elsewhere);

        Assert.Contains("n'est pas une salle de la circonscription", await ProblemAsync(response, "roomId"));
        Assert.Equal(0, await app.AppointmentCountAsync(person.PersonId));
    }

    [Fact]
    public async Task The_past_is_booked_only_to_record_what_happened_and_an_honoured_one_is_a_contact()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var person = await app.CreateCaseAsync(0);
        await app.WithDbAsync(db => db.Persons.Where(p => p.Id == person.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastContactOn, new DateOnly(2024, 1, 1))));

        var planned = await reception.BookAsync(person.PersonId, ts.Id, At(-2, 9), At(-2, 10));
        Assert.Contains("un rendez-vous passé ne s'enregistre que pour noter", await ProblemAsync(planned, "startsAt"));
        Assert.Equal(0, await app.AppointmentCountAsync(person.PersonId));

        await reception.BookedAsync(person.PersonId, ts.Id, At(-2, 9), At(-2, 10), status: "Honore");

        var lastContact = await app.WithAsync(sp => sp.GetRequiredService<Data.DiscretDbContext>().Persons.Where(p => p.Id == person.PersonId).Select(p => p.LastContactOn).SingleAsync());
        Assert.Equal(ParisTime.Today(TimeProvider.System).AddDays(-2), lastContact);
    }

    [Fact]
    public async Task Marking_honoured_moves_the_last_contact_and_missed_or_cancelled_do_not()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var old = new DateOnly(2024, 1, 1);
        var (missed, cancelled, honoured) = (await app.CreateCaseAsync(0), await app.CreateCaseAsync(0), await app.CreateCaseAsync(0));
        foreach (var c in new[] { missed, cancelled, honoured })
            await app.WithDbAsync(db => db.Persons.Where(p => p.Id == c.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastContactOn, old)));
        // Today's appointments, booked a minute ahead so that they are still to come when booked.
        var now = ParisTime.Now(TimeProvider.System);
        string Today(int minutes) => now.AddMinutes(minutes).ToString("yyyy-MM-ddTHH:mm:ss");
        if (ParisTime.DayOf(DateTime.UtcNow.AddMinutes(40)) != ParisTime.Today(TimeProvider.System)) return; // too close to midnight to book today
        var a1 = await reception.BookedAsync(missed.PersonId, ts.Id, Today(1), Today(10));
        var a2 = await reception.BookedAsync(cancelled.PersonId, ts.Id, Today(11), Today(20));
        var a3 = await reception.BookedAsync(honoured.PersonId, ts.Id, Today(21), Today(30));

        Assert.Equal(HttpStatusCode.OK, (await reception.MarkAsync(a1, "NonHonore")).StatusCode);
        Assert.Equal("Choisissez la raison de l'annulation.", await ProblemAsync(await reception.MarkAsync(a2, "Annule"), "cancellationReason"));
        Assert.Equal(HttpStatusCode.OK, (await reception.MarkAsync(a2, "Annule", "DemandeDeLaPersonne")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reception.MarkAsync(a3, "Honore")).StatusCode);

        var contacts = await app.WithAsync(sp => sp.GetRequiredService<Data.DiscretDbContext>().Persons
            .Where(p => p.Id == missed.PersonId || p.Id == cancelled.PersonId || p.Id == honoured.PersonId).ToDictionaryAsync(p => p.Id, p => p.LastContactOn));
        Assert.Equal(old, contacts[missed.PersonId]);
        Assert.Equal(old, contacts[cancelled.PersonId]);
        Assert.Equal(ParisTime.Today(TimeProvider.System), contacts[honoured.PersonId]);
    }

    [Fact]
    public async Task A_future_appointment_cannot_be_marked_honoured_yet()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var person = await app.CreateCaseAsync(0);
        var id = await reception.BookedAsync(person.PersonId, ts.Id, At(5, 9), At(5, 10));

        Assert.Contains("à venir", await ProblemAsync(await reception.MarkAsync(id, "Honore"), "status"));
    }

    [Fact]
    public async Task A_social_worker_books_her_own_appointments_on_files_she_follows_and_gets_404_elsewhere()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var colleague = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var mine = await app.CreateCaseAsync(0, ts);
        var notMine = await app.CreateCaseAsync(0, colleague);
        var session = await StaffSession.LoginAsync(app, ts);

        Assert.Equal(HttpStatusCode.NotFound, (await session.BookAsync(notMine.PersonId, ts.Id, At(6, 9), At(6, 10))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/personnes/{notMine.PersonId}/rendez-vous/nouveau")).StatusCode);
        Assert.Contains("vos propres rendez-vous", await ProblemAsync(await session.BookAsync(mine.PersonId, colleague.Id, At(6, 9), At(6, 10)), "workerIds"));
        var id = await session.BookedAsync(mine.PersonId, ts.Id, At(6, 9), At(6, 10), followUpId: mine.FollowUpId);

        var html = await session.PageTextAsync($"/agenda?jour={ParisTime.Iso(ParisTime.Today(TimeProvider.System).AddDays(6))}");
        Assert.Contains($"data-appointment=\"{id}\"", html);
        Assert.Equal(0, await app.AppointmentCountAsync(notMine.PersonId));
    }

    [Fact]
    public async Task Reception_sees_identity_time_place_and_worker_but_never_a_motive()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var followed = await app.CreateCaseAsync(0, ts);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var id = await reception.BookedAsync(followed.PersonId, ts.Id, At(7, 16), At(7, 17), followUpId: followed.FollowUpId);
        var day = ParisTime.Iso(ParisTime.Today(TimeProvider.System).AddDays(7));

        var html = await reception.PageTextAsync($"/agenda/accueil?jour={day}");
        var row = html[html.IndexOf($"data-appointment=\"{id}\"")..];
        row = row[..row.IndexOf("</tr>")];
        Assert.Contains(followed.BirthName, row);
        Assert.Contains("16:00 – 17:00", row);
        Assert.Contains("Bureau de la circonscription", row);
        Assert.Contains("Agent de test " + ts.Login, row);
        Assert.Contains("Arrivé(e)", row);
        Assert.DoesNotContain(FollowUpMotive.Logement.Label(), html);

        var json = await reception.Client.GetStringAsync($"/api/v1/rendez-vous/circonscription?day={day}");
        Assert.Contains(followed.BirthName, json);
        Assert.DoesNotContain("motive", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(FollowUpMotive.Logement.ToString(), json);
    }

    [Fact]
    public async Task The_head_of_circonscription_reads_the_agenda_without_motives_and_books_nothing()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var followed = await app.CreateCaseAsync(0, ts);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var id = await reception.BookedAsync(followed.PersonId, ts.Id, At(8, 9), At(8, 10), followUpId: followed.FollowUpId);
        var head = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));

        var html = await head.PageTextAsync($"/agenda/accueil?jour={ParisTime.Iso(ParisTime.Today(TimeProvider.System).AddDays(8))}");
        Assert.Contains(followed.BirthName, html);
        Assert.DoesNotContain(FollowUpMotive.Logement.Label(), html);
        Assert.DoesNotContain("Arrivé(e)", html);
        Assert.Equal(HttpStatusCode.NotFound, (await head.BookAsync(followed.PersonId, ts.Id, At(8, 11), At(8, 12))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.MarkAsync(id, "Excuse")).StatusCode);
    }

    [Fact]
    public async Task Another_circonscription_neither_sees_nor_books_the_appointments()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var person = await app.CreateCaseAsync(0);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var id = await reception.BookedAsync(person.PersonId, ts.Id, At(9, 9), At(9, 10));
        var other = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil, circonscription: 1));

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/rendez-vous/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.BookAsync(person.PersonId, ts.Id, At(9, 11), At(9, 12))).StatusCode);
        var html = await other.PageTextAsync($"/agenda/accueil?jour={ParisTime.Iso(ParisTime.Today(TimeProvider.System).AddDays(9))}");
        Assert.DoesNotContain(person.BirthName, html);
    }

    [Fact]
    public async Task Moving_an_appointment_checks_clashes_and_the_version()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var (p1, p2) = (await app.CreateCaseAsync(0), await app.CreateCaseAsync(0));
        await reception.BookedAsync(p1.PersonId, ts.Id, At(10, 9), At(10, 10));
        var id = await reception.BookedAsync(p2.PersonId, ts.Id, At(10, 11), At(10, 12));

        object Move(int version, int hour) => new { version, workerIds = new[] { ts.Id }, startsAt = At(10, hour), endsAt = At(10, hour + 1), place = "Telephone" };
        Assert.Contains("déjà un rendez-vous", await ProblemAsync(await reception.ApiSendAsync(HttpMethod.Put, $"/api/v1/rendez-vous/{id}", Move(0, 9)), "workerIds"));
        Assert.Equal(HttpStatusCode.Conflict, (await reception.ApiSendAsync(HttpMethod.Put, $"/api/v1/rendez-vous/{id}", Move(7, 14))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reception.ApiSendAsync(HttpMethod.Put, $"/api/v1/rendez-vous/{id}", Move(0, 14))).StatusCode);
        var moved = await reception.Client.GetFromJsonAsync<JsonElement>($"/api/v1/rendez-vous/{id}");
        Assert.Equal("Telephone", moved.GetProperty("place").GetString());
    }
}
