using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Registry;

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> builder)
    {
        builder.ToTable("households");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.IdDtks).HasMaxLength(40);
        builder.Property(h => h.RegionCode).HasMaxLength(13);
        builder.Property(h => h.KabupatenCode).HasMaxLength(5);
        builder.Property(h => h.NoKk).HasMaxLength(16);
        builder.HasIndex(h => new { h.SnapshotId, h.IdDtks }).IsUnique();
        builder.HasIndex(h => new { h.SnapshotId, h.KabupatenCode });
        builder.HasIndex(h => h.NoKk);
        // Households of a desa or a kecamatan (its desa): the filters and the desa search of the lists.
        builder.HasIndex(h => new { h.SnapshotId, h.RegionCode });
        builder.HasOne<DtksSnapshot>().WithMany().HasForeignKey(h => h.SnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}
