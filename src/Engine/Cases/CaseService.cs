using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Functions;
using Sejahtera.Workflows.Running;

namespace Sejahtera.Engine.Cases;

/// <summary>
/// The one place a case moves: it starts a case with the runner on the latest published version,
/// fires users' triggers and outside events (the bank's answer), completes and creates tasks, checks
/// region scope and the actor's rights through the runner, and is the only writer of the transition
/// log. Pages, API, CLI and jobs all go through it. It knows states only by their meaning
/// (<see cref="StateMeanings"/>), never by name: the definition decides the names.
/// </summary>
public sealed class CaseService(ProposalWorkflow workflow, TimeProvider time)
{
    /// <summary>The trigger logged when a case is created.</summary>
    public const string Created = "create";

    /// <summary>
    /// Starts <paramref name="proposal"/> on the latest published version of <paramref name="workflowKey"/>:
    /// its initial state, the initial state's task, and the first log entry. Saved, inside the caller's transaction if any.
    /// <paramref name="afterInsert"/> adds the program's own rows once the case has its id, before any entry action reads them.
    /// </summary>
    internal Task StartAsync(SejahteraDbContext db, Proposal proposal, string workflowKey, string userId, CancellationToken ct, Action? afterInsert = null) =>
        StartManyAsync(db, [proposal], workflowKey, userId, ct, afterInsert);

    /// <summary>
    /// Starts many cases of one workflow at once (an evaluation run opens thousands): the same steps
    /// as <see cref="StartAsync"/>, saved in three round trips rather than three per case.
    /// </summary>
    internal async Task StartManyAsync(
        SejahteraDbContext db, IReadOnlyList<Proposal> proposals, string workflowKey, string userId, CancellationToken ct, Action? afterInsert = null)
    {
        var version = await db.WorkflowDefinitions.AsNoTracking().Where(w => w.Key == workflowKey && w.Status == "published")
            .OrderByDescending(w => w.Version).Select(w => w.Version).FirstAsync(ct);
        var runner = await workflow.RunnerAsync(db, workflowKey, version, ct);
        var now = time.GetUtcNow();
        var starts = proposals.Select(p => runner.Start(now, p.KabupatenCode)).ToList();
        foreach (var (proposal, start) in proposals.Zip(starts))
        {
            proposal.WorkflowKey = workflowKey;
            proposal.WorkflowVersion = version;
            proposal.State = start.State;
            proposal.Stage = runner.Definition.GetState(start.State).Meaning;
        }

        db.Proposals.AddRange(proposals);
        await db.SaveChangesAsync(ct);
        afterInsert?.Invoke();
        foreach (var (proposal, start) in proposals.Zip(starts))
        {
            if (start.EntryActions.Count > 0)
            {
                await db.SaveChangesAsync(ct);
                var subject = await ProposalSubject.LoadAsync(db, proposal, userId, ct);
                await runner.Functions.RunActionsAsync(start.EntryActions, new WorkflowContext(
                    proposal.Id.ToString(CultureInfo.InvariantCulture), new Actor(userId, []), "", Created, start.State, null, now, subject), ct);
            }

            if (start.Task is { } task)
            {
                db.ProposalTasks.Add(NewTask(proposal, task.State, task.CandidateRoles, task.DueDate, task.EscalateTo, now));
            }

            Log(db, proposal, now, userId, "", Created, null);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>A user fires <paramref name="trigger"/> on a case in their scope, in one transaction; two at once: exactly one wins.</summary>
    public async Task<Proposal> FireAsync(
        SejahteraDbContext db, long proposalId, string trigger, string? reason, string userId, IEnumerable<string> roles,
        RegionScope scope, int? expectedRowVersion = null, CancellationToken ct = default)
    {
        var proposal = await FindAsync(db, proposalId, scope, expectedRowVersion: null, ct);
        await EnsureMayActAsync(db, proposal, trigger, new Actor(userId, roles), ct);
        if (expectedRowVersion is { } expected && expected != proposal.RowVersion)
        {
            throw Conflict();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ApplyAsync(db, proposal, trigger, reason, new Actor(userId, roles), ct);
        await SaveAsync(db, ct);
        await tx.CommitAsync(ct);
        return proposal;
    }

    /// <summary>
    /// Refuses (403) a user whose roles may not act on the case's workflow — fire <paramref name="trigger"/>, or
    /// with none named, any of its actions — before the request's version, body or reason is looked at. A case
    /// outside the user's scope answers 404 first; the roles of the current state are the runner's check after.
    /// </summary>
    public async Task EnsureMayActAsync(SejahteraDbContext db, long proposalId, string? trigger, string userId, IEnumerable<string> roles, RegionScope scope, CancellationToken ct)
    {
        var proposal = await db.Proposals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null || !scope.Allows(proposal.KabupatenCode, proposal.HomeCode, proposal.DesaCode))
        {
            throw new ProposalNotFoundException(proposalId);
        }

        await EnsureMayActAsync(db, proposal, trigger, new Actor(userId, roles), ct);
    }

    private async Task EnsureMayActAsync(SejahteraDbContext db, Proposal proposal, string? trigger, Actor actor, CancellationToken ct)
    {
        var runner = await workflow.RunnerAsync(db, proposal.WorkflowKey, proposal.WorkflowVersion, ct);
        if (runner.RoleRefusal(string.IsNullOrWhiteSpace(trigger) ? null : trigger.Trim(), actor) is { } refusal)
        {
            throw new CaseActionForbiddenException(refusal.Message);
        }
    }

    /// <summary>The case in the user's scope (a case outside it answers like a missing one), at the version the user saw.</summary>
    public static async Task<Proposal> FindAsync(SejahteraDbContext db, long proposalId, RegionScope scope, int? expectedRowVersion, CancellationToken ct)
    {
        var proposal = await db.Proposals.SingleOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null || !scope.Allows(proposal.KabupatenCode, proposal.HomeCode, proposal.DesaCode))
        {
            throw new ProposalNotFoundException(proposalId);
        }

        return expectedRowVersion is { } expected && expected != proposal.RowVersion ? throw Conflict() : proposal;
    }

    /// <summary>Saves the caller's changes; a concurrent change of the same case becomes the 409 refusal.</summary>
    public static async Task SaveAsync(SejahteraDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict();
        }
    }

