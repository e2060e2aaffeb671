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

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await ApplyAsync(db, proposal, trigger, reason, new Actor(userId, roles), ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return proposal;
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict();
        }
    }

    /// <summary>
    /// The transition's changes, tracked but not saved, so a caller with its own transaction (the
    /// bank reconciliation) can move many proposals at once. Refused: throws and changes nothing.
    /// </summary>
    internal async Task ApplyAsync(SejahteraDbContext db, Proposal proposal, string trigger, string? reason, Actor actor, CancellationToken ct)
    {
        var runner = await workflow.RunnerAsync(db, proposal.WorkflowKey, proposal.WorkflowVersion, ct);
        var history = await db.ProposalTransitions.Where(t => t.ProposalId == proposal.Id).OrderBy(t => t.Id)
            .Select(t => new CaseHistoryEntry(t.Actor, t.Trigger)).ToListAsync(ct);
        var now = time.GetUtcNow();
        var subject = await ProposalSubject.LoadAsync(db, proposal, actor.UserId, ct);
        var caseId = proposal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = runner.Decide(new WorkflowCase(proposal.State) { CaseId = caseId, History = history, Subject = subject }, actor, trigger, reason, now);
        if (!result.Allowed)
        {
            throw new ProposalRefusedException(result.Message ?? "transisi tidak diizinkan");
        }

        var from = proposal.State;
        proposal.State = result.State;
        proposal.RowVersion++;
        await runner.Functions.RunActionsAsync(result.EntryActions,
            new Sejahtera.Workflows.Functions.WorkflowContext(caseId, actor, from, trigger, result.State, reason, now, subject), ct);

        foreach (var open in await db.ProposalTasks.Where(t => t.ProposalId == proposal.Id && t.CompletedAt == null).ToListAsync(ct))
        {
            open.CompletedAt = now;
            open.CompletedBy = actor.UserId;
            open.Outcome = trigger;
        }

        if (result.Task is { } task)
        {
            db.ProposalTasks.Add(NewTask(proposal, task.State, task.CandidateRoles, task.DueDate, task.EscalateTo, now));
        }

        db.ProposalTransitions.Add(new ProposalTransition
        {
            ProposalId = proposal.Id, At = now, Actor = actor.UserId, From = from, To = result.State, Trigger = trigger,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), WorkflowVersion = proposal.WorkflowVersion,
        });
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

    internal static ProposalRefusedException Conflict() =>
        new("Usulan ini baru saja diubah oleh pengguna lain; muat ulang halaman lalu periksa keadaannya sebelum bertindak.", conflict: true);
}

/// <summary>No such proposal in the user's kabupaten/kota (a proposal out of scope answers the same).</summary>
public sealed class ProposalNotFoundException(long id) : Exception($"Usulan {id} tidak ditemukan dalam wilayah Anda.");
