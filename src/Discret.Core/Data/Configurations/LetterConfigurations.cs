using Discret.Domain.Letters;
using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

public sealed class LetterTemplateConfiguration : IEntityTypeConfiguration<LetterTemplate>
{
    public void Configure(EntityTypeBuilder<LetterTemplate> t)
    {
        t.ToTable("letter_templates");
        t.Property(x => x.Id).ValueGeneratedNever();
        t.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        t.Property(x => x.Title).HasMaxLength(LetterTemplate.MaxTitleLength).IsRequired();
        t.Property(x => x.Body).HasMaxLength(LetterTemplate.MaxBodyLength).IsRequired();
        // One row per version: two saves at once cannot both become version n.
        t.HasIndex(x => new { x.Kind, x.Version }).IsUnique();
    }
}

/// <summary>Deleted with the person (the retention job, an erasure, a refusal of computerisation does not delete them:
/// they prove what the person was sent).</summary>
public sealed class LetterConfiguration : IEntityTypeConfiguration<Letter>
{
    public void Configure(EntityTypeBuilder<Letter> l)
    {
        l.ToTable("letters");
        l.Property(x => x.Id).ValueGeneratedNever();
        l.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        l.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        l.HasIndex(x => new { x.PersonId, x.ProducedAt });
    }
}
