using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Screening.Quotas;

internal sealed class ScreeningQuotaConfiguration : IEntityTypeConfiguration<ScreeningQuota>
{
    public void Configure(EntityTypeBuilder<ScreeningQuota> builder)
    {
        builder.ToTable("screening_quotas");
        builder.Property(q => q.Program).HasMaxLength(60);
        builder.Property(q => q.KabupatenCode).HasMaxLength(5);
        builder.Property(q => q.UpdatedBy).HasMaxLength(100);
        // One quota per program and kabupaten/kota; a new value replaces it (the audit log keeps the old ones).
        builder.HasIndex(q => new { q.Program, q.KabupatenCode }).IsUnique();
    }
}
