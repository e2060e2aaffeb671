using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// An operator edits a draft (new or returned) proposal. Only a draft can change: what a verifier
/// has seen stays as it was. The edit is logged on the timeline so a returned proposal's history
/// shows what happened between return and resubmission.
/// </summary>
public sealed class EditKubeProposal(TimeProvider time)
{
    public async Task<Proposal> HandleAsync(
        SejahteraDbContext db, long id, KubeProposalRequest request, int? expectedRowVersion, string userId, IReadOnlyCollection<string> roles,
        RegionScope scope, CancellationToken ct = default)
    {
        var proposal = await db.Proposals.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null || !scope.Allows(proposal.KabupatenCode))
        {
            throw new ProposalNotFoundException(id);
        }

        if (!roles.Contains(WorkflowRoles.Operator))
        {
            throw new ProposalRefusedException("Hanya operator kabupaten/kota yang dapat mengubah usulan.");
        }

        if (proposal.State != "draft")
        {
            throw new ProposalRefusedException($"Usulan pada tahap {proposal.State} tidak dapat diubah; hanya draf (baru atau dikembalikan) yang dapat diubah.");
        }

        if (expectedRowVersion is { } expected && expected != proposal.RowVersion)
        {
            throw FireTrigger.Conflict();
        }

        KubeProposalForm.Check(request, scope);
        var members = await KubeProposalForm.ResolveMembersAsync(db, request.MemberNiks, id, ct);
        KubeProposalForm.Apply(proposal, request, members);
        proposal.RowVersion++;
        db.ProposalTransitions.Add(new ProposalTransition
        {
            ProposalId = id, At = time.GetUtcNow(), Actor = userId, From = "draft", To = "draft", Trigger = "edit", WorkflowVersion = proposal.WorkflowVersion,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw FireTrigger.Conflict();
        }

        return proposal;
    }
}
