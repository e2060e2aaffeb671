using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Proposals;

internal sealed class ProposalDocumentConfiguration : IEntityTypeConfiguration<ProposalDocument>
{
    public void Configure(EntityTypeBuilder<ProposalDocument> builder)
    {
        builder.ToTable("proposal_documents");
        builder.Property(d => d.Kind).HasMaxLength(30);
        builder.Property(d => d.FileName).HasMaxLength(200);
        builder.Property(d => d.ContentType).HasMaxLength(60);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.State).HasMaxLength(60);
        builder.Property(d => d.UploadedBy).HasMaxLength(100);
        builder.HasIndex(d => d.ProposalId);
        builder.HasOne<Proposal>().WithMany().HasForeignKey(d => d.ProposalId).OnDelete(DeleteBehavior.Restrict);
    }
}
