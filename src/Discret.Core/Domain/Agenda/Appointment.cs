using Discret.Domain.Input;
using Discret.Domain.Persons;

namespace Discret.Domain.Agenda;

/// <summary>Where an appointment takes place (closed list).</summary>
public enum AppointmentPlace { BureauCirconscription, VisiteADomicile, AutreAdresse, Telephone, Visio }

/// <summary>What became of an appointment (closed list): planned, then honoured, missed, excused or cancelled.</summary>
public enum AppointmentStatus { Prevu, Honore, NonHonore, Excuse, Annule }

/// <summary>Why an appointment was cancelled (closed list: no free text on an agenda).</summary>
public enum CancellationReason { DemandeDeLaPersonne, IndisponibiliteDuProfessionnel, RendezVousDeplace, ErreurDeSaisie, FermetureDuService }

public static class AgendaLabels
{
    public static string Label(this AppointmentPlace p) => p switch
    {
        AppointmentPlace.BureauCirconscription => "Bureau de la circonscription",
        AppointmentPlace.VisiteADomicile => "Visite à domicile",
        AppointmentPlace.AutreAdresse => "Autre adresse",
        AppointmentPlace.Telephone => "Téléphone",
        AppointmentPlace.Visio => "Visioconférence",
        _ => ClosedList.Unknown(p),
    };

    public static string Label(this AppointmentStatus s) => s switch
    {
        AppointmentStatus.Prevu => "Prévu",
        AppointmentStatus.Honore => "Honoré",
        AppointmentStatus.NonHonore => "Non honoré",
        AppointmentStatus.Excuse => "Excusé",
        AppointmentStatus.Annule => "Annulé",
        _ => ClosedList.Unknown(s),
    };

    public static string Label(this CancellationReason r) => r switch
    {
        CancellationReason.DemandeDeLaPersonne => "À la demande de la personne",
        CancellationReason.IndisponibiliteDuProfessionnel => "Professionnel indisponible",
        CancellationReason.RendezVousDeplace => "Rendez-vous déplacé",
        CancellationReason.ErreurDeSaisie => "Erreur de saisie",
        CancellationReason.FermetureDuService => "Fermeture du service",
        _ => ClosedList.Unknown(r),
    };
}

/// <summary>
/// An appointment of the agenda: a person (and other members of the household when they come too), the follow-up it
/// belongs to (none for a first-reception appointment), the workers who receive them, a start and an end (UTC instants,
/// shown in Europe/Paris), a place from a closed list, a room of the circonscription, and what became of it. It holds no
/// motive and no free text: reception and secretariat, who book it, never see why the person is followed.
/// </summary>
public class Appointment : IPersonalData
{
    /// <summary>The longest appointment (a home visit with travel included).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(8);

    private readonly List<AppointmentWorker> _workers = [];

    private Appointment() { }

    public Appointment(Guid personId, Guid circonscriptionId, Guid? followUpId, IEnumerable<Guid> otherMemberIds, IEnumerable<Guid> workerIds,
        AppointmentSlot slot, Guid bookedById, DateTime now, AppointmentStatus status = AppointmentStatus.Prevu)
    {
        Id = Guid.CreateVersion7();
        PersonId = personId;
        CirconscriptionId = circonscriptionId;
        FollowUpId = followUpId;
        OtherMemberIds = otherMemberIds.Where(id => id != personId).Distinct().ToList();
        Place(slot);
        foreach (var w in workerIds.Distinct()) _workers.Add(new AppointmentWorker(Id, w));
        Status = status;
        BookedById = bookedById;
        BookedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public Guid CirconscriptionId { get; private set; }
    public Guid? FollowUpId { get; private set; }
    /// <summary>Other members of the person's household concerned by the appointment.</summary>
    public List<Guid> OtherMemberIds { get; private set; } = [];
    public DateTime StartsAt { get; private set; }
    public DateTime EndsAt { get; private set; }
    public AppointmentPlace PlaceKind { get; private set; }
    public Guid? RoomId { get; private set; }
    public AppointmentStatus Status { get; private set; }
    public CancellationReason? CancellationReason { get; private set; }
    public Guid BookedById { get; private set; }
    public DateTime BookedAt { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyCollection<AppointmentWorker> Workers => _workers;

    /// <summary>Still to come or to be marked: the only state in which it can be moved, and that blocks a worker or a room.</summary>
    public bool IsPlanned => Status == AppointmentStatus.Prevu;

    /// <summary>Two appointments clash when they overlap (an end meeting a start does not); a cancelled one blocks nothing.</summary>
    public static readonly Rule<Appointment, AppointmentSlot> Overlaps =
        new((a, slot) => a.Status != AppointmentStatus.Annule && a.StartsAt < slot.EndsAt && a.EndsAt > slot.StartsAt);

    /// <summary>Still to come at <c>now</c> and planned: « prochain rendez-vous » of a follow-up is the first of these
    /// (derived from the agenda, no longer a field of the follow-up).</summary>
    public static readonly Rule<Appointment, DateTime> Upcoming = new((a, now) => a.Status == AppointmentStatus.Prevu && a.StartsAt >= now);

    /// <summary>The person is in contact with the service through it (retention's last contact).</summary>
    public static bool CountsAsContact(AppointmentStatus status) => status == AppointmentStatus.Honore;

    public IEnumerable<Guid> PersonsConcerned => OtherMemberIds.Prepend(PersonId);

    /// <summary>A first-reception appointment (booked before any follow-up) joins the follow-up opened for the person:
    /// it becomes the follow-up's « prochain rendez-vous » and is kept with it.</summary>
    public void JoinFollowUp(Guid followUpId)
    {
        if (FollowUpId is not null) throw new InvalidOperationException("The appointment already belongs to a follow-up.");
        FollowUpId = followUpId;
        Version++;
    }

    public void Move(AppointmentSlot slot, IEnumerable<Guid> workerIds)
    {
        Place(slot);
        var wanted = workerIds.Distinct().ToHashSet();
        _workers.RemoveAll(w => !wanted.Contains(w.StaffAccountId));
        foreach (var id in wanted.Where(id => _workers.All(w => w.StaffAccountId != id))) _workers.Add(new AppointmentWorker(Id, id));
        Version++;
    }

    public void Mark(AppointmentStatus status, CancellationReason? reason)
    {
        Status = status;
        CancellationReason = status == AppointmentStatus.Annule ? reason : null;
        Version++;
    }

    private void Place(AppointmentSlot slot)
    {
        StartsAt = slot.StartsAt;
        EndsAt = slot.EndsAt;
        PlaceKind = slot.Place;
        RoomId = slot.RoomId;
    }
}

/// <summary>When and where: checked by the booking use case before it reaches an appointment.</summary>
public sealed record AppointmentSlot(DateTime StartsAt, DateTime EndsAt, AppointmentPlace Place, Guid? RoomId);

/// <summary>A worker (staff account) who receives the person at an appointment.</summary>
public class AppointmentWorker : IPersonalData
{
    private AppointmentWorker() { }

    public AppointmentWorker(Guid appointmentId, Guid staffAccountId)
    {
        AppointmentId = appointmentId;
        StaffAccountId = staffAccountId;
    }

    public Guid AppointmentId { get; private set; }
    public Guid StaffAccountId { get; private set; }
}
