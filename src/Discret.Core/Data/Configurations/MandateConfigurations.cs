using Discret.Domain.Mandates;
using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

/// <summary>No foreign key to the person or the follow-up: a mandate and the procedures done under it are kept as
/// evidence for their own time (RetentionRule.Mandat) after the file is deleted or erased, naming it by opaque id.</summary>
public sealed class MandateConfiguration : IEntityTypeConfiguration<Mandate>
{
    public void Configure(EntityTypeBuilder<Mandate> m)
    {
        m.ToTable("mandates");
        m.Property(x => x.Id).ValueGeneratedNever();
        m.Property(x => x.Code).HasMaxLength(Mandate.CodeLength).IsRequired();
        m.Property(x => x.Salt).HasMaxLength(32).IsRequired();
        m.Property(x => x.TemplateVersion).HasMaxLength(20).IsRequired();
        m.Property(x => x.Document).IsRequired();
        m.Property(x => x.Fingerprint).HasMaxLength(64).IsRequired();
        m.Property(x => x.Protection).HasConversion<string>().HasMaxLength(30);
        m.Property(x => x.RepresentativeName).HasMaxLength(Mandate.MaxRepresentativeNameLength);
        m.Property(x => x.SignedBy).HasConversion<string>().HasMaxLength(30);
        m.Property(x => x.RevocationReason).HasConversion<string>().HasMaxLength(30);
        m.PrimitiveCollection(x => x.Mandataires);
        m.PrimitiveCollection(x => x.DataKinds);
        m.Property(x => x.Version).IsConcurrencyToken();
        m.HasMany(x => x.Authorisations).WithOne().HasForeignKey(a => a.MandateId).OnDelete(DeleteBehavior.Cascade);
        m.Navigation(x => x.Authorisations).HasField("_authorisations");
        m.HasIndex(x => x.Code).IsUnique();
        m.HasIndex(x => x.PersonId);
        m.HasIndex(x => x.EndsOn);
    }
}

public sealed class MandateAuthorisationConfiguration : IEntityTypeConfiguration<MandateAuthorisation>
{
    public void Configure(EntityTypeBuilder<MandateAuthorisation> a)
    {
        a.ToTable("mandate_authorisations");
        a.Property(x => x.Id).ValueGeneratedNever();
        a.Property(x => x.Domain).HasConversion<string>().HasMaxLength(20);
        a.Property(x => x.RevocationReason).HasConversion<string>().HasMaxLength(30);
        a.PrimitiveCollection(x => x.Organisations);
        a.HasIndex(x => new { x.MandateId, x.Domain }).IsUnique();
    }
}

public sealed class MandateActionConfiguration : IEntityTypeConfiguration<MandateAction>
{
    public void Configure(EntityTypeBuilder<MandateAction> a)
    {
        a.ToTable("mandate_actions");
        a.Property(x => x.Id).ValueGeneratedNever();
        a.Property(x => x.Domain).HasConversion<string>().HasMaxLength(20);
        a.Property(x => x.Organisation).HasConversion<string>().HasMaxLength(20);
        a.Property(x => x.Procedure).HasConversion<string>().HasMaxLength(40);
        a.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
        a.HasOne<Mandate>().WithMany().HasForeignKey(x => x.MandateId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<MandateAuthorisation>().WithMany().HasForeignKey(x => x.AuthorisationId).OnDelete(DeleteBehavior.Restrict);
        a.HasIndex(x => x.MandateId);
        a.HasIndex(x => x.PersonId);
    }
}

/// <summary>A digital help is an intervention of its follow-up: gone (or anonymised into statistics) with it.</summary>
public sealed class DigitalHelpConfiguration : IEntityTypeConfiguration<DigitalHelp>
{
    public void Configure(EntityTypeBuilder<DigitalHelp> d)
    {
        d.ToTable("digital_helps");
        d.Property(x => x.Id).ValueGeneratedNever();
        d.Property(x => x.Level).HasConversion<string>().HasMaxLength(20);
        d.Property(x => x.Theme).HasConversion<string>().HasMaxLength(40);
        d.Property(x => x.Domain).HasConversion<string>().HasMaxLength(20);
        d.Property(x => x.Organisation).HasConversion<string>().HasMaxLength(20);
        d.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
        d.HasOne<FollowUp>().WithMany().HasForeignKey(x => x.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        d.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        d.HasIndex(x => x.FollowUpId);
        d.HasIndex(x => x.PersonId);
    }
}
