using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Engine.Disbursement;

/// <summary>
/// The operator's answer to a payment the bank refused: the group's account as it really is. The
/// corrected proposal may then enter a new batch; nothing is paid again without this human step.
/// </summary>
public sealed class CorrectPayment(TimeProvider time)
{
    public const string TaskState = "payment-correction";

    public async Task<Proposal> HandleAsync(
        SejahteraDbContext db, long proposalId, string bankAccount, string accountHolder, string userId, IReadOnlyCollection<string> roles,
        RegionScope scope, CancellationToken ct = default)
    {
        var proposal = await db.Proposals.SingleOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null || !scope.Allows(proposal.KabupatenCode))
        {
            throw new ProposalNotFoundException(proposalId);
        }

        if (!roles.Contains(WorkflowRoles.Operator))
        {
            throw new ProposalRefusedException("Hanya operator kabupaten/kota yang dapat mengoreksi rekening.");
        }

        var task = await db.ProposalTasks.FirstOrDefaultAsync(t => t.ProposalId == proposalId && t.State == TaskState && t.CompletedAt == null, ct)
            ?? throw new ProposalRefusedException("Tidak ada pembayaran gagal yang menunggu koreksi pada usulan ini.");
        var before = (proposal.BankAccount, proposal.AccountHolder);
        proposal.BankAccount = bankAccount.Trim();
        proposal.AccountHolder = accountHolder.Trim();
        if (PaymentBatches.AccountProblem(proposal) is { } problem)
        {
            db.ChangeTracker.Clear();
            throw new ProposalRefusedException($"Koreksi ditolak: {problem}.");
        }

        var now = time.GetUtcNow();
        proposal.RowVersion++;
        task.CompletedAt = now;
        task.CompletedBy = userId;
        task.Outcome = "corrected";
        db.ProposalTransitions.Add(new ProposalTransition
        {
            ProposalId = proposalId, At = now, Actor = userId, From = proposal.State, To = proposal.State, Trigger = "payment-corrected",
            Reason = $"rekening {before.BankAccount} a.n. {before.AccountHolder} → {proposal.BankAccount} a.n. {proposal.AccountHolder}",
            WorkflowVersion = proposal.WorkflowVersion,
        });
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw FireTrigger.Conflict();
        }

        await AuditLog.AppendAsync(db, now, userId, "payment.correct", $"usulan {proposalId}",
            JsonSerializer.Serialize(new { from = before.BankAccount, to = proposal.BankAccount }), ct);
        await tx.CommitAsync(ct);
        return proposal;
    }
}
