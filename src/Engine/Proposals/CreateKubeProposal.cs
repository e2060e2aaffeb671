using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// An operator's new KUBE proposal, started by the case service on the latest published workflow
/// version, within the operator's kabupaten/kota. Bad input is refused with every problem named and nothing stored.
/// </summary>
public sealed class CreateKubeProposal(CaseService cases, TimeProvider time)
{
    public async Task<Proposal> HandleAsync(
        SejahteraDbContext db, KubeProposalRequest request, string userId, IReadOnlyCollection<string> roles, RegionScope scope, CancellationToken ct = default)
    {
        AccessRefusedException.ThrowUnless(roles, Permission.ManageProposals);
        KubeProposalForm.Check(request, scope);
        var members = await KubeProposalForm.ResolveMembersAsync(db, request.MemberNiks, ct: ct);
        var proposal = new Proposal
        {
            Program = CasePrograms.Kube,
            WorkflowKey = DefaultWorkflows.KubeProposalKey,
            State = "",
            KabupatenCode = "",
            KecamatanCode = "",
            GroupName = "",
            BusinessType = "",
            MembersJson = "[]",
            BankAccount = "",
            AccountHolder = "",
            ChairName = "",
            TreasurerName = "",
            BusinessPlan = "",
            CreatedBy = userId,
            CreatedAt = time.GetUtcNow(),
        };
        KubeProposalForm.Apply(proposal, request, members);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await cases.StartAsync(db, proposal, DefaultWorkflows.KubeProposalKey, userId, ct);
        await tx.CommitAsync(ct);
        return proposal;
    }
}
