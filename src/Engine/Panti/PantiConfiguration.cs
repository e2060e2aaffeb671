using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Panti;

internal sealed class PantiHomeConfiguration : IEntityTypeConfiguration<PantiHome>
{
    public void Configure(EntityTypeBuilder<PantiHome> builder)
    {
        builder.ToTable("panti_homes");
        builder.HasKey(h => h.Code);
        builder.Property(h => h.Code).HasMaxLength(40);
        builder.Property(h => h.Name).HasMaxLength(200);
        builder.Property(h => h.Kind).HasMaxLength(20);
        builder.Property(h => h.KabupatenCode).HasMaxLength(5);
    }
}

internal sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> builder)
    {
        builder.ToTable("panti_residents");
        builder.Property(r => r.HomeCode).HasMaxLength(40);
        builder.Property(r => r.Nik).HasMaxLength(16);
        builder.Property(r => r.Name).HasMaxLength(120);
        builder.Property(r => r.Sex).HasMaxLength(1);
        builder.Property(r => r.Category).HasMaxLength(20);
        builder.Property(r => r.OriginAddress).HasMaxLength(300);
        builder.Property(r => r.GuardianName).HasMaxLength(120);
        builder.Property(r => r.GuardianRelation).HasMaxLength(60);
        builder.Property(r => r.Stage).HasMaxLength(40);
        builder.Property(r => r.UpdatedBy).HasMaxLength(100);
        builder.Property(r => r.RowVersion).IsConcurrencyToken();
        builder.HasIndex(r => new { r.HomeCode, r.Nik }).IsUnique();
        builder.HasOne<PantiHome>().WithMany().HasForeignKey(r => r.HomeCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ResidentStageEntryConfiguration : IEntityTypeConfiguration<ResidentStageEntry>
{
    public void Configure(EntityTypeBuilder<ResidentStageEntry> builder)
    {
        builder.ToTable("panti_resident_stages");
        builder.Property(s => s.Stage).HasMaxLength(40);
        builder.Property(s => s.RecordedBy).HasMaxLength(100);
        builder.HasIndex(s => s.ResidentId);
        builder.HasOne<Resident>().WithMany().HasForeignKey(s => s.ResidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PantiTerminationConfiguration : IEntityTypeConfiguration<PantiTermination>
{
    public void Configure(EntityTypeBuilder<PantiTermination> builder)
    {
        builder.ToTable("panti_terminations");
        builder.HasKey(t => t.ProposalId);
        builder.Property(t => t.HomeCode).HasMaxLength(40);
        builder.Property(t => t.TerminationReason).HasMaxLength(40);
        builder.Property(t => t.DestinationAddress).HasMaxLength(300);
        builder.Property(t => t.ReceivingFamily).HasMaxLength(120);
        builder.Property(t => t.Payee).HasMaxLength(10);
        builder.HasIndex(t => t.ResidentId);
        builder.HasOne<Proposals.Proposal>().WithOne().HasForeignKey<PantiTermination>(t => t.ProposalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Resident>().WithMany().HasForeignKey(t => t.ResidentId).OnDelete(DeleteBehavior.Restrict);
    }
}
