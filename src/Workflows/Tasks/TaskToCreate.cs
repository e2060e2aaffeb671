namespace Sejahtera.Workflows.Tasks;

/// <summary>
/// The human task to create when a case enters a state with a <c>task</c>: candidate roles, the
/// case's region, the due date from the SLA calendar (null without an SLA), and the role to
/// escalate to when overdue. Completing the task means firing one of the state's triggers.
/// </summary>
public sealed record TaskToCreate(
    string State,
    IReadOnlyList<string> CandidateRoles,
    string? Region,
    DateOnly? DueDate,
    int? SlaWorkdays,
    string? EscalateTo);
