using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Eligibility;

internal sealed class RuleSetVersionConfiguration : IEntityTypeConfiguration<RuleSetVersion>
{
    public void Configure(EntityTypeBuilder<RuleSetVersion> builder)
    {
        builder.ToTable("rule_set_versions");
        builder.Property(r => r.Program).HasMaxLength(60);
        builder.Property(r => r.Version).HasMaxLength(40);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.Subject).HasMaxLength(40);
        builder.Property(r => r.Hash).HasMaxLength(64);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.Property(r => r.Author).HasMaxLength(100);
        builder.Property(r => r.PublishedBy).HasMaxLength(100);
        builder.HasIndex(r => r.Hash).IsUnique();
        builder.HasIndex(r => new { r.Program, r.Version }).IsUnique();
    }
}
