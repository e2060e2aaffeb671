using System.Text.Json;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Running;

namespace Sejahtera.Engine.Disbursement;

/// <summary>
/// The operator's answer to a payment the bank refused (or the treasurer sent back): the group's
/// account as it really is, checked, then the case goes back to payment through the workflow's own
/// transition (found by meaning). Nothing is paid again without this human step; it is audited.
/// </summary>
public sealed class CorrectPayment(CaseService cases, TimeProvider time)
{
    public async Task<Proposal> HandleAsync(
        SejahteraDbContext db, long proposalId, string bankAccount, string accountHolder, string userId, IReadOnlyCollection<string> roles,
        RegionScope scope, CancellationToken ct = default)
    {
        var proposal = await CaseService.FindAsync(db, proposalId, scope, null, ct);
        if (proposal.Stage != StateMeanings.PaymentCorrection)
        {
            throw new ProposalRefusedException("Usulan ini tidak sedang menunggu koreksi rekening.");
        }

        var before = (proposal.BankAccount, proposal.AccountHolder);
        proposal.BankAccount = bankAccount.Trim();
        proposal.AccountHolder = accountHolder.Trim();
        if (AccountCheck.Problem(proposal) is { } problem)
        {
            db.ChangeTracker.Clear();
            throw new ProposalRefusedException($"Koreksi ditolak: {problem}.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await cases.ApplyTowardsAsync(db, proposal, StateMeanings.Payment,
                $"rekening {before.BankAccount} a.n. {before.AccountHolder} → {proposal.BankAccount} a.n. {proposal.AccountHolder}",
                new Actor(userId, roles), ct);
        }
        catch (ProposalRefusedException)
        {
            db.ChangeTracker.Clear();
            throw;
        }

        await CaseService.SaveAsync(db, ct);
        await AuditLog.AppendAsync(db, time.GetUtcNow(), userId, "payment.correct", $"usulan {proposalId}",
            JsonSerializer.Serialize(new { from = before.BankAccount, to = proposal.BankAccount }), ct);
        await tx.CommitAsync(ct);
        return proposal;
    }
}
