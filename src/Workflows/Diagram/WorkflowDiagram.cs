using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Running;
using Stateless.Graph;

namespace Sejahtera.Workflows.Diagram;

/// <summary>The diagram of a definition, drawn by Stateless (<see cref="MermaidGraph.Format"/>).</summary>
public static class WorkflowDiagram
{
    /// <summary>
    /// Mermaid <c>stateDiagram-v2</c> text: every state and transition, with the checks of each
    /// transition as guard labels (allowed roles, required reason, four-eyes, named guards). The
    /// four-eyes rules are the definition's unless <paramref name="fourEyes"/> is given. Stateless draws
    /// node ids without '-' and labels them with the real state names; it draws neither entry actions nor final states.
    /// </summary>
    public static string Mermaid(WorkflowDefinition definition, FourEyesPolicy? fourEyes = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var policy = fourEyes ?? definition.FourEyes;
        var state = definition.Initial;
        var machine = MachineBuilder.Build(definition, () => state, s => state = s, (st, t) => MachineBuilder.Describe(st, t, policy), static _ => { });
        return MermaidGraph.Format(machine.GetInfo());
    }
}
