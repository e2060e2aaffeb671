namespace Sejahtera.Workflows.Running;

/// <summary>One earlier transition on a case: who fired which trigger (from the transition log).</summary>
public sealed record CaseHistoryEntry(string ActorId, string Trigger);

/// <summary>
/// The case as the caller holds it (external state storage, e.g. a proposal row): its current
/// state, and optionally its id, region, history of transitions (for four-eyes) and the host's
/// subject object handed to guards and actions.
/// </summary>
public sealed record WorkflowCase(string State)
{
    public string? CaseId { get; init; }

    public string? Region { get; init; }

    public IReadOnlyList<CaseHistoryEntry> History { get; init; } = [];

    public object? Subject { get; init; }
}
