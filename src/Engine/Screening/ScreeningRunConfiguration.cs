using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Screening;

internal sealed class ScreeningRunConfiguration : IEntityTypeConfiguration<ScreeningRun>
{
    public void Configure(EntityTypeBuilder<ScreeningRun> builder)
    {
        builder.ToTable("screening_runs");
        builder.Property(r => r.Period).HasMaxLength(7);
        builder.Property(r => r.Programs).HasMaxLength(400);
        builder.Property(r => r.KabupatenCode).HasMaxLength(5);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.Property(r => r.RequestedBy).HasMaxLength(100);
        builder.Property(r => r.Error).HasMaxLength(1000);
    }
}
