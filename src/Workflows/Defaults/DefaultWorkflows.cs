using System.Reflection;
using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Running;

namespace Sejahtera.Workflows.Defaults;

/// <summary>
/// The workflow definitions shipped with Sejahtera (embedded JSON resources), and the names of the
/// guards and actions they need, which the host must register in its <see cref="Functions.WorkflowFunctions"/>.
/// </summary>
public static class DefaultWorkflows
{
    public const string KubeProposalKey = "kube-proposal";

    /// <summary>Guards used by the default definitions.</summary>
    public static IReadOnlySet<string> GuardNames { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "documents-complete", "eligible", "visit-evidence", "payment-paid", "lpj-complete" };

    /// <summary>Entry actions used by the default definitions.</summary>
    public static IReadOnlySet<string> ActionNames { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "screen-eligibility" };

    /// <summary>The vocabulary of the default definitions: their guards and actions, and every role.</summary>
    public static WorkflowVocabulary Vocabulary { get; } = new(GuardNames, ActionNames, WorkflowRoles.All);

    /// <summary>The JSON of the KUBE proposal workflow, version 1.</summary>
    public static string KubeProposalJson => ReadResource("kube-proposal.json");

    /// <summary>The KUBE proposal workflow, read and validated; throws when the shipped JSON is invalid.</summary>
    public static WorkflowDefinition KubeProposal()
    {
        var read = WorkflowDefinitionReader.Read(KubeProposalJson, Vocabulary);
        return read.IsValid
            ? read.Definition!
            : throw new InvalidOperationException("definisi bawaan kube-proposal tidak sah: " + string.Join("; ", read.Problems));
    }

    /// <summary>
    /// Four-eyes for the KUBE proposal: nobody approves a proposal they submitted or verified
    /// (desk verification <c>pass</c> or field verification <c>record-visit</c>).
    /// </summary>
    public static FourEyesPolicy KubeProposalFourEyes { get; } = FourEyesPolicy.None.Forbid("approve", "submit", "pass", "record-visit");

    private static string ReadResource(string fileName)
    {
        var name = "Sejahtera.Workflows.Defaults." + fileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} tidak ada");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
