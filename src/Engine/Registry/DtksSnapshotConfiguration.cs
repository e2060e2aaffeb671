using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Registry;

internal sealed class DtksSnapshotConfiguration : IEntityTypeConfiguration<DtksSnapshot>
{
    public void Configure(EntityTypeBuilder<DtksSnapshot> builder)
    {
        builder.ToTable("dtks_snapshots");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Period).HasMaxLength(7);
        builder.Property(s => s.SourceFileName).HasMaxLength(260);
        builder.Property(s => s.SourceSha256).HasMaxLength(64);
        builder.HasIndex(s => s.SourceSha256).IsUnique();
        builder.HasIndex(s => s.Period).IsUnique();
    }
}
