namespace Sejahtera.Engine.Eligibility;

/// <summary>A version of a program's rule set as stored: its YAML is the source of truth, its hash its identity.</summary>
public sealed class RuleSetVersion
{
    public long Id { get; set; }
    public required string Program { get; set; }
    public required string Version { get; set; }
    public required string Title { get; set; }
    public required string Subject { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public required string Yaml { get; set; }
    public required string Hash { get; set; }
    /// <summary>draft, published or retired.</summary>
    public required string Status { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? RetiredBy { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>A stored decision with everything needed to replay it: the subject as evaluated and the rule-set hash.</summary>
public sealed class StoredDecision
{
    public long Id { get; set; }
    public required string Program { get; set; }
    public required string SubjectType { get; set; }
    public required string SubjectId { get; set; }
    /// <summary>The registry household the subject came from, when it did.</summary>
    public long? HouseholdId { get; set; }
    public required string Outcome { get; set; }
    public decimal? Amount { get; set; }
    public required string RuleSetVersion { get; set; }
    public required string RuleSetHash { get; set; }
    public DateOnly AsOf { get; set; }
    public required string SubjectJson { get; set; }
    /// <summary>The findings (every criterion, its values, reference and sentence) as JSON.</summary>
    public required string FindingsJson { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
}
