using Sejahtera.Workflows.Running;

namespace Sejahtera.Workflows.Functions;

/// <summary>
/// What a guard or an entry action sees: the case, the actor, the transition being considered
/// (from, trigger, to), the reason given, the time of the request, and the host's own subject
/// object (for example the proposal with its household), which this library never inspects.
/// </summary>
public sealed record WorkflowContext(
    string? CaseId,
    Actor Actor,
    string From,
    string Trigger,
    string To,
    string? Reason,
    DateTimeOffset At,
    object? Subject)
{
    /// <summary>The subject as the type the host put in; throws a clear error when it is missing or of another type.</summary>
    public T SubjectAs<T>() => Subject is T typed
        ? typed
        : throw new InvalidOperationException(
            $"konteks workflow tidak berisi {typeof(T).Name} (berisi {Subject?.GetType().Name ?? "null"})");
}
