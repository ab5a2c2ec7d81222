using Discret.Domain.Accounts;
using Discret.Domain.Agenda;
using Discret.Domain.Organisation;
using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

public sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> a)
    {
        a.ToTable("appointments");
        a.Property(x => x.Id).ValueGeneratedNever();
        a.PrimitiveCollection(x => x.OtherMemberIds);
        a.Property(x => x.PlaceKind).HasConversion<string>().HasMaxLength(30);
        a.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        a.Property(x => x.CancellationReason).HasConversion<string>().HasMaxLength(40);
        a.Property(x => x.Version).IsConcurrencyToken();
        a.Ignore(x => x.IsPlanned);
        a.Ignore(x => x.PersonsConcerned);
        a.HasMany(x => x.Workers).WithOne().HasForeignKey(w => w.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        a.Navigation(x => x.Workers).HasField("_workers").UsePropertyAccessMode(PropertyAccessMode.Field);
        // The reception's day (a circonscription's appointments by start), a room's day, a file's and a follow-up's
        // appointments (next appointment, export, deletion), and the retention job's scan by date.
        a.HasIndex(x => new { x.CirconscriptionId, x.StartsAt });
        a.HasIndex(x => new { x.RoomId, x.StartsAt });
        a.HasIndex(x => new { x.PersonId, x.StartsAt });
        a.HasIndex(x => new { x.FollowUpId, x.StartsAt });
        a.HasIndex(x => x.EndsAt);
        // Deleted with the file, and with the follow-up when the follow-up goes (its own retention).
        a.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<FollowUp>().WithMany().HasForeignKey(x => x.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<Circonscription>().WithMany().HasForeignKey(x => x.CirconscriptionId).OnDelete(DeleteBehavior.Restrict);
        a.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Restrict);
        a.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.BookedById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AppointmentWorkerConfiguration : IEntityTypeConfiguration<AppointmentWorker>
{
    public void Configure(EntityTypeBuilder<AppointmentWorker> w)
    {
        w.ToTable("appointment_workers");
        w.HasKey(x => new { x.AppointmentId, x.StaffAccountId });
        // A worker's day and week, and the clash check, start from the worker.
        w.HasIndex(x => new { x.StaffAccountId, x.AppointmentId });
        w.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.StaffAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> r)
    {
        r.ToTable("rooms");
        r.Property(x => x.Id).ValueGeneratedNever();
        r.Property(x => x.Name).HasMaxLength(Room.MaxNameLength).IsRequired();
        r.HasIndex(x => new { x.CirconscriptionId, x.Name }).IsUnique();
        r.HasOne<Circonscription>().WithMany().HasForeignKey(x => x.CirconscriptionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> f)
    {
        f.ToTable("calendar_feeds");
        f.HasKey(x => x.AccountId);
        f.Property(x => x.SecretHash).HasMaxLength(64).IsRequired();
        f.HasIndex(x => x.SecretHash).IsUnique();
        f.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
