using System.Reflection;
using Sejahtera.Workflows.Definitions;
using Sejahtera.Workflows.Running;

namespace Sejahtera.Workflows.Defaults;

/// <summary>
/// The workflow definitions shipped with Sejahtera (embedded JSON resources), and the names of the
/// guards, actions and dates they need, which the host must register in its <see cref="Functions.WorkflowFunctions"/>.
/// </summary>
public static class DefaultWorkflows
{
    public const string KubeProposalKey = "kube-proposal";

    /// <summary>Termination assistance for residents leaving a government care home (panti).</summary>
    public const string PantiTerminationKey = "panti-terminasi";

    /// <summary>PKH graduation: home visit, review, decision, letter, objection window, exit from the register.</summary>
    public const string PkhGraduationKey = "pkh-graduasi";

    /// <summary>Guards used by the default definitions.</summary>
    public static IReadOnlySet<string> GuardNames { get; } =
        new HashSet<string>(StringComparer.Ordinal)
        {
            "documents-complete", "eligible", "visit-evidence", "account-valid", "lpj-complete", "follow-up-report",
            "assessment-complete", "graduation-suggested", "window-closed", "once",
        };

    /// <summary>Entry actions used by the default definitions.</summary>
    public static IReadOnlySet<string> ActionNames { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "screen-eligibility", "issue-letter", "exit-register", "offer-kube" };

    /// <summary>Dates of a case a task's SLA may count from (<c>due_from</c>): <c>termination-date</c>, the day a panti resident was terminated.</summary>
    public static IReadOnlySet<string> DateNames { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "termination-date" };

    /// <summary>The vocabulary of the default definitions: their guards, actions and dates, and every role.</summary>
    public static WorkflowVocabulary Vocabulary { get; } = new(GuardNames, ActionNames, WorkflowRoles.All) { Dates = DateNames };

    /// <summary>The JSON of the KUBE proposal workflow, version 1.</summary>
    public static string KubeProposalJson => ShippedJson[KubeProposalKey];

    /// <summary>The workflows that pay assistance through batches and the bank: each must keep <see cref="WorkflowContract"/>.</summary>
    public static IReadOnlySet<string> PaymentWorkflowKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { KubeProposalKey, PantiTerminationKey };

    /// <summary>The JSON of every shipped definition (version 1 of each), by key.</summary>
    public static IReadOnlyDictionary<string, string> ShippedJson { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [KubeProposalKey] = ReadResource("kube-proposal.json"),
        [PantiTerminationKey] = ReadResource("panti-terminasi.json"),
        [PkhGraduationKey] = ReadResource("pkh-graduasi.json"),
    };

    /// <summary>
    /// Reads and validates a definition as the application uses it: structure, names in the
    /// vocabulary, and the contract of its program (a payment workflow must keep <see cref="WorkflowContract"/>).
    /// A KUBE proposal definition without four-eyes rules gets <see cref="KubeFourEyesBeforeDefinitions"/>.
    /// </summary>
    public static WorkflowReadResult Read(string json)
    {
        var read = WorkflowDefinitionReader.Read(json, Vocabulary);
        if (read.Definition is not { } definition)
        {
            return read;
        }

        if (definition.Key == KubeProposalKey && definition.FourEyes.Rules.Count == 0)
        {
            read = read with { Definition = definition = definition with { FourEyes = KubeFourEyesBeforeDefinitions } };
        }

        return PaymentWorkflowKeys.Contains(definition.Key)
            ? read with { Problems = [.. read.Problems, .. WorkflowContract.Check(definition)] }
            : read;
    }

    /// <summary>
    /// Reads a version already stored (published earlier, never rewritten). A version stored before
    /// definitions carried labels has none; it is read with the labels of the shipped definition of its
    /// key where state and trigger names match (roles: <see cref="WorkflowRoles.Label"/>), and then validated
    /// like any other. Anything else is <see cref="Read(string)"/>.
    /// </summary>
    public static WorkflowReadResult ReadStored(string json)
    {
        var structure = WorkflowDefinitionReader.Read(json);
        if (structure.Definition is not { HasLabels: false } unlabelled || !ShippedJson.ContainsKey(unlabelled.Key))
        {
            return Read(json);
        }

        var labelled = unlabelled.WithLabelsFrom(Shipped(unlabelled.Key), WorkflowRoles.Label);
        if (labelled.Key == KubeProposalKey && labelled.FourEyes.Rules.Count == 0)
        {
            labelled = labelled with { FourEyes = KubeFourEyesBeforeDefinitions };
        }

        List<WorkflowProblem> problems = [.. structure.Problems, .. WorkflowValidator.Validate(labelled, Vocabulary)];
        if (PaymentWorkflowKeys.Contains(labelled.Key))
        {
            problems.AddRange(WorkflowContract.Check(labelled));
        }

        return new WorkflowReadResult(labelled, problems);
    }

    /// <summary>The KUBE proposal workflow, read and validated; throws when the shipped JSON is invalid.</summary>
    public static WorkflowDefinition KubeProposal() => Shipped(KubeProposalKey);

    /// <summary>A shipped workflow, read and validated; throws when the shipped JSON is invalid.</summary>
    public static WorkflowDefinition Shipped(string key)
    {
        var read = Read(ShippedJson[key]);
        return read.IsValid
            ? read.Definition!
            : throw new InvalidOperationException($"definisi bawaan {key} tidak sah: " + string.Join("; ", read.Problems));
    }

    /// <summary>
    /// The four-eyes rule applied in code to every KUBE proposal version before definitions declared
    /// <c>four_eyes</c>: nobody approves a proposal they submitted or verified. The versions stored
    /// before then (version 1 included) have no <c>four_eyes</c> and are never rewritten, so they keep it.
    /// </summary>
    private static readonly FourEyesPolicy KubeFourEyesBeforeDefinitions = FourEyesPolicy.None.Forbid("approve", "submit", "pass", "record-visit");

    private static string ReadResource(string fileName)
    {
        var name = "Sejahtera.Workflows.Defaults." + fileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} tidak ada");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
