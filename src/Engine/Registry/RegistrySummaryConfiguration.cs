using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Registry;

internal sealed class RegistrySummaryConfiguration : IEntityTypeConfiguration<RegistrySummary>
{
    public void Configure(EntityTypeBuilder<RegistrySummary> builder)
    {
        builder.ToTable("registry_summaries");
        builder.HasKey(s => new { s.SnapshotId, s.KabupatenCode });
        builder.Property(s => s.KabupatenCode).HasMaxLength(5);
        // Replacing a period deletes its snapshot row, and with it its summary.
        builder.HasOne<DtksSnapshot>().WithMany().HasForeignKey(s => s.SnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}
