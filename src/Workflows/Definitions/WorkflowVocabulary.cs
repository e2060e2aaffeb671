namespace Sejahtera.Workflows.Definitions;

/// <summary>The names a definition may use: guards and entry actions registered by the host, and the application's roles.</summary>
public sealed record WorkflowVocabulary(IReadOnlySet<string> Guards, IReadOnlySet<string> Actions, IReadOnlySet<string> Roles);
