using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Registry;

internal sealed class ImportRejectConfiguration : IEntityTypeConfiguration<ImportReject>
{
    public void Configure(EntityTypeBuilder<ImportReject> builder)
    {
        builder.ToTable("import_rejects");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.IdDtks).HasMaxLength(40);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.RawLine).HasMaxLength(2000);
        builder.HasIndex(r => new { r.SnapshotId, r.IdDtks });
        builder.HasOne<DtksSnapshot>().WithMany().HasForeignKey(r => r.SnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}
