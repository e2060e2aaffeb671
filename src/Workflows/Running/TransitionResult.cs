using Sejahtera.Workflows.Tasks;

namespace Sejahtera.Workflows.Running;

/// <summary>Why a transition was refused.</summary>
public enum RefusalKind
{
    UnknownState,
    UnknownTrigger,
    RoleNotAllowed,
    RegionNotAllowed,
    ReasonRequired,
    FourEyes,
    GuardFailed,
    WaitsForEvent,
}

/// <summary>One reason a transition is refused, in Indonesian; <see cref="Guard"/> names the failing guard for <see cref="RefusalKind.GuardFailed"/>.</summary>
public sealed record Refusal(RefusalKind Kind, string Message, string? Guard = null)
{
    public override string ToString() => Message;
}

/// <summary>What to append to the transition log: who, when, from, to, trigger, reason, definition version.</summary>
public sealed record TransitionLogEntry(
    string? CaseId,
    string ActorId,
    DateTimeOffset At,
    string From,
    string To,
    string Trigger,
    string? Reason,
    string DefinitionKey,
    int DefinitionVersion);

/// <summary>
/// The decision on a transition. When allowed: the new <see cref="State"/>, the entry actions to
/// run, the task to create for the new state (if it has one) and the log entry to write. When
/// refused: <see cref="State"/> is the unchanged current state and <see cref="Refusals"/> says why.
/// </summary>
public sealed record TransitionResult
{
    public required bool Allowed { get; init; }

    public required string From { get; init; }

    public required string Trigger { get; init; }

    /// <summary>The state after the decision: the new one when allowed, the current one when refused.</summary>
    public required string State { get; init; }

    public IReadOnlyList<string> EntryActions { get; init; } = [];

    public TaskToCreate? Task { get; init; }

    public TransitionLogEntry? Log { get; init; }

    public IReadOnlyList<Refusal> Refusals { get; init; } = [];

    /// <summary>All refusal messages in one sentence for the user, or null when allowed.</summary>
    public string? Message => Allowed ? null : string.Join("; ", Refusals.Select(r => r.Message));
}

/// <summary>A trigger of the current state as offered to one actor: allowed or not, and why not.</summary>
public sealed record ActionOption(string Trigger, string To, bool ReasonRequired, bool Allowed, IReadOnlyList<Refusal> Refusals);

/// <summary>A new case: the initial state, its entry actions and its task.</summary>
public sealed record WorkflowStart(string State, IReadOnlyList<string> EntryActions, TaskToCreate? Task);
