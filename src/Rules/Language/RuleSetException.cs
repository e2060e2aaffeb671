namespace Sejahtera.Rules.Language;

/// <summary>A rule set that cannot be loaded or compiled; nothing of it is used.</summary>
public sealed class RuleSetException(IReadOnlyList<RuleSetProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<RuleSetProblem> Problems { get; } = problems;
}
