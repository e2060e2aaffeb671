using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Panti;

/// <summary>
/// UPT staff edit a draft (new or returned) termination case; what the verifier has seen stays as it
/// was. The edit is logged on the case's timeline.
/// </summary>
public sealed class EditTermination(CaseService cases)
{
    public async Task<Proposal> HandleAsync(
        SejahteraDbContext db, long id, TerminationRequest request, int? expectedRowVersion, string userId, IReadOnlyCollection<string> roles,
        RegionScope scope, CancellationToken ct = default)
    {
        AccessRefusedException.ThrowUnless(roles, Permission.ProposeTermination);
        var proposal = await CaseService.FindAsync(db, id, scope, expectedRowVersion, ct);
        var termination = await db.PantiTerminations.SingleOrDefaultAsync(t => t.ProposalId == id, ct) ?? throw new ProposalNotFoundException(id);
        if (proposal.Stage != StateMeanings.Draft)
        {
            throw new ProposalRefusedException($"Usulan pada tahap {proposal.State} tidak dapat diubah; hanya draf (baru atau dikembalikan) yang dapat diubah.");
        }

        var (resident, _) = await TerminationForm.ResidentAsync(db, termination.ResidentId, scope, ct);
        await TerminationForm.CheckAsync(db, request with { ResidentId = resident.Id }, resident, id, ct);
        TerminationForm.Apply(proposal, termination, request, resident);
        proposal.RowVersion++;
        cases.Note(db, proposal, userId, EditKubeProposal.Edited, null);
        await CaseService.SaveAsync(db, ct);
        return proposal;
    }
}
