using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Proposals;

internal sealed class ProposalTransitionConfiguration : IEntityTypeConfiguration<ProposalTransition>
{
    public void Configure(EntityTypeBuilder<ProposalTransition> builder)
    {
        builder.ToTable("proposal_transitions");
        builder.Property(t => t.Actor).HasMaxLength(100);
        builder.Property(t => t.From).HasMaxLength(60);
        builder.Property(t => t.To).HasMaxLength(60);
        builder.Property(t => t.Trigger).HasMaxLength(60);
        builder.Property(t => t.Reason).HasMaxLength(1000);
        builder.HasIndex(t => t.ProposalId);
        builder.HasOne<Proposal>().WithMany().HasForeignKey(t => t.ProposalId).OnDelete(DeleteBehavior.Restrict);
    }
}
