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
        // The e-mail a ProConnect identity is matched by until its sub is bound; one account per address.
        account.Property(a => a.ProConnectEmail).HasMaxLength(256);
        account.HasIndex(a => a.ProConnectEmail).IsUnique();
        account.HasOne<Domain.Organisation.Circonscription>().WithMany().HasForeignKey(a => a.CirconscriptionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AccountRequestConfiguration : IEntityTypeConfiguration<AccountRequest>
{
    public void Configure(EntityTypeBuilder<AccountRequest> r)
    {
        r.ToTable("account_requests");
        r.Property(x => x.Id).ValueGeneratedNever();
        r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
        r.Property(x => x.Role).HasConversion<string>().HasMaxLength(40);
        r.Property(x => x.PreviousRole).HasConversion<string>().HasMaxLength(40);
        r.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(40);
        // "The pending request of this account" and "its last decision"; the confirmers' list reads the pending ones.
        r.HasIndex(x => new { x.AccountId, x.RequestedAt });
        r.HasIndex(x => x.Outcome);
        r.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
