using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Pkh;

internal sealed class KpmConfiguration : IEntityTypeConfiguration<Kpm>
{
    public void Configure(EntityTypeBuilder<Kpm> builder)
    {
        builder.ToTable("pkh_kpm");
        builder.Property(k => k.Period).HasMaxLength(10);
        builder.Property(k => k.KpmCode).HasMaxLength(30);
        builder.Property(k => k.KkNumber).HasMaxLength(16);
        builder.Property(k => k.CaretakerNik).HasMaxLength(16);
        builder.Property(k => k.CaretakerName).HasMaxLength(120);
        builder.Property(k => k.DesaCode).HasMaxLength(13);
        builder.Property(k => k.KabupatenCode).HasMaxLength(5);
        builder.Property(k => k.P2k2Attendance).HasPrecision(4, 3);
        builder.Property(k => k.SchoolAttendance).HasPrecision(4, 3);
        builder.Property(k => k.Pendamping).HasMaxLength(100);
        builder.Property(k => k.ContentHash).HasMaxLength(64);
        builder.HasIndex(k => new { k.Period, k.KpmCode }).IsUnique();
        builder.HasIndex(k => new { k.Period, k.DesaCode });
        builder.HasIndex(k => k.KkNumber);
    }
}

internal sealed class KpmExitConfiguration : IEntityTypeConfiguration<KpmExit>
{
    public void Configure(EntityTypeBuilder<KpmExit> builder)
    {
        builder.ToTable("pkh_kpm_exits");
        builder.Property(e => e.KpmCode).HasMaxLength(30);
        builder.Property(e => e.Kind).HasMaxLength(30);
        builder.Property(e => e.FromPeriod).HasMaxLength(10);
        builder.HasIndex(e => e.KpmCode).IsUnique();
    }
}

internal sealed class GraduationCaseConfiguration : IEntityTypeConfiguration<GraduationCase>
{
    public void Configure(EntityTypeBuilder<GraduationCase> builder)
    {
        builder.ToTable("pkh_graduation_cases");
        builder.HasKey(g => g.ProposalId);
        builder.Property(g => g.KpmCode).HasMaxLength(30);
        builder.Property(g => g.Period).HasMaxLength(10);
        builder.Property(g => g.SuggestedKind).HasMaxLength(30);
        builder.Property(g => g.DecidedKind).HasMaxLength(30);
        builder.Property(g => g.DecidedBy).HasMaxLength(100);
        builder.Property(g => g.Work).HasMaxLength(300);
        builder.Property(g => g.Business).HasMaxLength(300);
        builder.Property(g => g.Assets).HasMaxLength(300);
        builder.Property(g => g.IncomeChange).HasMaxLength(300);
        builder.Property(g => g.LetterNumber).HasMaxLength(60);
        // One case per family and period: running the evaluation again opens nothing twice.
        builder.HasIndex(g => new { g.Period, g.KpmCode }).IsUnique();
        builder.HasOne<Proposals.Proposal>().WithOne().HasForeignKey<GraduationCase>(g => g.ProposalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Kpm>().WithMany().HasForeignKey(g => g.KpmId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KubeCandidateConfiguration : IEntityTypeConfiguration<KubeCandidate>
{
    public void Configure(EntityTypeBuilder<KubeCandidate> builder)
    {
        builder.ToTable("kube_candidates");
        builder.Property(c => c.Nik).HasMaxLength(16);
        builder.Property(c => c.Name).HasMaxLength(120);
        builder.Property(c => c.DesaCode).HasMaxLength(13);
        builder.Property(c => c.KabupatenCode).HasMaxLength(5);
        builder.Property(c => c.Findings).HasMaxLength(2000);
        builder.HasIndex(c => c.SourceProposalId).IsUnique();
    }
}

internal sealed class PkhEvaluationRunConfiguration : IEntityTypeConfiguration<PkhEvaluationRun>
{
    public void Configure(EntityTypeBuilder<PkhEvaluationRun> builder)
    {
        builder.ToTable("pkh_evaluation_runs");
        builder.Property(r => r.Period).HasMaxLength(10);
        builder.Property(r => r.StartedBy).HasMaxLength(100);
        builder.HasIndex(r => r.Period);
    }
}
