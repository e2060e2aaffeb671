using System.Text.Json;
using System.Text.Json.Serialization;
using Sejahtera.Rules.Evaluation;

namespace Sejahtera.Engine.Eligibility;

/// <summary>
/// A decision as it leaves the system (CLI, API) and as its findings are stored. One shape
/// everywhere, so a replay compares exactly what was stored.
/// </summary>
public sealed record DecisionDocument(
    [property: JsonPropertyName("decision_id")] long? DecisionId,
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("subject_type")] string SubjectType,
    [property: JsonPropertyName("subject_id")] string SubjectId,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("amount")] decimal? Amount,
    [property: JsonPropertyName("ruleset_version")] string RuleSetVersion,
    [property: JsonPropertyName("ruleset_hash")] string RuleSetHash,
    [property: JsonPropertyName("as_of")] DateOnly AsOf,
    [property: JsonPropertyName("findings")] IReadOnlyList<FindingDocument> Findings)
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Why this outcome, when the rule set's outcome says so (e.g. which graduation path won and why).</summary>
    [JsonPropertyName("outcome_because")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OutcomeBecause { get; init; }

    public static DecisionDocument From(Decision d, long? id = null) => new(
        id, d.Program, d.SubjectType, d.SubjectId, d.Outcome, d.Amount, d.RuleSetVersion, d.RuleSetHash, d.AsOf,
        d.Findings.Select(FindingDocument.From).ToList())
    {
        OutcomeBecause = d.Because,
    };

    public static string FindingsJson(Decision d) =>
        JsonSerializer.Serialize(d.Findings.Select(FindingDocument.From).ToList(), Json);

    public static IReadOnlyList<FindingDocument> ReadFindings(string json) =>
        JsonSerializer.Deserialize<List<FindingDocument>>(json, Json) ?? [];
}

public sealed record FindingDocument(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("tag")] string Tag,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("because")] string Because,
    [property: JsonPropertyName("ref")] string Ref,
    [property: JsonPropertyName("ref_text")] string RefText,
    [property: JsonPropertyName("values")] IReadOnlyDictionary<string, string> Values)
{
    public static FindingDocument From(Finding f) =>
        new(f.Id, f.Title, f.Tag, f.Passed, f.Because, f.Ref, f.RefText, f.Values.ToDictionary(v => v.Name, v => v.Value));
}
