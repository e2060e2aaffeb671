using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sejahtera.Engine.Proposals;

internal sealed class WorkflowDefinitionVersionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionVersion>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionVersion> builder)
    {
        builder.ToTable("workflow_definitions");
        builder.Property(w => w.Key).HasMaxLength(60);
        builder.Property(w => w.Status).HasMaxLength(20);
        builder.HasIndex(w => new { w.Key, w.Version }).IsUnique();
    }
}
