using Discret.Domain.Organisation;
using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

public sealed class RetentionSettingConfiguration : IEntityTypeConfiguration<Discret.Domain.Retention.RetentionSetting>
{
    public void Configure(EntityTypeBuilder<Discret.Domain.Retention.RetentionSetting> r)
    {
        r.ToTable("retention_settings");
        r.HasKey(x => x.RuleCode);
        r.Property(x => x.RuleCode).HasMaxLength(40);
        r.Property(x => x.Reason).HasMaxLength(Discret.Domain.Retention.RetentionSetting.MaxReasonLength);
        r.Property(x => x.ArchiveJustification).HasMaxLength(Discret.Domain.Retention.RetentionSetting.MaxReasonLength);
    }
}

public sealed class PublishedDocumentConfiguration : IEntityTypeConfiguration<Discret.Domain.Documents.PublishedDocument>
{
    public void Configure(EntityTypeBuilder<Discret.Domain.Documents.PublishedDocument> d)
    {
        d.ToTable("published_documents");
        d.HasKey(x => new { x.Kind, x.Number });
        d.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        d.Property(x => x.Number).ValueGeneratedNever();
        d.Property(x => x.Fingerprint).HasMaxLength(64).IsRequired();
        d.Property(x => x.Content).IsRequired();
    }
}

public sealed class NoticeTranslationConfiguration : IEntityTypeConfiguration<Discret.Domain.Documents.NoticeTranslation>
{
    public void Configure(EntityTypeBuilder<Discret.Domain.Documents.NoticeTranslation> t)
    {
        t.ToTable("notice_translations");
        t.HasKey(x => new { x.Language, x.SourceHash });
        t.Property(x => x.Language).HasConversion<string>().HasMaxLength(20);
        t.Property(x => x.SourceHash).HasMaxLength(64);
        t.Property(x => x.Source).IsRequired();
        t.Property(x => x.Text).HasMaxLength(Discret.Domain.Documents.NoticeTranslation.MaxLength).IsRequired();
    }
}

public sealed class CirconscriptionConfiguration : IEntityTypeConfiguration<Circonscription>
{
    public void Configure(EntityTypeBuilder<Circonscription> c)
    {
        c.ToTable("circonscriptions");
        c.Property(x => x.Name).HasMaxLength(120).IsRequired();
        c.HasIndex(x => x.Name).IsUnique();
    }
}

public sealed class DepartementSettingsConfiguration : IEntityTypeConfiguration<DepartementSettings>
{
    public void Configure(EntityTypeBuilder<DepartementSettings> s)
    {
        s.ToTable("departement_settings");
        s.Property(x => x.Id).ValueGeneratedNever();
        s.Property(x => x.Name).HasMaxLength(120).IsRequired();
        s.Property(x => x.PrimaryColor).HasMaxLength(7).IsRequired();
        s.Property(x => x.ControllerName).HasMaxLength(200).IsRequired();
        s.Property(x => x.DpoContact).HasMaxLength(300).IsRequired();
        s.Property(x => x.PostalAddress).HasMaxLength(DepartementSettings.MaxPostalAddressLength).IsRequired().HasDefaultValue("");
        s.Property(x => x.OfferedProcedureDomains).HasMaxLength(300).IsRequired()
            .HasDefaultValue(DepartementSettings.AllProcedureDomains);
        s.Ignore(x => x.OfferedDomains);
        s.Property(x => x.StatisticsThreshold).HasDefaultValue(DepartementSettings.MinStatisticsThreshold);
        s.Property(x => x.AccessibilityStatus).HasConversion<string>().HasMaxLength(40);
        s.Property(x => x.LogoContentType).HasMaxLength(40);
        s.Property(x => x.Revision).IsConcurrencyToken();
    }
}
