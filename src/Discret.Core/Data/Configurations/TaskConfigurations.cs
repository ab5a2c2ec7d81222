using Discret.Domain.Accounts;
using Discret.Domain.Organisation;
using Discret.Domain.Persons;
using Discret.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

public sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> t)
    {
        t.ToTable("tasks");
        t.Property(x => x.Id).ValueGeneratedNever();
        t.Property(x => x.Title).HasMaxLength(WorkTask.MaxTitleLength).IsRequired();
        t.Property(x => x.Visibility).HasConversion<string>().HasMaxLength(20);
        t.Property(x => x.Version).IsConcurrencyToken();
        // Each list starts from one reader: as author, as assignee, as the secretariat; the team's from its follow-ups.
        t.HasIndex(x => new { x.AuthorId, x.DueOn });
        t.HasIndex(x => new { x.AssigneeId, x.DueOn });
        t.HasIndex(x => new { x.CirconscriptionId, x.AssignedToSecretariat });
        t.HasIndex(x => x.FollowUpId);
        t.HasIndex(x => x.PersonId);
        // The file's deletion (retention, erasure) and its follow-up's take their tasks with them.
        t.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        t.HasOne<FollowUp>().WithMany().HasForeignKey(x => x.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        t.HasOne<Circonscription>().WithMany().HasForeignKey(x => x.CirconscriptionId).OnDelete(DeleteBehavior.Restrict);
        t.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        t.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AssigneeId).OnDelete(DeleteBehavior.Restrict);
    }
}
