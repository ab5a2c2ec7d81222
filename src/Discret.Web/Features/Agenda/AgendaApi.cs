using Discret.Domain.Agenda;
using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.Agenda;

/// <summary>
/// The agenda's API, on the same use cases as the pages. An appointment the account may not read answers 404 like an
/// unknown one; a stale version 409; bad input a validation problem whose keys are the fields.
/// </summary>
public static class AgendaApi
{
    /// <summary>Un rendez-vous tel que tout lecteur de l'agenda le voit : sans motif (l'agenda n'en contient aucun).</summary>
    /// <param name="Id">Identifiant (UUID) du rendez-vous.</param>
    /// <param name="PersonId">Identifiant (UUID) de la personne reçue.</param>
    /// <param name="FollowUpId">Identifiant (UUID) de l'accompagnement auquel il se rattache ; null pour un premier accueil.</param>
    /// <param name="OtherMemberIds">Identifiants (UUID) des autres membres du ménage conviés ; vide s'il n'y en a pas.</param>
    /// <param name="WorkerIds">Identifiants (UUID) des comptes des professionnels qui reçoivent.</param>
    /// <param name="StartsAt">Début, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    /// <param name="EndsAt">Fin, instant en UTC (AAAA-MM-JJThh:mm:ssZ) (8 heures au plus après le début).</param>
    /// <param name="Place">Lieu du rendez-vous.</param>
    /// <param name="RoomId">Identifiant (UUID) de la salle, pour un rendez-vous au bureau de la circonscription ; null sinon.</param>
    /// <param name="Status">Ce qu'est devenu le rendez-vous (Prevu tant que rien n'est noté).</param>
    /// <param name="CancellationReason">Raison de l'annulation quand status vaut Annule ; null sinon.</param>
    /// <param name="Version">Version de l'enregistrement, à renvoyer avec la prochaine modification (verrouillage optimiste : une version périmée répond 409).</param>
    public sealed record AppointmentView(Guid Id, Guid PersonId, Guid? FollowUpId, IReadOnlyList<Guid> OtherMemberIds, IReadOnlyList<Guid> WorkerIds,
        DateTime StartsAt, DateTime EndsAt, AppointmentPlace Place, Guid? RoomId, AppointmentStatus Status, CancellationReason? CancellationReason, int Version);

    /// <summary>Une ligne d'agenda (vos rendez-vous, ceux d'une circonscription ou d'une salle) : identité, heure, lieu, professionnels — jamais de motif.</summary>
    /// <param name="Id">Identifiant (UUID) du rendez-vous.</param>
    /// <param name="PersonId">Identifiant (UUID) de la personne reçue.</param>
    /// <param name="PersonName">Nom de la personne reçue (nom d'usage ou de naissance, puis prénoms).</param>
    /// <param name="StartsAt">Début, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    /// <param name="EndsAt">Fin, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    /// <param name="Place">Lieu du rendez-vous.</param>
    /// <param name="RoomId">Identifiant (UUID) de la salle ; null hors du bureau de la circonscription.</param>
    /// <param name="Room">Nom de la salle ; null s'il n'y en a pas.</param>
    /// <param name="Workers">Noms des professionnels qui reçoivent.</param>
    /// <param name="Status">Ce qu'est devenu le rendez-vous.</param>
    /// <param name="Version">Version de l'enregistrement, à renvoyer avec la prochaine modification (verrouillage optimiste : une version périmée répond 409).</param>
    public sealed record LineView(Guid Id, Guid PersonId, string PersonName, DateTime StartsAt, DateTime EndsAt, AppointmentPlace Place, Guid? RoomId,
        string? Room, IReadOnlyList<string> Workers, AppointmentStatus Status, int Version);

    private const string Body = "rendez-vous";

