namespace Sejahtera.Workflows.Definitions;

/// <summary>
/// The names a definition may use: guards and entry actions registered by the host, the application's
/// roles, and the dates of a case the host supplies for <c>due_from</c> (none unless given).
/// </summary>
public sealed record WorkflowVocabulary(IReadOnlySet<string> Guards, IReadOnlySet<string> Actions, IReadOnlySet<string> Roles)
{
    public IReadOnlySet<string> Dates { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
