using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Regions;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.ToTable("regions");
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(13);
        builder.Property(r => r.Name).HasMaxLength(120);
        builder.Property(r => r.ParentCode).HasMaxLength(13);
        builder.HasIndex(r => r.ParentCode);
    }
}
