using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Proposals;

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.ToTable("proposals");
        builder.Property(p => p.Program).HasMaxLength(60);
        builder.Property(p => p.WorkflowKey).HasMaxLength(60);
        builder.Property(p => p.State).HasMaxLength(60);
        builder.Property(p => p.Stage).HasMaxLength(40);
        builder.Property(p => p.KabupatenCode).HasMaxLength(5);
        builder.Property(p => p.HomeCode).HasMaxLength(40);
        builder.Property(p => p.DesaCode).HasMaxLength(13);
        builder.Property(p => p.KecamatanCode).HasMaxLength(8);
        builder.Property(p => p.GroupName).HasMaxLength(200);
        builder.Property(p => p.BusinessType).HasMaxLength(100);
        builder.Property(p => p.BankAccount).HasMaxLength(30);
        builder.Property(p => p.AccountHolder).HasMaxLength(120);
        builder.Property(p => p.ChairName).HasMaxLength(120);
        builder.Property(p => p.TreasurerName).HasMaxLength(120);
        builder.Property(p => p.BusinessPlan).HasMaxLength(4000);
        builder.Property(p => p.BudgetAmount).HasPrecision(18, 2);
        builder.Property(p => p.LastOutcome).HasMaxLength(60);
        builder.Property(p => p.CreatedBy).HasMaxLength(100);
        builder.Property(p => p.RowVersion).IsConcurrencyToken();
        builder.HasIndex(p => new { p.KabupatenCode, p.State });
        builder.HasIndex(p => p.Stage);
    }
}
