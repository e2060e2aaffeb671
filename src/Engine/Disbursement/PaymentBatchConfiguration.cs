using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Disbursement;

internal sealed class PaymentBatchConfiguration : IEntityTypeConfiguration<PaymentBatch>
{
    public void Configure(EntityTypeBuilder<PaymentBatch> builder)
    {
        builder.ToTable("payment_batches");
        builder.Property(b => b.CreatedBy).HasMaxLength(100);
        builder.Property(b => b.Status).HasMaxLength(20);
    }
}
