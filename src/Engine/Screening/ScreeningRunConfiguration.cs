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
        builder.Property(r => r.Host).HasMaxLength(200);
        builder.HasOne<ScreeningRun>().WithMany().HasForeignKey(r => r.ParentRunId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.ParentRunId);
    }
}

internal sealed class IdBlockConfiguration : IEntityTypeConfiguration<IdBlock>
{
    public void Configure(EntityTypeBuilder<IdBlock> builder)
    {
        builder.ToTable("id_blocks");
        builder.HasKey(b => b.Name);
        builder.Property(b => b.Name).HasMaxLength(60);
        builder.HasData(new IdBlock { Name = ResultIds.ScreeningResults, NextId = 1 });
    }
}
