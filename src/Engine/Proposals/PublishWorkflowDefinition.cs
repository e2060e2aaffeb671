using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// Publishes a new version of a workflow definition after validating it. A stored version is never
/// changed: proposals already running stay on the version they started with; new ones take the latest.
/// </summary>
public sealed class PublishWorkflowDefinition(TimeProvider time)
{
    public async Task<WorkflowDefinitionVersion> HandleAsync(SejahteraDbContext db, string json, CancellationToken ct = default)
    {
        var read = DefaultWorkflows.Read(json);
        if (!read.IsValid)
        {
            throw new ProposalRefusedException("Definisi workflow tidak sah: " + string.Join("; ", read.Problems.Select(p => p.Message)));
        }

        var definition = read.Definition!;
        if (definition.Key.Length > 60)
        {
            throw new ProposalRefusedException($"Kunci workflow '{definition.Key}' terlalu panjang (paling banyak 60 karakter).");
        }

        if (await db.WorkflowDefinitions.AnyAsync(w => w.Key == definition.Key && w.Version >= definition.Version, ct))
        {
            throw new ProposalRefusedException(
                $"Workflow {definition.Key} versi {definition.Version} atau yang lebih baru sudah ada; versi terbit tidak dapat diubah, naikkan nomor versinya.");
        }

        var stored = new WorkflowDefinitionVersion
        {
            Key = definition.Key, Version = definition.Version, Json = json, Status = "published", CreatedAt = time.GetUtcNow(),
        };
        db.WorkflowDefinitions.Add(stored);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin published the same version a moment ago; the unique index kept only theirs.
            db.ChangeTracker.Clear();
            throw new ProposalRefusedException($"Workflow {definition.Key} versi {definition.Version} baru saja diterbitkan oleh pengguna lain; versi terbit tidak dapat diubah, naikkan nomor versinya.");
        }

        return stored;
    }
}
