using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Running;
using Stateless.Graph;

namespace Sejahtera.Workflows.Diagram;

/// <summary>The diagram of a definition, drawn by Stateless (<see cref="MermaidGraph.Format"/>).</summary>
public static class WorkflowDiagram
{
    /// <summary>
    /// Mermaid <c>stateDiagram-v2</c> text: every state and transition; roles, required reason and
    /// named guards appear as guard labels; entry actions as entry notes where Stateless draws them.
    /// </summary>
    public static string Mermaid(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var state = definition.Initial;
        var machine = MachineBuilder.Build(definition, () => state, s => state = s, MachineBuilder.Describe, static _ => { });
        return MermaidGraph.Format(machine.GetInfo());
    }
}
