using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Screening;

internal sealed class ScreeningResultConfiguration : IEntityTypeConfiguration<ScreeningResult>
{
    public void Configure(EntityTypeBuilder<ScreeningResult> builder)
    {
        builder.ToTable("screening_results");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.KabupatenCode).HasMaxLength(5);
        builder.Property(r => r.Program).HasMaxLength(60);
        builder.Property(r => r.Outcome).HasMaxLength(60);
        builder.Property(r => r.Amount).HasPrecision(18, 2);
        builder.Property(r => r.SentenceValues).HasMaxLength(8000);
        // Exactly one decision per household and program in a run, whatever retries happen.
        builder.HasIndex(r => new { r.RunId, r.HouseholdId, r.Program }).IsUnique();
        // A household's decisions across runs (its page shows the latest).
        builder.HasIndex(r => r.HouseholdId);
        builder.HasOne<ScreeningRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScreeningRuleSetConfiguration : IEntityTypeConfiguration<ScreeningRuleSet>
{
    public void Configure(EntityTypeBuilder<ScreeningRuleSet> builder)
    {
        builder.ToTable("screening_rule_sets");
        builder.HasKey(r => new { r.RunId, r.Program });
        builder.Property(r => r.Program).HasMaxLength(60);
        builder.Property(r => r.Version).HasMaxLength(40);
        builder.Property(r => r.RuleSetHash).HasMaxLength(64);
        builder.HasOne<ScreeningRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScreeningCarryConfiguration : IEntityTypeConfiguration<ScreeningCarry>
{
    public void Configure(EntityTypeBuilder<ScreeningCarry> builder)
    {
        builder.ToTable("screening_carries");
        builder.HasKey(c => new { c.RunId, c.FirstHouseholdId });
        builder.HasOne<ScreeningRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
