using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Indicators;

internal sealed class IndicatorProgramConfiguration : IEntityTypeConfiguration<IndicatorProgram>
{
    public void Configure(EntityTypeBuilder<IndicatorProgram> builder)
    {
        builder.ToTable("indicator_programs");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(40);
        builder.Property(p => p.Name).HasMaxLength(300);
        builder.Property(p => p.Outcome).HasMaxLength(500);
        builder.Property(p => p.Source).HasMaxLength(300);
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.ToTable("indicators");
        builder.HasKey(i => i.Code);
        builder.Property(i => i.Code).HasMaxLength(40);
        builder.Property(i => i.ProgramCode).HasMaxLength(40);
        builder.Property(i => i.Kegiatan).HasMaxLength(500);
        builder.Property(i => i.Name).HasMaxLength(500);
        builder.Property(i => i.Unit).HasMaxLength(60);
        builder.Property(i => i.BidangCode).HasMaxLength(20);
        builder.Property(i => i.Location).HasMaxLength(300);
        builder.Property(i => i.Measure).HasMaxLength(80);
        builder.Property(i => i.Aggregation).HasMaxLength(10);
        builder.Property(i => i.Note).HasMaxLength(500);
        builder.Property(i => i.Source).HasMaxLength(300);
        builder.HasIndex(i => i.ProgramCode);
    }
}

internal sealed class IndicatorYearConfiguration : IEntityTypeConfiguration<IndicatorYear>
{
    public void Configure(EntityTypeBuilder<IndicatorYear> builder)
    {
        builder.ToTable("indicator_years");
        builder.Property(y => y.IndicatorCode).HasMaxLength(40);
        builder.Property(y => y.Target).HasPrecision(18, 2);
        builder.Property(y => y.BudgetIdr).HasPrecision(18, 0);
        builder.Property(y => y.BudgetPrinted).HasMaxLength(40);
        builder.HasIndex(y => new { y.IndicatorCode, y.Year }).IsUnique();
    }
}

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> builder)
    {
        builder.ToTable("indicator_values");
        builder.Property(v => v.IndicatorCode).HasMaxLength(40);
        builder.Property(v => v.Value).HasPrecision(18, 2);
        builder.Property(v => v.Note).HasMaxLength(1000);
        builder.Property(v => v.EvidenceFileName).HasMaxLength(200);
        builder.Property(v => v.EvidenceContentType).HasMaxLength(60);
        builder.Property(v => v.EnteredBy).HasMaxLength(100);
        builder.Property(v => v.Status).HasMaxLength(20);
        builder.Property(v => v.DecidedBy).HasMaxLength(100);
        builder.Property(v => v.DecisionReason).HasMaxLength(1000);
        builder.HasIndex(v => new { v.IndicatorCode, v.Year, v.Month });
        builder.HasIndex(v => v.Status);
    }
}

internal sealed class IndicatorSnapshotConfiguration : IEntityTypeConfiguration<IndicatorSnapshot>
{
    public void Configure(EntityTypeBuilder<IndicatorSnapshot> builder)
    {
        builder.ToTable("indicator_snapshots");
        builder.Property(s => s.IndicatorCode).HasMaxLength(40);
        builder.Property(s => s.MonthValue).HasPrecision(18, 2);
        builder.Property(s => s.YearToDate).HasPrecision(18, 2);
        builder.Property(s => s.Target).HasPrecision(18, 2);
        builder.Property(s => s.ComputedBy).HasMaxLength(100);
        builder.Property(s => s.Reason).HasMaxLength(1000);
        builder.HasIndex(s => new { s.IndicatorCode, s.Year, s.Month, s.Revision }).IsUnique();
        builder.HasIndex(s => new { s.Year, s.Month });
    }
}
