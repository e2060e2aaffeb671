using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// An operator's new KUBE proposal, as a draft on the latest published workflow version, within the
/// operator's kabupaten/kota. Bad input is refused with every problem named and nothing stored.
/// </summary>
public sealed class CreateKubeProposal(TimeProvider time)
{
    public async Task<Proposal> HandleAsync(SejahteraDbContext db, KubeProposalRequest request, string userId, RegionScope scope, CancellationToken ct = default)
    {
        KubeProposalForm.Check(request, scope);
        var members = await KubeProposalForm.ResolveMembersAsync(db, request.MemberNiks, ct: ct);
        var now = time.GetUtcNow();
        var definition = await db.WorkflowDefinitions.AsNoTracking().Where(w => w.Key == DefaultWorkflows.KubeProposalKey && w.Status == "published")
            .OrderByDescending(w => w.Version).FirstAsync(ct);
        var proposal = new Proposal
        {
            Program = "kube",
            WorkflowKey = definition.Key,
            WorkflowVersion = definition.Version,
            State = "draft",
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
            CreatedAt = now,
        };
        KubeProposalForm.Apply(proposal, request, members);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Proposals.Add(proposal);
        await db.SaveChangesAsync(ct);
        db.ProposalTransitions.Add(new ProposalTransition
        {
            ProposalId = proposal.Id, At = now, Actor = userId, From = "", To = "draft", Trigger = "create", WorkflowVersion = proposal.WorkflowVersion,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return proposal;
    }
}
