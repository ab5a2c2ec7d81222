using Discret.Domain.Retention;
using Discret.Domain.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Discret.Data.Configurations;

public sealed class StatFigureConfiguration : IEntityTypeConfiguration<StatFigure>
{
    public void Configure(EntityTypeBuilder<StatFigure> f)
    {
        f.ToTable("stat_figures");
        f.Property(x => x.Id).ValueGeneratedNever();
        f.Property(x => x.Indicator).HasMaxLength(StatFigure.MaxCodeLength).IsRequired();
        f.Property(x => x.Period).HasMaxLength(10).IsRequired();
        f.Property(x => x.Breakdown).HasMaxLength(StatFigure.MaxCodeLength).IsRequired();
        f.Property(x => x.Value).HasMaxLength(StatFigure.MaxValueLength).IsRequired();
        f.HasIndex(x => x.Year);
    }
}

public sealed class StatYearConfiguration : IEntityTypeConfiguration<StatYear>
{
    public void Configure(EntityTypeBuilder<StatYear> y)
    {
        y.ToTable("stat_years");
        y.HasKey(x => x.Year);
        y.Property(x => x.Year).ValueGeneratedNever();
    }
}
