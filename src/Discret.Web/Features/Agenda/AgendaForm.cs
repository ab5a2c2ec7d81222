using System.Globalization;
using Discret.Domain.Agenda;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Agenda;

/// <summary>What the agenda's forms share: the day and times as typed (Europe/Paris), the choices, and where the use
/// case's field names go on the form.</summary>
public static class AgendaForm
{
    public static IEnumerable<SelectListItem> Places =>
        Enum.GetValues<AppointmentPlace>().Select(p => new SelectListItem(p.Label(), p.ToString())).Prepend(new SelectListItem("Choisissez le lieu", ""));

    public static IEnumerable<SelectListItem> Reasons =>
        Enum.GetValues<CancellationReason>().Select(r => new SelectListItem(r.Label(), r.ToString())).Prepend(new SelectListItem("Choisissez la raison", ""));

    public static IEnumerable<SelectListItem> Rooms(IEnumerable<Room> rooms) =>
        rooms.Select(r => new SelectListItem(r.Name, r.Id.ToString())).Prepend(new SelectListItem("Aucune salle", ""));

    public static IEnumerable<SelectListItem> Workers(IEnumerable<(Guid Id, string Name)> workers) =>
        workers.Select(w => new SelectListItem(w.Name, w.Id.ToString())).Prepend(new SelectListItem("Choisissez le professionnel", ""));

    /// <summary>A time typed « 14:30 » on a day: the local Paris time (null when either is missing or malformed).</summary>
    public static DateTime? At(DateOnly? day, string? time) =>
        day is { } d && TimeOnly.TryParseExact(time?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? d.ToDateTime(t, DateTimeKind.Unspecified) : null;

    public static string Time(DateTime utc) => ParisTime.Time(utc);

    /// <summary>The use case's field names as the form names them.</summary>
    public static IReadOnlyDictionary<string, string> OnForm(IReadOnlyDictionary<string, string> errors) =>
        errors.ToDictionary(e => e.Key switch { "StartsAt" => "StartTime", "EndsAt" => "EndTime", "WorkerIds" => "WorkerId", _ => e.Key }, e => e.Value);

    /// <summary>A local address to come back to after marking an appointment; anything else goes to the agenda.</summary>
    public static string Back(string? retour) =>
        retour is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//") && !r.StartsWith("/\\") ? r : "/agenda";

    public static string StatusClass(AgendaLists.Line line) => line.Status switch
    {
        AppointmentStatus.Honore => "text-success",
        AppointmentStatus.NonHonore or AppointmentStatus.Annule => "text-danger",
        _ => "",
    };
}
