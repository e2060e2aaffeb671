using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Registry;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.ToTable("members");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Nik).HasMaxLength(16);
        builder.Property(m => m.Name).HasMaxLength(120);
        builder.Property(m => m.Sex).HasConversion<string>().HasMaxLength(1);
        // No foreign key to households on purpose: the import streams members first and writes
        // households at the end of the file, when their member counts are known.
        builder.HasIndex(m => new { m.SnapshotId, m.Nik });
        builder.HasIndex(m => m.HouseholdId);
        // Name search (a prefix, as ranges on the name) within a period: the lists and the member picker.
        builder.HasIndex(m => new { m.SnapshotId, m.Name });
    }
}
