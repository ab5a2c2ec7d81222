using Discret.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

public sealed class ServerSessionConfiguration : IEntityTypeConfiguration<ServerSession>
{
    public void Configure(EntityTypeBuilder<ServerSession> s)
    {
        s.ToTable("server_sessions");
        s.Property(x => x.Id).ValueGeneratedNever();
        s.HasIndex(x => x.AccountId); // a security-stamp change ends the account's sessions
        s.HasIndex(x => x.EndsAt);    // the purge
        s.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
