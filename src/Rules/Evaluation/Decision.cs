namespace Sejahtera.Rules.Evaluation;

/// <summary>A value a criterion saw, rendered as shown to people.</summary>
public sealed record SeenValue(string Name, string Value);

/// <summary>One criterion's result, with its legal reference and its sentence in Indonesian.</summary>
public sealed record Finding(
    string Id,
    string Title,
    string Tag,
    bool Passed,
    string Because,
    string Ref,
    string RefText,
    IReadOnlyList<SeenValue> Values);

/// <summary>What a rule set decided about one subject on one date, and why.</summary>
public sealed record Decision(
    string Program,
    string SubjectType,
    string SubjectId,
    string Outcome,
    decimal? Amount,
    string RuleSetVersion,
    string RuleSetHash,
    DateOnly AsOf,
    IReadOnlyList<Finding> Findings)
{
    public IEnumerable<Finding> Failed => Findings.Where(f => !f.Passed);

    /// <summary>Why this outcome and not another, when the rule set's outcome says so (null otherwise).</summary>
    public string? Because { get; init; }
}

/// <summary>The subject cannot be decided on that date (no version or parameter in force).</summary>
public sealed class RuleEvaluationException(string message) : Exception(message);