    /// <summary>
    /// A user's trigger, tracked but not saved, so a caller with its own transaction can change the
    /// case's data in the same step. Refused: throws and changes nothing.
    /// </summary>
    internal Task ApplyAsync(SejahteraDbContext db, Proposal proposal, string trigger, string? reason, Actor actor, CancellationToken ct) =>
        MoveAsync(db, proposal, (runner, c, now) => runner.Decide(c, actor, trigger, reason, now), reason, actor, ct);

    /// <summary>An outside event (see <see cref="EventMeanings"/>) reported by <paramref name="actor"/>: fires the transition the current state waits for it with.</summary>
    internal Task ApplyEventAsync(SejahteraDbContext db, Proposal proposal, string eventName, string? reason, Actor actor, CancellationToken ct) =>
        MoveAsync(db, proposal, (runner, c, now) => runner.DecideEvent(c, actor, eventName, reason, now), reason, actor, ct);

    /// <summary>
    /// The user transition of the current state that leads to the state meaning <paramref name="meaning"/>
    /// (e.g. back to payment after an account correction), so the caller never names it. Tracked, not saved.
    /// </summary>
    internal async Task ApplyTowardsAsync(SejahteraDbContext db, Proposal proposal, string meaning, string? reason, Actor actor, CancellationToken ct)
    {
        var definition = await DefinitionAsync(db, proposal, ct);
        var transition = definition.FindState(proposal.State)?.Transitions
            .FirstOrDefault(t => t.Event is null && definition.FindState(t.To)?.Meaning == meaning)
            ?? throw new ProposalRefusedException($"tahap {proposal.State} tidak punya langkah menuju '{meaning}'");
        await ApplyAsync(db, proposal, transition.Trigger, reason, actor, ct);
    }

