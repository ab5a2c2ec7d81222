using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Domain.Agenda;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Agenda;

/// <summary>The agenda's tests share one application of their own.</summary>
[CollectionDefinition(Name)]
public sealed class AgendaCollection : ICollectionFixture<DiscretFactory>
{
    public const string Name = "Agenda";
}

/// <summary>Booking through the API as each role, rooms in the database, Paris times N days ahead.</summary>
public static class AgendaScenario
{
    /// <summary>A local Paris time <paramref name="days"/> days from today (negative: in the past), as the API takes it.</summary>
    public static string At(int days, int hour, int minute = 0) =>
        ParisTime.Today(TimeProvider.System).AddDays(days).ToDateTime(new TimeOnly(hour, minute)).ToString("yyyy-MM-ddTHH:mm:ss");

    public static async Task<Guid> CreateRoomAsync(this DiscretFactory app, int circonscription = 0, bool active = true)
    {
        var id = Guid.Empty;
        await app.WithDbAsync(async db =>
        {
            var circ = await db.Circonscriptions.OrderBy(c => c.Name).Skip(circonscription).FirstAsync();
            var room = new Room(circ.Id, "Salle " + Guid.NewGuid().ToString("N")[..6]);
            if (!active) room.Withdraw();
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            id = room.Id;
        });
        return id;
    }

    public static Task<HttpResponseMessage> BookAsync(this StaffSession session, Guid personId, Guid workerId, string start, string end,
        Guid? roomId = null, string place = "BureauCirconscription", Guid? followUpId = null, string? status = null) =>
        session.ApiSendAsync(HttpMethod.Post, "/api/v1/rendez-vous",
            new { personId, workerIds = new[] { workerId }, startsAt = start, endsAt = end, place, roomId, followUpId, status });

    public static async Task<Guid> BookedAsync(this StaffSession session, Guid personId, Guid workerId, string start, string end,
        Guid? roomId = null, Guid? followUpId = null, string? status = null)
    {
        var response = await session.BookAsync(personId, workerId, start, end, roomId, followUpId: followUpId, status: status);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The French message of a validation problem for one field (camelCase key).</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.ToString());
        return messages[0].GetString()!;
    }

    public static Task<int> AppointmentCountAsync(this DiscretFactory app, Guid personId) =>
        app.WithAsync(sp => sp.GetRequiredService<Discret.Data.DiscretDbContext>().Appointments.CountAsync(a => a.PersonId == personId));

    public static async Task<HttpResponseMessage> MarkAsync(this StaffSession session, Guid appointmentId, string status, string? reason = null)
    {
        var version = (await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/rendez-vous/{appointmentId}")).GetProperty("version").GetInt32();
        return await session.ApiSendAsync(HttpMethod.Post, $"/api/v1/rendez-vous/{appointmentId}/suite", new { version, status, cancellationReason = reason });
    }
}
