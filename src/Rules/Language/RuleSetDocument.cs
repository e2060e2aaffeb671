namespace Sejahtera.Rules.Language;

/// <summary>Where something stands in the YAML source (1-based), for messages a person can act on.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"baris {Line}, kolom {Column}";
}

/// <summary>One problem of a rule set: where it is and what is wrong, in Indonesian.</summary>
public sealed record RuleSetProblem(string RuleSet, string? Element, SourcePosition Position, string Message)
{
    public override string ToString() =>
        $"{RuleSet}{(Element is null ? "" : " › " + Element)} ({Position}): {Message}";
}

/// <summary>A rule set as written, before compilation. Positions point back into the YAML.</summary>
public sealed record RuleSetDocument
{
    public string Program { get; init; } = "";
    public string Title { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Version { get; init; } = "";
    public DateOnly EffectiveFrom { get; init; }
    public IReadOnlyDictionary<string, string> LegalBasis { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<ParameterDefinition> Parameters { get; init; } = [];
    public IReadOnlyList<CriterionDefinition> Criteria { get; init; } = [];
    public IReadOnlyList<OutcomeDefinition> Outcomes { get; init; } = [];
    public IReadOnlyList<TestCaseDefinition> Tests { get; init; } = [];
    public SourcePosition Position { get; init; } = new(1, 1);
    /// <summary>The YAML text exactly as loaded; its hash identifies the version in every decision.</summary>
    public string Source { get; init; } = "";

    /// <summary>A name for messages: program and version.</summary>
    public string Name => string.IsNullOrEmpty(Version) ? Program : $"{Program} {Version}";
}

public sealed record DatedValue(DateOnly From, object Value, string? Ref, SourcePosition Position);

public sealed record ParameterDefinition(string Name, IReadOnlyList<DatedValue> Values, SourcePosition Position);

/// <summary>An expression and where its text starts in the YAML, so parse errors point at the right column.</summary>
public sealed record ExpressionText(string Text, SourcePosition Position);

/// <summary>
/// A criterion. <see cref="Title"/> may hold <c>{…}</c> parts over the parameters and <c>AsOf</c>
/// (rendered with the values in force); <see cref="Because"/> is the sentence when the criterion
/// fails, and when it passes unless <see cref="BecausePassed"/> gives one of its own.
/// </summary>
public sealed record CriterionDefinition(
    string Id, string Title, string Tag, string Ref, ExpressionText When, ExpressionText Because, SourcePosition Position)
{
    /// <summary>The title with where it stands, for templates; null when the title is missing.</summary>
    public ExpressionText? TitleText { get; init; }

    public ExpressionText? BecausePassed { get; init; }
}

/// <summary>An outcome; <see cref="Because"/> optionally says why this outcome was chosen (rendered into the decision).</summary>
public sealed record OutcomeDefinition(string Id, ExpressionText When, ExpressionText? Amount, SourcePosition Position)
{
    public ExpressionText? Because { get; init; }
}

public sealed record TestExpectation(string Outcome, decimal? Amount, IReadOnlyList<string>? Failed);

/// <summary>A test case; <see cref="GivenJson"/> is the subject converted from YAML to JSON.</summary>
public sealed record TestCaseDefinition(string Name, DateOnly AsOf, string GivenJson, TestExpectation Expect, SourcePosition Position);
