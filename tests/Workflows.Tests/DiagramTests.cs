using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Diagram;

namespace Sejahtera.Workflows.Tests;

public class DiagramTests
{
    [Fact]
    public void The_Mermaid_text_of_the_KUBE_workflow_has_every_state_and_trigger()
    {
        var definition = DefaultWorkflows.KubeProposal();

        var mermaid = WorkflowDiagram.Mermaid(definition);

        Assert.StartsWith("stateDiagram-v2", mermaid, StringComparison.Ordinal);
        Assert.All(definition.States, s => Assert.Contains(s.Name, mermaid, StringComparison.Ordinal));
        Assert.All(definition.Triggers, t => Assert.Contains(t, mermaid, StringComparison.Ordinal));
        Assert.Equal(mermaid, Kube.Runner().ToMermaid());
    }
}
