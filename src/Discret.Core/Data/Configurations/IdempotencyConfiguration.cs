using Discret.Domain.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

public sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> r)
    {
        r.ToTable("idempotency_keys");
        // The key is the unique constraint that lets only one of two identical requests run.
        r.HasKey(x => new { x.AccountId, x.KeyHash });
        r.Property(x => x.KeyHash).HasMaxLength(64);
        r.Property(x => x.Fingerprint).HasMaxLength(64).IsRequired();
        r.Property(x => x.Location).HasMaxLength(2000);
        r.Property(x => x.ContentType).HasMaxLength(200);
        r.HasIndex(x => x.CreatedAt);
    }
}
