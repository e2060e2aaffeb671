using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Running;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// One transition of a proposal, in one transaction: the runner decides (roles, guards, reason,
/// four eyes), the entry actions run, the open task is completed and the next one created, the
/// transition is logged. Two people acting at once: the row version lets exactly one succeed.
/// </summary>
public sealed class FireTrigger(ProposalWorkflow workflow, TimeProvider time)
{
    public async Task<Proposal> HandleAsync(
        SejahteraDbContext db, long proposalId, string trigger, string? reason, string userId, IEnumerable<string> roles,
        RegionScope scope, int? expectedRowVersion = null, CancellationToken ct = default)
    {
        var proposal = await db.Proposals.SingleOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null || !scope.Allows(proposal.KabupatenCode))
        {
            throw new ProposalNotFoundException(proposalId);
        }

        if (expectedRowVersion is { } expected && expected != proposal.RowVersion)
        {
            throw Conflict();
        }

        var runner = await workflow.RunnerAsync(db, proposal.WorkflowKey, proposal.WorkflowVersion, ct);
        var history = await db.ProposalTransitions.Where(t => t.ProposalId == proposalId).OrderBy(t => t.Id)
            .Select(t => new CaseHistoryEntry(t.Actor, t.Trigger)).ToListAsync(ct);
        var now = time.GetUtcNow();
        var subject = new ProposalSubject(proposal, db, userId);
        var result = runner.Decide(
            new WorkflowCase(proposal.State) { CaseId = proposalId.ToString(System.Globalization.CultureInfo.InvariantCulture), History = history, Subject = subject },
            new Actor(userId, roles), trigger, reason, now);
        if (!result.Allowed)
        {
            throw new ProposalRefusedException(result.Message ?? "transisi tidak diizinkan");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var from = proposal.State;
            proposal.State = result.State;
            proposal.RowVersion++;
            await runner.Functions.RunActionsAsync(result.EntryActions,
                new Sejahtera.Workflows.Functions.WorkflowContext(result.Log?.CaseId, new Actor(userId, roles), from, trigger, result.State, reason, now, subject), ct);

            foreach (var open in await db.ProposalTasks.Where(t => t.ProposalId == proposalId && t.CompletedAt == null).ToListAsync(ct))
            {
                open.CompletedAt = now;
                open.CompletedBy = userId;
                open.Outcome = trigger;
            }

            if (result.Task is { } task)
            {
                db.ProposalTasks.Add(NewTask(proposal, task.State, task.CandidateRoles, task.DueDate, task.EscalateTo, now));
            }

            db.ProposalTransitions.Add(new ProposalTransition
            {
                ProposalId = proposalId, At = now, Actor = userId, From = from, To = result.State, Trigger = trigger,
                Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), WorkflowVersion = proposal.WorkflowVersion,
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return proposal;
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict();
        }
    }

    internal static ProposalTask NewTask(Proposal proposal, string state, IReadOnlyList<string> roles, DateOnly? due, string? escalateTo, DateTimeOffset now) => new()
    {
        ProposalId = proposal.Id,
        State = state,
        CandidateRoles = string.Join(',', roles),
        KabupatenCode = proposal.KabupatenCode,
        DueDate = due,
        EscalateTo = escalateTo,
        CreatedAt = now,
    };

    private static ProposalRefusedException Conflict() =>
        new("Usulan ini baru saja diubah oleh pengguna lain; muat ulang halaman lalu periksa keadaannya sebelum bertindak.", conflict: true);
}

/// <summary>No such proposal in the user's kabupaten/kota (a proposal out of scope answers the same).</summary>
public sealed class ProposalNotFoundException(long id) : Exception($"Usulan {id} tidak ditemukan dalam wilayah Anda.");
