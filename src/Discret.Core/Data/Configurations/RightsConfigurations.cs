using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

public sealed class InformationRecordConfiguration : IEntityTypeConfiguration<InformationRecord>
{
    public void Configure(EntityTypeBuilder<InformationRecord> r)
    {
        r.ToTable("information_records");
        r.Property(x => x.Id).ValueGeneratedNever();
        r.Property(x => x.Method).HasConversion<string>().HasMaxLength(20);
        r.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        r.HasIndex(x => x.PersonId);
    }
}

public sealed class FactDisclosureConfiguration : IEntityTypeConfiguration<FactDisclosure>
{
    public void Configure(EntityTypeBuilder<FactDisclosure> d)
    {
        d.ToTable("fact_disclosures");
        d.Property(x => x.Id).ValueGeneratedNever();
        d.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        d.Property(x => x.Method).HasConversion<string>().HasMaxLength(20);
        d.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        d.HasIndex(x => new { x.PersonId, x.FactId });
    }
}

public sealed class SharingConsentConfiguration : IEntityTypeConfiguration<SharingConsent>
{
    public void Configure(EntityTypeBuilder<SharingConsent> c)
    {
        c.ToTable("sharing_consents");
        c.Property(x => x.Id).ValueGeneratedNever();
        c.Property(x => x.Partner).HasConversion<string>().HasMaxLength(20);
        c.Property(x => x.PartnerName).HasMaxLength(SharingConsent.MaxPartnerNameLength).IsRequired();
        c.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(40);
        c.Property(x => x.Form).HasConversion<string>().HasMaxLength(10);
        c.PrimitiveCollection(x => x.Categories);
        c.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        c.HasIndex(x => x.PersonId);
    }
}

public sealed class SharingConfiguration : IEntityTypeConfiguration<Sharing>
{
    public void Configure(EntityTypeBuilder<Sharing> s)
    {
        s.ToTable("sharings");
        s.Property(x => x.Id).ValueGeneratedNever();
        s.PrimitiveCollection(x => x.Categories);
        s.HasOne<SharingConsent>().WithMany().HasForeignKey(x => x.ConsentId).OnDelete(DeleteBehavior.Cascade);
        s.HasIndex(x => x.PersonId);
    }
}

/// <summary>No foreign key to the person: the register keeps the request (its dates and answer) after an erasure.</summary>
public sealed class RectifiedValueConfiguration : IEntityTypeConfiguration<RectifiedValue>
{
    public void Configure(EntityTypeBuilder<RectifiedValue> v)
    {
        v.ToTable("rectified_values");
        v.Property(x => x.Id).ValueGeneratedNever();
        v.Property(x => x.Field).HasMaxLength(60).IsRequired();
        v.Property(x => x.Previous).HasMaxLength(RectifiedValue.MaxValueLength);
        // Gone with the request (its retention) or with the file (erasure, retention job), whichever goes first.
        v.HasOne<RightsRequest>().WithMany().HasForeignKey(x => x.RightsRequestId).OnDelete(DeleteBehavior.Cascade);
        v.HasOne<Domain.Persons.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        v.HasIndex(x => x.RightsRequestId);
        v.HasIndex(x => x.PersonId);
    }
}

public sealed class RightsRequestConfiguration : IEntityTypeConfiguration<RightsRequest>
{
    public void Configure(EntityTypeBuilder<RightsRequest> r)
    {
        r.ToTable("rights_requests");
        r.Property(x => x.Id).ValueGeneratedNever();
        r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        r.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
        r.Property(x => x.IdentityCheck).HasConversion<string>().HasMaxLength(40);
        r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        r.Property(x => x.Details).HasMaxLength(RightsRequest.MaxTextLength);
        r.Property(x => x.ExtensionReason).HasMaxLength(RightsRequest.MaxTextLength);
        r.Property(x => x.Answer).HasMaxLength(RightsRequest.MaxTextLength);
        r.Property(x => x.Version).IsConcurrencyToken();
        r.Ignore(x => x.IsOpen);
        r.Ignore(x => x.IsExtended);
        r.HasIndex(x => new { x.Status, x.DueOn });
        r.HasIndex(x => x.PersonId);
        r.HasIndex(x => x.ClosedOn);
        r.HasIndex(x => x.EliminationBatchId);
    }
}
