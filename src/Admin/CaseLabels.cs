using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Admin;

/// <summary>
/// States, triggers and task roles of cases as users read them: the labels of the workflow version each case
/// runs on (definitions carry them in Indonesian). Built once per request from the stored versions
/// (<see cref="Api.WorkflowVersions.LabelsAsync"/>); a name the version does not know is shown as it is.
/// </summary>
public sealed class CaseLabels(IReadOnlyDictionary<(string Key, int Version), WorkflowDefinition> definitions)
{
    public static CaseLabels None { get; } = new(new Dictionary<(string, int), WorkflowDefinition>());

    /// <summary>The definition of that version, or null when it is not stored.</summary>
    public WorkflowDefinition? Definition(string key, int version) => definitions.GetValueOrDefault((key, version));

    /// <summary>The case's current state.</summary>
    public string State(Proposal proposal) => State(proposal.WorkflowKey, proposal.WorkflowVersion, proposal.State);

    /// <summary>A state of the case's workflow version (a history entry, a task, a document).</summary>
    public string State(Proposal proposal, string state) => State(proposal.WorkflowKey, proposal.WorkflowVersion, state);

    public string State(string key, int version, string state) => Definition(key, version)?.StateLabel(state) ?? state;

    /// <summary>
    /// A trigger of the case's workflow version, as written on the transition out of <paramref name="from"/>; the
    /// entries the application writes itself (created, edited, visit recorded, escalated) by their own labels.
    /// </summary>
    public string Trigger(Proposal proposal, string trigger, string? from = null, int? version = null) =>
        Notes.GetValueOrDefault(trigger)
        ?? Definition(proposal.WorkflowKey, version ?? proposal.WorkflowVersion)?.TriggerLabel(trigger, from) ?? trigger;

    /// <summary>History entries that are no transition of a definition.</summary>
    private static readonly Dictionary<string, string> Notes = new(StringComparer.Ordinal)
    {
        [Engine.Cases.CaseService.Created] = "Usulan dibuat",
        [EditKubeProposal.Edited] = "Usulan diubah",
        [Engine.Pkh.RecordAssessment.Assessed] = "Hasil kunjungan rumah dicatat",
        [EscalateOverdueTasks.Escalated] = "Tugas dieskalasi (tenggat terlewati)",
    };

    /// <summary>A history entry's states, read with the version it was written under.</summary>
    public string State(Proposal proposal, string state, int version) => State(proposal.WorkflowKey, version, state);

    /// <summary>The candidate roles of a task (stored comma-separated), each by its label.</summary>
    public string Roles(Proposal proposal, string candidateRoles) =>
        string.Join(", ", candidateRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => Definition(proposal.WorkflowKey, proposal.WorkflowVersion)?.RoleLabels.GetValueOrDefault(r) ?? WorkflowRoles.Label(r)));
}
