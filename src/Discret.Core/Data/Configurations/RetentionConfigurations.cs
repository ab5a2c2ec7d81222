using Discret.Domain.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

public sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> h)
    {
        h.ToTable("legal_holds");
        h.Property(x => x.Id).ValueGeneratedNever();
        h.Property(x => x.Reason).HasConversion<string>().HasMaxLength(30);
        h.Property(x => x.Details).HasMaxLength(LegalHold.MaxDetailsLength);
        h.HasOne<Discret.Domain.Persons.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        h.HasIndex(x => new { x.PersonId, x.Until });
        h.HasIndex(x => x.Until);
    }
}

public sealed class EliminationBatchConfiguration : IEntityTypeConfiguration<EliminationBatch>
{
    public void Configure(EntityTypeBuilder<EliminationBatch> b)
    {
        b.ToTable("elimination_batches");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.VisaReference).HasMaxLength(EliminationBatch.MaxVisaReferenceLength);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => x.Status);
    }
}

public sealed class RetentionRunConfiguration : IEntityTypeConfiguration<RetentionRun>
{
    public void Configure(EntityTypeBuilder<RetentionRun> r)
    {
        r.ToTable("retention_runs");
        r.Property(x => x.Id).ValueGeneratedNever();
        r.Property(x => x.Trigger).HasConversion<string>().HasMaxLength(20);
        r.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
        r.Property(x => x.Step).HasConversion<string>().HasMaxLength(30);
        r.Property(x => x.PlannedJson).IsRequired();
        r.Property(x => x.DoneJson).IsRequired();
        r.Ignore(x => x.Planned);
        r.Ignore(x => x.Done);
        r.HasIndex(x => x.StartedAt);
    }
}

public sealed class StatisticCellConfiguration : IEntityTypeConfiguration<StatisticCell>
{
    public void Configure(EntityTypeBuilder<StatisticCell> c)
    {
        c.ToTable("statistic_cells");
        c.Property(x => x.Id).ValueGeneratedNever();
        c.Property(x => x.Measure).HasConversion<string>().HasMaxLength(30);
        c.Property(x => x.Value).HasMaxLength(60).IsRequired();
        c.HasIndex(x => new { x.Year, x.Measure, x.CirconscriptionId, x.Value });
    }
}

public sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> l)
    {
        l.ToTable("job_leases");
        l.HasKey(x => x.Name);
        l.Property(x => x.Name).HasMaxLength(40);
        l.Property(x => x.Holder).HasMaxLength(100);
        l.Property(x => x.LastHolder).HasMaxLength(100);
        l.Property(x => x.LastOutcome).HasMaxLength(JobLease.MaxOutcomeLength);
        l.HasData(JobLease.All.Select(name => new JobLease(name)).ToArray());
    }
}
