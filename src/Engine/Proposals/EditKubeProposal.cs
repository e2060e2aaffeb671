using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// An operator edits a draft (new or returned) proposal. Only a draft can change: what a verifier
/// has seen stays as it was. The edit is logged on the timeline so a returned proposal's history
/// shows what happened between return and resubmission.
/// </summary>
public sealed class EditKubeProposal(CaseService cases)
{
    /// <summary>The trigger an edit is logged with.</summary>
    public const string Edited = "edit";

    public async Task<Proposal> HandleAsync(
        SejahteraDbContext db, long id, KubeProposalRequest request, int? expectedRowVersion, string userId, IReadOnlyCollection<string> roles,
        RegionScope scope, CancellationToken ct = default)
    {
        AccessRefusedException.ThrowUnless(roles, Permission.ManageProposals);
        var proposal = await CaseService.FindAsync(db, id, scope, expectedRowVersion, ct);

        if (proposal.Stage != StateMeanings.Draft)
        {
            throw new ProposalRefusedException($"Usulan pada tahap {proposal.State} tidak dapat diubah; hanya draf (baru atau dikembalikan) yang dapat diubah.");
        }

        KubeProposalForm.Check(request, scope);
        var members = await KubeProposalForm.ResolveMembersAsync(db, request.MemberNiks, id, ct);
        KubeProposalForm.Apply(proposal, request, members);
        proposal.RowVersion++;
        cases.Note(db, proposal, userId, Edited, null);
        await CaseService.SaveAsync(db, ct);

        return proposal;
    }
}
