using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Identity;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(120);
        builder.Property(u => u.RegionScope).HasMaxLength(200);
        builder.Property(u => u.HomeCode).HasMaxLength(40);
        builder.Property(u => u.DesaCodes).HasMaxLength(2000);
        builder.Property(u => u.BidangCode).HasMaxLength(20);
    }
}
