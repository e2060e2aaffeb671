using Sejahtera.Workflows.Definitions;
using Stateless;

namespace Sejahtera.Workflows.Running;

/// <summary>One check on a transition as Stateless sees it: a guard function and its description.</summary>
internal sealed record TransitionCheck(string Description, Func<bool> Passes);

/// <summary>
/// Builds the Stateless machine of a definition over external state. Every check of a transition
/// (role, region, reason, four-eyes, named guards) becomes a Stateless guard, so
/// <c>CanFire</c>, <c>PermittedTriggers</c> and the Mermaid diagram all come from Stateless.
/// Entry actions are configured with <c>OnEntry</c> and only recorded by name: the host runs them.
/// </summary>
internal static class MachineBuilder
{
    public static StateMachine<string, string> Build(
        WorkflowDefinition definition,
        Func<string> readState,
        Action<string> writeState,
        Func<StateDefinition, TransitionDefinition, IReadOnlyList<TransitionCheck>> checks,
        Action<string> entered)
    {
        var machine = new StateMachine<string, string>(readState, writeState);
        foreach (var state in definition.States)
        {
            var configuration = machine.Configure(state.Name);
            foreach (var action in state.OnEnter)
            {
                configuration.OnEntry(() => entered(action), action);
            }

            foreach (var transition in state.Transitions)
            {
                var guards = checks(state, transition)
                    .Select(c => new Tuple<Func<bool>, string>(c.Passes, c.Description))
                    .ToArray();
                if (transition.To == state.Name)
                {
                    configuration.PermitReentryIf(transition.Trigger, guards);
                }
                else if (guards.Length == 0)
                {
                    configuration.Permit(transition.Trigger, transition.To);
                }
                else
                {
                    configuration.PermitIf(transition.Trigger, transition.To, guards);
                }
            }
        }

        return machine;
    }

    /// <summary>The descriptions of a transition's checks, for the diagram (never evaluated).</summary>
    public static IReadOnlyList<TransitionCheck> Describe(StateDefinition state, TransitionDefinition transition, FourEyesPolicy fourEyes)
    {
        var checks = new List<TransitionCheck>();
        if (transition.Event is { } waitsFor)
        {
            checks.Add(new TransitionCheck(EventDescription(waitsFor), static () => true));
        }

        var roles = EffectiveRoles(state, transition);
        if (roles.Count > 0)
        {
            checks.Add(new TransitionCheck(RoleDescription(roles), static () => true));
        }

        if (transition.ReasonRequired)
        {
            checks.Add(new TransitionCheck(ReasonDescription, static () => true));
        }

        if (fourEyes.Covers(transition.Trigger))
        {
            checks.Add(new TransitionCheck(FourEyesDescription, static () => true));
        }

        checks.AddRange(transition.Guards.Distinct().Select(g => new TransitionCheck(g, static () => true)));
        return checks;
    }

    /// <summary>Who may fire a transition: its own roles, else the roles of the state's task, else anyone (empty).</summary>
    public static IReadOnlyList<string> EffectiveRoles(StateDefinition state, TransitionDefinition transition) =>
        transition.Roles ?? state.Task?.Roles ?? [];

    public static string RoleDescription(IReadOnlyList<string> roles) => "peran: " + string.Join(" | ", roles);

    public static string EventDescription(string eventName) => "peristiwa: " + eventName;

    public const string ReasonDescription = "alasan wajib";

    public const string RegionDescription = "wilayah";

    public const string FourEyesDescription = "empat mata";
}
