using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Proposals;

internal sealed class ProposalTaskConfiguration : IEntityTypeConfiguration<ProposalTask>
{
    public void Configure(EntityTypeBuilder<ProposalTask> builder)
    {
        builder.ToTable("proposal_tasks");
        builder.Property(t => t.State).HasMaxLength(60);
        builder.Property(t => t.CandidateRoles).HasMaxLength(200);
        builder.Property(t => t.KabupatenCode).HasMaxLength(5);
        builder.Property(t => t.EscalateTo).HasMaxLength(60);
        builder.Property(t => t.CompletedBy).HasMaxLength(100);
        builder.Property(t => t.Outcome).HasMaxLength(60);
        builder.HasIndex(t => new { t.KabupatenCode, t.CompletedAt });
        builder.HasOne<Proposal>().WithMany().HasForeignKey(t => t.ProposalId).OnDelete(DeleteBehavior.Cascade);
    }
}
