using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Engine.Disbursement;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.Property(p => p.IdempotencyKey).HasMaxLength(60);
        builder.Property(p => p.AccountNumber).HasMaxLength(30);
        builder.Property(p => p.AccountHolder).HasMaxLength(120);
        builder.Property(p => p.Amount).HasPrecision(18, 2);
        builder.Property(p => p.Description).HasMaxLength(300);
        builder.Property(p => p.Status).HasMaxLength(20);
        builder.Property(p => p.BankReason).HasMaxLength(300);
        // A payment can never be created twice: one live (pending or paid) row per proposal and tranche,
        // enforced by the database. A payment the bank refused stays as it was, beside its corrected successor.
        builder.HasIndex(p => p.IdempotencyKey).IsUnique().HasFilter("status <> 'failed'");
        builder.HasIndex(p => p.BatchId);
        builder.HasOne<PaymentBatch>().WithMany().HasForeignKey(p => p.BatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Proposal>().WithMany().HasForeignKey(p => p.ProposalId).OnDelete(DeleteBehavior.Restrict);
    }
}
