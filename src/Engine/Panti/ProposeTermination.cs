using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Engine.Panti;

/// <summary>
/// UPT staff propose termination assistance for a resident of their own home: the case is started by
/// the case service on the latest published <c>panti-terminasi</c> version, in one transaction with its panti part.
/// </summary>
public sealed class ProposeTermination(CaseService cases, TimeProvider time)
{
    /// <summary>The resident the form is for, when the user may see them; null otherwise.</summary>
    public static async Task<Resident?> ResidentAsync(SejahteraDbContext db, long residentId, RegionScope scope, CancellationToken ct = default) =>
        (await PantiScope.ResidentAsync(db, scope, residentId, ct))?.Resident;

    public async Task<Proposal> HandleAsync(
        SejahteraDbContext db, TerminationRequest request, string userId, IReadOnlyCollection<string> roles, RegionScope scope, CancellationToken ct = default)
    {
        AccessRefusedException.ThrowUnless(roles, Permission.ProposeTermination);
        var (resident, home) = await TerminationForm.ResidentAsync(db, request.ResidentId, scope, ct);
        await TerminationForm.CheckAsync(db, request, resident, null, ct);
        var proposal = new Proposal
        {
            Program = CasePrograms.PantiTermination,
            WorkflowKey = DefaultWorkflows.PantiTerminationKey,
            State = "",
            KabupatenCode = home.KabupatenCode,
            HomeCode = home.Code,
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
        var termination = new PantiTermination
        {
            ResidentId = resident.Id, HomeCode = home.Code, TerminationReason = "", DestinationAddress = "", ReceivingFamily = "", Payee = "",
        };
        TerminationForm.Apply(proposal, termination, request, resident);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await cases.StartAsync(db, proposal, DefaultWorkflows.PantiTerminationKey, userId, ct, afterInsert: () =>
        {
            termination.ProposalId = proposal.Id;
            db.PantiTerminations.Add(termination);
        });
        await tx.CommitAsync(ct);
        return proposal;
    }
}
