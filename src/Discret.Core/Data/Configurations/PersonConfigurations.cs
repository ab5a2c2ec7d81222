using Discret.Catalogue;
using Discret.Domain.Accounts;
using Discret.Domain.Organisation;
using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

internal static class ProvenanceMapping
{
    public static void MapProvenance<T>(this EntityTypeBuilder<T> entity) where T : class
    {
        entity.ComplexProperty<Provenance>("Provenance", p =>
        {
            p.Property(x => x.Source).HasConversion<string>().HasMaxLength(20).HasColumnName("provenance_source");
            p.Property(x => x.PartnerName).HasMaxLength(Provenance.MaxPartnerNameLength).HasColumnName("provenance_partner");
            p.Property(x => x.ThirdParty).HasConversion<string>().HasMaxLength(30).HasColumnName("provenance_third_party");
        });
    }
}

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> p)
    {
        p.ToTable("persons");
        p.Property(x => x.Id).ValueGeneratedNever();
        p.Property(x => x.BirthName).HasMaxLength(Person.MaxNameLength).IsRequired();
        p.Property(x => x.UsageName).HasMaxLength(Person.MaxNameLength);
        p.Property(x => x.FirstNames).HasMaxLength(Person.MaxFirstNamesLength).IsRequired();
        p.Property(x => x.Phone).HasMaxLength(20);
        p.Property(x => x.Email).HasMaxLength(200);
        p.Property(x => x.BirthNameKey).HasMaxLength(Person.MaxNameLength).IsRequired();
        p.Property(x => x.UsageNameKey).HasMaxLength(Person.MaxNameLength).IsRequired();
        p.Property(x => x.BirthNameSound).HasMaxLength(Person.MaxNameLength).IsRequired();
        p.Property(x => x.UsageNameSound).HasMaxLength(Person.MaxNameLength).IsRequired();
        p.Property(x => x.FirstNamesKey).HasMaxLength(Person.MaxFirstNamesLength).IsRequired().HasDefaultValue("");
        // The rows written before the key existed, for the one-off backfill: empty once it has run, so it costs nothing.
        p.HasIndex(x => x.Id).HasFilter("\"FirstNamesKey\" = ''").HasDatabaseName("IX_persons_FirstNamesKey_pending");
        p.Property(x => x.HouseholdLink).HasConversion<string>().HasMaxLength(40);
        p.Property(x => x.Version).IsConcurrencyToken();
        p.Ignore(x => x.DisplayName);
        p.Ignore(x => x.IsPaperOnly);
        p.Ignore(x => x.IsArchived);
        p.Ignore(x => x.IsRestricted);
        // The few limited files, for the retention job (which never lists them); a partial index, so that the millions
        // of files that are not limited cost nothing to it, not even on the job's updates.
        p.HasIndex(x => x.RestrictedSince).HasFilter("\"RestrictedSince\" IS NOT NULL");
        // The retention job's scans: files by last contact (active ones), archived files by archiving date, a batch's files.
        p.HasIndex(x => new { x.ArchivedOn, x.LastContactOn });
        // A batch's files, a chunk at a time in id order: a range of this index, never a sort of the whole batch
        // (bench f at 3M: 24 min without it, 5.6 min with it).
        p.HasIndex(x => new { x.EliminationBatchId, x.Id });
        p.MapProvenance();
        // The duplicate warning at creation: the same birth date and the same sound of the birth or usage name. (The name
        // search reads person_name_words.)
        p.HasIndex(x => x.BirthNameSound);
        p.HasIndex(x => x.UsageNameSound);
        // The name search's order of results within a circonscription: a common name reads the circonscription's persons in
        // this order and stops at the page's end (the words say which match), never sorting thousands of them.
        p.HasIndex(x => new { x.CirconscriptionId, x.BirthNameKey, x.FirstNamesKey, x.BirthDate, x.Id }).HasDatabaseName("IX_persons_SearchOrder");
        p.HasIndex(x => x.HouseholdId);
        // « À orienter »: a circonscription's files newest first, a range of this index per page.
        p.HasIndex(x => new { x.CirconscriptionId, x.CreatedAt });
        p.HasMany<PersonNameWord>().WithOne().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        p.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        p.HasOne<Circonscription>().WithMany().HasForeignKey(x => x.CirconscriptionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> h)
    {
        h.ToTable("households");
        h.Property(x => x.Id).ValueGeneratedNever();
        h.Property(x => x.AddressLine).HasMaxLength(200);
        h.Property(x => x.PostalCode).HasMaxLength(5);
        h.Property(x => x.City).HasMaxLength(100);
        h.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> f)
    {
        f.ToTable("follow_ups");
        f.Property(x => x.Id).ValueGeneratedNever();
        f.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        f.PrimitiveCollection(x => x.Motives);
        f.Property(x => x.Version).IsConcurrencyToken();
        f.Ignore(x => x.IsOpen);
        f.HasIndex(x => new { x.Status, x.ClosedOn });
        f.HasIndex(x => x.EliminationBatchId);
        f.MapProvenance();
        f.HasMany(x => x.Team).WithOne().HasForeignKey(m => m.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        f.Navigation(x => x.Team).HasField("_team").UsePropertyAccessMode(PropertyAccessMode.Field);
        f.HasIndex(x => new { x.ReferentId, x.Status });
        f.HasIndex(x => new { x.PersonId, x.Status });
        // The files a worker follows as co-worker: her memberships, then each follow-up probed in this small index of open
        // ones (id → person), instead of the database scanning every follow-up to join them (bench a) at 300k).
        f.HasIndex(x => new { x.Id, x.PersonId }).HasFilter("\"Status\" = 'Ouvert'").HasDatabaseName("IX_follow_ups_Open_Id_PersonId");
        // With the referent: « À réattribuer » finds the referents of a circonscription's open follow-ups from the index alone.
        f.HasIndex(x => new { x.CirconscriptionId, x.Status, x.ReferentId });
        f.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        f.HasOne<Circonscription>().WithMany().HasForeignKey(x => x.CirconscriptionId).OnDelete(DeleteBehavior.Restrict);
        f.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.ReferentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class FollowUpMemberConfiguration : IEntityTypeConfiguration<FollowUpMember>
{
    public void Configure(EntityTypeBuilder<FollowUpMember> m)
    {
        m.ToTable("follow_up_members");
        m.HasKey(x => new { x.FollowUpId, x.StaffAccountId });
        // An account's follow-ups as co-worker, read from the index alone (the need-to-know filter of every search).
        m.HasIndex(x => new { x.StaffAccountId, x.FollowUpId });
        m.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.StaffAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InterviewConfiguration : IEntityTypeConfiguration<Interview>
{
    public void Configure(EntityTypeBuilder<Interview> i)
    {
        i.ToTable("interviews");
        i.Property(x => x.Id).ValueGeneratedNever();
        i.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        i.Property(x => x.Summary).HasMaxLength(Interview.MaxSummaryLength);
        i.PrimitiveCollection(x => x.ParticipantMemberIds);
        i.PrimitiveCollection(x => x.Motives);
        i.PrimitiveCollection(x => x.Actions);
        i.MapProvenance();
        i.HasIndex(x => new { x.FollowUpId, x.OccurredOn });
        i.HasOne<FollowUp>().WithMany().HasForeignKey(x => x.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        i.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        i.Property(x => x.Version).IsConcurrencyToken();
    }
}

public sealed class InterviewRevisionConfiguration : IEntityTypeConfiguration<InterviewRevision>
{
    public void Configure(EntityTypeBuilder<InterviewRevision> r)
    {
        r.ToTable("interview_revisions");
        r.Property(x => x.Id).ValueGeneratedNever();
        r.Property(x => x.Previous).HasMaxLength(Interview.MaxSummaryLength);
        r.HasIndex(x => new { x.InterviewId, x.CorrectedAt });
        r.HasIndex(x => x.PersonId);
        // Goes with the interview (retention engine, erasure: the person's row takes its follow-ups, their interviews and these).
        r.HasOne<Interview>().WithMany().HasForeignKey(x => x.InterviewId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.CorrectedById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class InterviewAddendumConfiguration : IEntityTypeConfiguration<InterviewAddendum>
{
    public void Configure(EntityTypeBuilder<InterviewAddendum> a)
    {
        a.ToTable("interview_addenda");
        a.Property(x => x.Id).ValueGeneratedNever();
        a.Property(x => x.Text).HasMaxLength(InterviewAddendum.MaxTextLength);
        a.HasIndex(x => new { x.InterviewId, x.WrittenAt });
        a.HasIndex(x => x.PersonId);
        a.HasOne<Interview>().WithMany().HasForeignKey(x => x.InterviewId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class WorkingNoteConfiguration : IEntityTypeConfiguration<WorkingNote>
{
    public void Configure(EntityTypeBuilder<WorkingNote> n)
    {
        n.ToTable("working_notes");
        n.Property(x => x.Id).ValueGeneratedNever();
        n.Property(x => x.Text).HasMaxLength(WorkingNote.MaxTextLength).IsRequired();
        // Every read starts from the author; the purge walks by expiry.
        n.HasIndex(x => new { x.AuthorId, x.FollowUpId });
        n.HasIndex(x => x.FollowUpId);
        n.HasIndex(x => x.ExpiresOn);
        n.HasOne<FollowUp>().WithMany().HasForeignKey(x => x.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        n.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PersonNameWordConfiguration : IEntityTypeConfiguration<PersonNameWord>
{
    public void Configure(EntityTypeBuilder<PersonNameWord> w)
    {
        w.ToTable("person_name_words");
        w.HasKey(x => new { x.PersonId, x.Word });
        w.Property(x => x.Word).HasMaxLength(PersonNameWord.MaxWordLength);
        w.Property(x => x.Sound).HasMaxLength(PersonNameWord.MaxWordLength).IsRequired();
        // A circonscription-wide search reads a range of its own circonscription's words (prefix) or sounds; a social
        // worker's search probes the primary key of the persons she follows.
        w.HasIndex(x => new { x.CirconscriptionId, x.Word });
        w.HasIndex(x => new { x.CirconscriptionId, x.Sound });
        w.HasOne<Circonscription>().WithMany().HasForeignKey(x => x.CirconscriptionId).OnDelete(DeleteBehavior.Restrict);
    }
}
