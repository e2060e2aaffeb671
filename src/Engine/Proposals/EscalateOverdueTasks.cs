using Hangfire;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// Escalates tasks past their SLA due date (working days, WITA) to the state's escalation role:
/// the role joins the task's candidates and the escalation is logged on the proposal. Idempotent:
/// a task is escalated once, however often the job runs.
/// </summary>
public sealed class EscalateOverdueTasks(DatabaseSettings settings, CaseService cases, TimeProvider time)
{
    public const string JobId = "escalate-overdue-tasks";
    public const string SystemActor = "sistem";

    /// <summary>The history entry written when an overdue task is escalated.</summary>
    public const string Escalated = "escalate";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var db = settings.CreateContext();
        return await HandleAsync(db, ct);
    }

    public async Task<int> HandleAsync(SejahteraDbContext db, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var open = await db.ProposalTasks.Where(t => t.CompletedAt == null && t.EscalatedAt == null && t.DueDate != null && t.EscalateTo != null).ToListAsync(ct);
        var overdue = open.Where(t => ProposalWorkflow.Calendar.IsOverdue(t.DueDate!.Value, now)).ToList();
        var ids = overdue.Select(t => t.ProposalId).ToList();
        var proposals = await db.Proposals.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var task in overdue)
        {
            task.EscalatedAt = now;
            task.CandidateRoles = string.Join(',', task.CandidateRoles.Split(',').Append(task.EscalateTo!).Distinct());
            cases.Note(db, proposals[task.ProposalId], SystemActor, Escalated,
                $"tenggat {Indonesian.Date(task.DueDate!.Value)} terlewati; dieskalasi ke {Workflows.Defaults.WorkflowRoles.Label(task.EscalateTo!)}", now);
        }

        await db.SaveChangesAsync(ct);
        return overdue.Count;
    }
}