    public static void Map(RouteGroupBuilder api)
    {
        var files = api.MapGroup("").RequireAuthorization(Policies.PersonFiles);

        files.MapPost("/rendez-vous", async (AppointmentBooking.BookRequest request, AppointmentBooking booking, PersonFileContext context, CancellationToken ct) =>
        {
            var view = request.PersonId is { } personId ? await context.PersonAsync(personId) : null;
            if (view is null && request.PersonId is null) return Result.Invalid("PersonId", "Indiquez la personne reçue.").ToHttp(() => Results.Ok(), Body);
            return (await booking.BookAsync(view, request, ct)).ToHttp(saved => Results.Created($"/api/v1/rendez-vous/{saved.Id}", saved), Body);
        }).Idempotent()
          .WithSummary("Fixe un rendez-vous : personne (et autres membres du ménage), accompagnement (aucun pour un premier accueil), professionnels, "
                       + "début et fin (heure de Paris), lieu et salle. Refusé s'il chevauche un autre rendez-vous du même professionnel ou de la même salle, "
                       + "s'il finit avant de commencer, tombe sur un professionnel désactivé ou une salle d'une autre circonscription ; dans le passé, "
                       + "seulement pour noter qu'il a été honoré ou non (\"status\").")
            .Produces<AppointmentBooking.Saved>(StatusCodes.Status201Created);

        files.MapGet("/rendez-vous/{id:guid}", async (Guid id, AppointmentBooking booking, HttpContext http, Journal.AccessJournal journal) =>
        {
            var target = await booking.FindAsync(id, http.User.AccountId(), http.RequestAborted);
            if (target is null) return ApiProblems.NotFound();
            await JournalReadAsync(journal, target, http.RequestAborted);
            return Results.Ok(ViewOf(target.Appointment));
        }).WithSummary("Un rendez-vous (sans motif) et sa version, qui sert à le déplacer ou à noter sa suite.")
            .Produces<AppointmentView>();

        files.MapPut("/rendez-vous/{id:guid}", async (Guid id, AppointmentBooking.MoveRequest request, AppointmentBooking booking, HttpContext http) =>
            (await booking.MoveAsync(await booking.FindAsync(id, http.User.AccountId(), http.RequestAborted), request, http.RequestAborted))
                .ToHttp(Results.Ok, Body))
            .WithSummary("Déplace un rendez-vous prévu (mêmes contrôles qu'à sa prise) ; la version lue est obligatoire (409 s'il a changé entre-temps).")
            .Produces<AppointmentBooking.Saved>();

        files.MapPost("/rendez-vous/{id:guid}/suite", async (Guid id, AppointmentBooking.MarkRequest request, AppointmentBooking booking, HttpContext http) =>
            (await booking.MarkAsync(await booking.FindAsync(id, http.User.AccountId(), http.RequestAborted), http.User.AccountId(), request, http.RequestAborted))
                .ToHttp(Results.Ok, Body))
            .WithSummary("Note ce qu'est devenu le rendez-vous : honoré (la personne est venue : c'est un contact), non honoré, excusé, ou annulé avec sa raison "
                         + "(liste fermée). Honoré ou non honoré seulement le jour venu.")
            .Produces<AppointmentBooking.Saved>();

        var own = api.MapGroup("/rendez-vous").RequireAuthorization(Policies.AgendaOwn);
        own.MapGet("/mes-rendez-vous", async (DateOnly? from, DateOnly? to, AgendaLists lists, HttpContext http, TimeProvider clock) =>
        {
            var first = from ?? ParisTime.Today(clock);
            var end = to ?? first.AddDays(7);
            if (end <= first || end.DayNumber - first.DayNumber > 62)
                return Result.Invalid("to", "La période va de « from » (inclus) à « to » (exclu), 62 jours au plus.").ToHttp(() => Results.Ok(), Body);
            return Results.Ok(Lines(await lists.MineAsync(http.User.AccountId(), first, end, http.RequestAborted)));
        }).WithSummary("Vos rendez-vous du jour « from » (inclus, aujourd'hui par défaut) au jour « to » (exclu, une semaine par défaut).")
            .Produces<List<LineView>>();

        var circonscription = api.MapGroup("/rendez-vous").RequireAuthorization(Policies.AgendaCirconscription);
        circonscription.MapGet("/circonscription", async (DateOnly? day, AgendaLists lists, HttpContext http, TimeProvider clock) =>
            Results.Ok(Lines(await lists.CirconscriptionAsync(http.User.CirconscriptionId(), day ?? ParisTime.Today(clock), http.RequestAborted))))
            .WithSummary("Les rendez-vous d'un jour (aujourd'hui par défaut) dans votre circonscription : identité, heure, lieu, professionnel — jamais de motif.")
            .Produces<List<LineView>>();

        circonscription.MapGet("/salles/{id:guid}", async (Guid id, DateOnly? day, AgendaLists lists, HttpContext http, TimeProvider clock) =>
            await lists.RoomAsync(http.User.CirconscriptionId(), id, day ?? ParisTime.Today(clock), http.RequestAborted) is { } room
                ? Results.Ok(Lines(room.Lines)) : ApiProblems.NotFound())
            .WithSummary("Les rendez-vous d'un jour dans une salle de votre circonscription.")
            .Produces<List<LineView>>();
    }

    private static List<LineView> Lines(IReadOnlyList<AgendaLists.Line> lines) =>
        lines.Select(l => new LineView(l.Id, l.PersonId, l.PersonName, l.StartsAt, l.EndsAt, l.Place, l.RoomId, l.Room, l.Workers, l.Status, l.Version)).ToList();

    public static AppointmentView ViewOf(Appointment a) => new(a.Id, a.PersonId, a.FollowUpId, a.OtherMemberIds, a.Workers.Select(w => w.StaffAccountId).ToList(),
        a.StartsAt, a.EndsAt, a.PlaceKind, a.RoomId, a.Status, a.CancellationReason, a.Version);

    /// <summary>A read of one appointment: through the file when the account reaches it, else as one of its workers.</summary>
    public static Task JournalReadAsync(Journal.AccessJournal journal, AppointmentInFile target, CancellationToken ct) =>
        target.File is { } file
            ? journal.ReadAsync(file, [Catalogue.FieldGroup.RendezVous], ct)
            : journal.WriteAsync(Domain.Journal.JournalAction.Lecture, target.Appointment.PersonId, "rendez-vous (professionnel qui reçoit)",
                reference: target.Appointment.Id, ct: ct);
}
