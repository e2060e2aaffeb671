using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Panti.Browse;

/// <summary>A termination-assistance case of the resident: its number, state and the state's meaning.</summary>
public sealed record TerminationCaseLink(long ProposalId, string State, string? Stage, string WorkflowKey = "", int WorkflowVersion = 0);

/// <summary>A resident with the home, the stage history in order, and any termination-assistance cases.</summary>
public sealed record ResidentDetails(Resident Resident, PantiHome Home, IReadOnlyList<ResidentStageEntry> History, IReadOnlyList<TerminationCaseLink> Cases);

public static class GetResidentDetails
{
    /// <summary>Null when the resident does not exist or is not the user's to see (the same answer for both).</summary>
    public static async Task<ResidentDetails?> HandleAsync(SejahteraDbContext db, RegionScope scope, long id, CancellationToken ct = default)
    {
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resident is null || await PantiScope.HomeAsync(db, scope, resident.HomeCode, ct) is not { } home)
        {
            return null;
        }

        var history = await db.ResidentStages.AsNoTracking().Where(s => s.ResidentId == id).ToListAsync(ct);
        var cases = await db.PantiTerminations.AsNoTracking()
            .Where(t => t.ResidentId == id)
            .Join(db.Proposals.AsNoTracking(), t => t.ProposalId, p => p.Id, (t, p) => new TerminationCaseLink(p.Id, p.State, p.Stage, p.WorkflowKey, p.WorkflowVersion))
            .ToListAsync(ct);
        return new ResidentDetails(
            resident, home, history.OrderBy(s => s.On).ThenBy(s => StageMove.Order(s.Stage)).ThenBy(s => s.Id).ToList(), cases.OrderBy(c => c.ProposalId).ToList());
    }
}
