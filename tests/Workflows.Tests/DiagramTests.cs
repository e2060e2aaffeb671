using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Diagram;
using Sejahtera.Workflows.Running;

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
        Assert.Contains("desk-verification", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diagram_labels_transitions_with_their_roles_reasons_guards_and_the_definitions_four_eyes()
    {
        var definition = DefaultWorkflows.KubeProposal();
        var drawn = WorkflowDiagram.Mermaid(definition);
        var without = WorkflowDiagram.Mermaid(definition, FourEyesPolicy.None);

        Assert.Contains("pass [peran: verifier] [eligible]", drawn, StringComparison.Ordinal);
        Assert.Contains("reject [peran: verifier] [alasan wajib]", drawn, StringComparison.Ordinal);
        Assert.Contains("approve [peran: kepala-dinas] [empat mata]", drawn, StringComparison.Ordinal);
        Assert.Equal(drawn, Kube.Runner().ToMermaid());
        Assert.DoesNotContain("empat mata", without, StringComparison.Ordinal);
    }
}
