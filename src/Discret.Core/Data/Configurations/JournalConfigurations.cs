using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

/// <summary>
/// The journal has no foreign keys on purpose: it outlives the files and accounts it names (by opaque id), and a
/// deleted person must leave nothing in it that could be joined back to a name.
/// </summary>
public sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> j)
    {
        j.ToTable("journal_entries");
        j.HasKey(x => x.Seq);
        j.Property(x => x.Seq).ValueGeneratedNever();
        j.Property(x => x.Role).HasConversion<string>().HasMaxLength(40);
        j.Property(x => x.Action).HasConversion<string>().HasMaxLength(40);
        j.Property(x => x.Detail).HasMaxLength(JournalEntry.MaxDetailLength);
        j.Property(x => x.Purpose).HasMaxLength(JournalEntry.MaxPurposeLength);
        j.Property(x => x.Address).HasMaxLength(45);
        j.Property(x => x.PreviousHash).HasMaxLength(32).IsRequired();
        j.Property(x => x.Hash).HasMaxLength(32).IsRequired();
        // The DPO console searches by account, by file, by action, each over a period, newest first.
        j.HasIndex(x => new { x.AccountId, x.At });
        // An account's entries of one action (its exports, its break-glass accesses): one range scan at 110M rows.
        j.HasIndex(x => new { x.AccountId, x.Action, x.At });
        j.HasIndex(x => new { x.PersonId, x.At });
        j.HasIndex(x => new { x.Action, x.At });
        j.HasIndex(x => x.At);
    }
}

public sealed class JournalHeadConfiguration : IEntityTypeConfiguration<JournalHead>
{
    public void Configure(EntityTypeBuilder<JournalHead> h)
    {
        h.ToTable("journal_head");
        h.Property(x => x.Id).ValueGeneratedNever();
        h.Property(x => x.Hash).HasMaxLength(32).IsRequired();
        h.HasData(new JournalHead { Id = JournalHead.SingletonId, Seq = 0, Hash = new byte[32] });
    }
}

public sealed class JournalVerificationConfiguration : IEntityTypeConfiguration<JournalVerification>
{
    public void Configure(EntityTypeBuilder<JournalVerification> v)
    {
        v.ToTable("journal_verifications");
        v.Property(x => x.Id).ValueGeneratedNever();
        v.Property(x => x.Problem).HasMaxLength(JournalVerification.MaxProblemLength);
        v.HasIndex(x => x.At);
    }
}

public sealed class BreakGlassAccessConfiguration : IEntityTypeConfiguration<BreakGlassAccess>
{
    public void Configure(EntityTypeBuilder<BreakGlassAccess> b)
    {
        b.ToTable("break_glass_accesses");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Reason).HasConversion<string>().HasMaxLength(40);
        b.Property(x => x.Justification).HasMaxLength(BreakGlassAccess.MaxJustificationLength).IsRequired();
        // "Does this account hold a running access to this file?" and "how many this week?"
        b.HasIndex(x => new { x.AccountId, x.PersonId, x.ExpiresAt });
        b.HasIndex(x => new { x.AccountId, x.StartedAt });
        b.HasIndex(x => x.StartedAt);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> n)
    {
        n.ToTable("notifications");
        n.Property(x => x.Id).ValueGeneratedNever();
        n.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        n.HasIndex(x => new { x.RecipientId, x.CreatedAt });
        n.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.RecipientId).OnDelete(DeleteBehavior.Cascade);
        n.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        n.HasOne<BreakGlassAccess>().WithMany().HasForeignKey(x => x.BreakGlassAccessId).OnDelete(DeleteBehavior.Cascade);
        n.HasOne<AccountRequest>().WithMany().HasForeignKey(x => x.AccountRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SpotCheckConfiguration : IEntityTypeConfiguration<SpotCheck>
{
    public void Configure(EntityTypeBuilder<SpotCheck> s)
    {
        s.ToTable("spot_checks");
        s.Property(x => x.Id).ValueGeneratedNever();
        s.HasIndex(x => x.DrawnAt);
        s.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.SpotCheckId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SpotCheckItemConfiguration : IEntityTypeConfiguration<SpotCheckItem>
{
    public void Configure(EntityTypeBuilder<SpotCheckItem> i)
    {
        i.ToTable("spot_check_items");
        i.Property(x => x.Id).ValueGeneratedNever();
        i.Property(x => x.Verdict).HasConversion<string>().HasMaxLength(20);
        i.Property(x => x.Observation).HasMaxLength(SpotCheckItem.MaxObservationLength);
        // No foreign key to the journal: the purge deletes the items of the entries it deletes (JournalPurge), and the checks
        // drawn before its cut-off.
        i.HasIndex(x => x.SpotCheckId);
    }
}