    /// <summary>
    /// A step on the case's record that does not move it (an edit of the draft, an escalation): logged
    /// as a transition from the state to itself. Tracked, not saved.
    /// </summary>
    internal void Note(SejahteraDbContext db, Proposal proposal, string userId, string trigger, string? reason, DateTimeOffset? at = null) =>
        Log(db, proposal, at ?? time.GetUtcNow(), userId, proposal.State, trigger, reason);

    /// <summary>Every action of the case's current state as offered to this user now, allowed or not with the reasons.</summary>
    public async Task<IReadOnlyList<ActionOption>> ActionsAsync(SejahteraDbContext db, Proposal proposal, Actor actor, CancellationToken ct)
    {
        var (runner, workflowCase) = await CaseAsync(db, proposal, actor, ct);
        return runner.Actions(workflowCase, actor, time.GetUtcNow());
    }

    /// <summary>The definition version the case runs on.</summary>
    internal async Task<WorkflowDefinition> DefinitionAsync(SejahteraDbContext db, Proposal proposal, CancellationToken ct) =>
        (await workflow.RunnerAsync(db, proposal.WorkflowKey, proposal.WorkflowVersion, ct)).Definition;

    private async Task MoveAsync(
        SejahteraDbContext db, Proposal proposal, Func<WorkflowRunner, WorkflowCase, DateTimeOffset, TransitionResult> decide, string? reason,
        Actor actor, CancellationToken ct)
    {
        var (runner, workflowCase) = await CaseAsync(db, proposal, actor, ct);
        var now = time.GetUtcNow();
        var result = decide(runner, workflowCase, now);
        if (!result.Allowed && result.Refusals.FirstOrDefault(r => r.Kind == RefusalKind.RoleNotAllowed) is { } notYourRole)
        {
            throw new CaseActionForbiddenException(notYourRole.Message);
        }

        if (!result.Allowed)
        {
            throw new ProposalRefusedException(result.Message ?? "transisi tidak diizinkan");
        }

        var from = proposal.State;
        proposal.State = result.State;
        proposal.Stage = runner.Definition.GetState(result.State).Meaning;
        proposal.RowVersion++;
        await runner.Functions.RunActionsAsync(result.EntryActions,
            new WorkflowContext(workflowCase.CaseId, actor, from, result.Trigger, result.State, reason, now, workflowCase.Subject), ct);

        foreach (var open in await db.ProposalTasks.Where(t => t.ProposalId == proposal.Id && t.CompletedAt == null).ToListAsync(ct))
        {
            open.CompletedAt = now;
            open.CompletedBy = actor.UserId;
            open.Outcome = result.Trigger;
        }

        if (result.Task is { } task)
        {
            db.ProposalTasks.Add(NewTask(proposal, task.State, task.CandidateRoles, task.DueDate, task.EscalateTo, now));
        }

        Log(db, proposal, now, actor.UserId, from, result.Trigger, reason);
    }

    private async Task<(WorkflowRunner Runner, WorkflowCase Case)> CaseAsync(SejahteraDbContext db, Proposal proposal, Actor actor, CancellationToken ct)
    {
        var runner = await workflow.RunnerAsync(db, proposal.WorkflowKey, proposal.WorkflowVersion, ct);
        var subject = await ProposalSubject.LoadAsync(db, proposal, actor.UserId, ct);
        var caseId = proposal.Id.ToString(CultureInfo.InvariantCulture);
        return (runner, new WorkflowCase(proposal.State) { CaseId = caseId, History = subject.History, Subject = subject });
    }

    private static void Log(SejahteraDbContext db, Proposal proposal, DateTimeOffset at, string userId, string from, string trigger, string? reason) =>
        db.ProposalTransitions.Add(new ProposalTransition
        {
            ProposalId = proposal.Id, At = at, Actor = userId, From = from, To = proposal.State, Trigger = trigger,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), WorkflowVersion = proposal.WorkflowVersion,
        });

    private static ProposalTask NewTask(Proposal proposal, string state, IReadOnlyList<string> roles, DateOnly? due, string? escalateTo, DateTimeOffset now) => new()
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

/// <summary>The user's roles may not act on the case in its current state (HTTP 403, CLI exit 2); nothing changed. The message names who may.</summary>
public sealed class CaseActionForbiddenException(string message) : Exception(message);
