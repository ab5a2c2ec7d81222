using Discret.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

public sealed class StaffAccountConfiguration : IEntityTypeConfiguration<StaffAccount>
{
    public void Configure(EntityTypeBuilder<StaffAccount> account)
    {
        account.ToTable("staff_accounts");
        account.Property(a => a.DisplayName).HasMaxLength(120).IsRequired();
        account.Property(a => a.Role).HasConversion<string>().HasMaxLength(40);
        account.Property(a => a.ActivationTokenHash).HasMaxLength(64);
        account.HasIndex(a => a.ActivationTokenHash).IsUnique();
        account.Property(a => a.TotpLastStep).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        account.HasIndex(a => a.CirconscriptionId);
        account.HasOne<Domain.Organisation.Circonscription>().WithMany().HasForeignKey(a => a.CirconscriptionId).OnDelete(DeleteBehavior.Restrict);
    }
}
