using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Language;

namespace Sejahtera.Rules.Evaluation;

public sealed record RuleTestResult(string RuleSet, string Name, bool Passed, string? Failure, Decision? Decision);

/// <summary>Runs the test cases written in a rule set against its compiled form.</summary>
public static class RuleSetTests
{
    /// <summary>Every test case; a cancelled <paramref name="cancellation"/> stops the run (even inside an expression) with an <see cref="OperationCanceledException"/>.</summary>
    public static IReadOnlyList<RuleTestResult> Run(CompiledRuleSet ruleSet, CancellationToken cancellation = default) =>
        ruleSet.Document.Tests.Select(t => Run(ruleSet, t, cancellation)).ToList();

    public static RuleTestResult Run(CompiledRuleSet ruleSet, TestCaseDefinition test, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        Decision decision;
        try
        {
            decision = ruleSet.Evaluate(SubjectJson.Read(test.GivenJson, ruleSet.SubjectType), test.AsOf, cancellation);
        }
        catch (RuleEvaluationException e)
        {
            return new RuleTestResult(ruleSet.Document.Name, test.Name, false, e.Message, null);
        }

        var problems = new List<string>();
        if (decision.Outcome != test.Expect.Outcome)
        {
            problems.Add($"hasil {decision.Outcome}, seharusnya {test.Expect.Outcome}");
        }

        if (test.Expect.Amount is { } amount && decision.Amount != amount)
        {
            problems.Add($"jumlah {CompiledRuleSet.Render(decision.Amount)}, seharusnya {CompiledRuleSet.Render(amount)}");
        }

        if (test.Expect.Failed is { } expected)
        {
            var failed = decision.Failed.Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
            if (!failed.SequenceEqual(expected.Order(StringComparer.Ordinal)))
            {
                problems.Add($"kriteria gagal [{string.Join(", ", failed)}], seharusnya [{string.Join(", ", expected.Order(StringComparer.Ordinal))}]");
            }
        }

        return new RuleTestResult(ruleSet.Document.Name, test.Name, problems.Count == 0,
            problems.Count == 0 ? null : string.Join("; ", problems), decision);
    }
}
