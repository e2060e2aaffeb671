using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Eligibility;

internal sealed class StoredDecisionConfiguration : IEntityTypeConfiguration<StoredDecision>
{
    public void Configure(EntityTypeBuilder<StoredDecision> builder)
    {
        builder.ToTable("decisions");
        builder.Property(d => d.Program).HasMaxLength(60);
        builder.Property(d => d.SubjectType).HasMaxLength(40);
        builder.Property(d => d.SubjectId).HasMaxLength(60);
        builder.Property(d => d.Outcome).HasMaxLength(60);
        builder.Property(d => d.Amount).HasPrecision(18, 2);
        builder.Property(d => d.RuleSetVersion).HasMaxLength(40);
        builder.Property(d => d.RuleSetHash).HasMaxLength(64);
        builder.Property(d => d.DecidedBy).HasMaxLength(100);
        builder.HasIndex(d => new { d.Program, d.SubjectId });
        builder.HasIndex(d => d.HouseholdId);
    }
}
