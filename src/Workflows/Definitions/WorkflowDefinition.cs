using Sejahtera.Workflows.Running;

namespace Sejahtera.Workflows.Definitions;

/// <summary>
/// A workflow definition (docs/architecture.md, "Proposals and workflows"): immutable once read. States and their transitions keep
/// the order of the JSON document, so messages and diagrams follow the author's order.
/// </summary>
public sealed record WorkflowDefinition(string Key, int Version, string Initial, IReadOnlyList<StateDefinition> States)
{
    /// <summary>The state of that name, or null when the definition has none.</summary>
    public StateDefinition? FindState(string name) => States.FirstOrDefault(s => s.Name == name);

    /// <summary>The state of that name; throws when the definition has none.</summary>
    public StateDefinition GetState(string name) =>
        FindState(name) ?? throw new KeyNotFoundException($"state '{name}' tidak ada di definisi {Key} v{Version}");

    /// <summary>The state with that meaning, or null.</summary>
    public StateDefinition? StateMeaning(string meaning) => States.FirstOrDefault(s => s.Meaning == meaning);

    /// <summary>Names of every trigger used anywhere in the definition, without duplicates, in document order.</summary>
    public IReadOnlyList<string> Triggers => States.SelectMany(s => s.Transitions).Select(t => t.Trigger).Distinct().ToList();

    /// <summary>The four-eyes rules of the definition (<c>four_eyes</c>): none unless it declares some.</summary>
    public FourEyesPolicy FourEyes { get; init; } = FourEyesPolicy.None;

    public override string ToString() => $"{Key} v{Version}";
}

/// <summary>
/// One state: an optional human task, entry actions by name, whether it is final, its exits, and
/// its <see cref="Meaning"/> — what the application relies on it for (see <see cref="StateMeanings"/>),
/// so the application never needs to know the state's name.
/// </summary>
public sealed record StateDefinition(
    string Name,
    TaskDefinition? Task,
    IReadOnlyList<string> OnEnter,
    bool Final,
    IReadOnlyList<TransitionDefinition> Transitions,
    string? Meaning = null)
{
    /// <summary>The transition fired by that trigger in this state, or null.</summary>
    public TransitionDefinition? FindTransition(string trigger) => Transitions.FirstOrDefault(t => t.Trigger == trigger);
}

/// <summary>
/// The human task a state creates: candidate roles, SLA in working days, the role escalated to when
/// overdue, and <see cref="DueFrom"/>: the name of a date of the case the host supplies
/// (<see cref="Functions.WorkflowFunctions.AddDate"/>) that the SLA counts from instead of the moment the task is created.
/// </summary>
public sealed record TaskDefinition(IReadOnlyList<string> Roles, int? SlaWorkdays, string? EscalateTo, string? DueFrom = null);

/// <summary>
/// A transition out of a state. <see cref="Roles"/> null means: the roles of the state's task
/// (the people holding the task complete it by firing the trigger); when the state has no task
/// either, any actor may fire it. A transition with an <see cref="Event"/> (see <see cref="EventMeanings"/>)
/// is fired only when that event happens (the bank's answer), never by a user's click.
/// </summary>
public sealed record TransitionDefinition(
    string Trigger,
    string To,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<string> Guards,
    bool ReasonRequired,
    string? Event = null);
