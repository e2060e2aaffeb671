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

    /// <summary>
    /// <c>role_labels</c>: every role the definition names (tasks, escalation, transitions) as a user reads it,
    /// in Indonesian, e.g. <c>"verifier": "Verifikator kabupaten/kota"</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> RoleLabels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether the definition carries any label at all (versions stored before labels existed carry none).</summary>
    public bool HasLabels => RoleLabels.Count > 0 || States.Any(s => s.Label is not null || s.Transitions.Any(t => t.Label is not null));

    /// <summary>The state's label, or its name when the definition has no such state or no label for it.</summary>
    public string StateLabel(string state) => FindState(state)?.Label ?? state;

    /// <summary>
    /// The label of a trigger: the one written on that transition of <paramref name="fromState"/>; otherwise
    /// the first transition of that trigger anywhere in the definition; otherwise the trigger's name.
    /// </summary>
    public string TriggerLabel(string trigger, string? fromState = null) =>
        (fromState is null ? null : FindState(fromState)?.FindTransition(trigger)?.Label)
        ?? States.SelectMany(s => s.Transitions).FirstOrDefault(t => t.Trigger == trigger && t.Label is not null)?.Label
        ?? trigger;

    /// <summary>The role's label, or its name when the definition has none for it.</summary>
    public string RoleLabel(string role) => RoleLabels.GetValueOrDefault(role) ?? role;

    /// <summary>Every role the definition names: task roles, escalation roles and transition roles, in document order.</summary>
    public IReadOnlyList<string> Roles =>
        States.SelectMany(s => (s.Task?.Roles ?? []).Concat(s.Task?.EscalateTo is { } e ? [e] : []).Concat(s.Transitions.SelectMany(t => t.Roles ?? [])))
            .Distinct().ToList();

    /// <summary>
    /// This definition with the labels of <paramref name="source"/> where it has none: for a version
    /// stored before definitions carried labels, read with the labels of the shipped definition of its key.
    /// </summary>
    public WorkflowDefinition WithLabelsFrom(WorkflowDefinition source, Func<string, string> roleLabel)
    {
        var roles = new Dictionary<string, string>(RoleLabels, StringComparer.Ordinal);
        foreach (var role in Roles.Where(r => !roles.ContainsKey(r)))
        {
            roles[role] = source.RoleLabels.GetValueOrDefault(role) ?? roleLabel(role);
        }

        var states = States.Select(s => s with
        {
            Label = s.Label ?? source.FindState(s.Name)?.Label,
            Transitions = s.Transitions.Select(t => t with
            {
                Label = t.Label ?? source.FindState(s.Name)?.FindTransition(t.Trigger)?.Label
                    ?? source.States.SelectMany(x => x.Transitions).FirstOrDefault(x => x.Trigger == t.Trigger)?.Label,
            }).ToList(),
        }).ToList();
        return this with { States = states, RoleLabels = roles };
    }

    public override string ToString() => $"{Key} v{Version}";
}

/// <summary>
/// One state: an optional human task, entry actions by name, whether it is final, its exits, its
/// <see cref="Label"/> (the Indonesian name users read, e.g. "Verifikasi meja"), and
/// its <see cref="Meaning"/> — what the application relies on it for (see <see cref="StateMeanings"/>),
/// so the application never needs to know the state's name.
/// </summary>
public sealed record StateDefinition(
    string Name,
    TaskDefinition? Task,
    IReadOnlyList<string> OnEnter,
    bool Final,
    IReadOnlyList<TransitionDefinition> Transitions,
    string? Meaning = null,
    string? Label = null)
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
/// is fired only when that event happens (the bank's answer), never by a user's click. <see cref="Label"/> is
/// what users read on its button and in the history, in Indonesian (e.g. "Lolos ke verifikasi lapangan").
/// </summary>
public sealed record TransitionDefinition(
    string Trigger,
    string To,
    IReadOnlyList<string>? Roles,
    IReadOnlyList<string> Guards,
    bool ReasonRequired,
    string? Event = null,
    string? Label = null);
