using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Defaults;
using Sejahtera.Rules.Evaluation;
using Sejahtera.Rules.Facts;

namespace Sejahtera.Rules.Tests;

public sealed class CompactDecisionTests
{
    private static readonly IReadOnlyList<CompiledRuleSet> RuleSets =
        DefaultRuleSets.All.Select(r => RuleSetCompiler.Compile(r.Yaml, r.Name)).ToList();

    [Fact]
    public void A_compact_decision_rendered_on_read_is_the_decision_evaluation_explains_for_every_test_case_of_every_default_rule_set()
    {
        var cases = 0;
        foreach (var ruleSet in RuleSets)
        {
            foreach (var test in ruleSet.Document.Tests)
            {
                var subject = SubjectJson.Read(test.GivenJson, ruleSet.SubjectType);
                var eager = ruleSet.Evaluate(subject, test.AsOf);
                var compact = ruleSet.Capture(subject, test.AsOf);
                var rendered = ruleSet.Render(subject.Id, test.AsOf, compact.Outcome, compact.Amount, compact.PassedMask, compact.Values);

                AssertSame(eager, rendered, $"{ruleSet.Document.Name} / {test.Name}");
                cases++;
            }
        }

        Assert.True(cases > 40, $"only {cases} cases");
    }

    [Fact]
    public void Capturing_many_subjects_in_one_session_gives_each_the_decision_it_gets_alone()
    {
        foreach (var ruleSet in RuleSets)
        {
            var tests = ruleSet.Document.Tests.Where(t => t.AsOf == ruleSet.Document.Tests[0].AsOf).ToList();

            // More subjects than one batch, so batches follow one another in the same session.
            var subjects = Enumerable.Range(0, 150).Select(i => SubjectJson.Read(tests[i % tests.Count].GivenJson, ruleSet.SubjectType)).ToList();
            var asOf = tests[0].AsOf;
            var all = new CompactDecision[subjects.Count];
            ruleSet.CaptureAll(subjects, 0, subjects.Count, asOf, all);

            for (var i = 0; i < subjects.Count; i++)
            {
                var alone = ruleSet.Capture(subjects[i], asOf);
                Assert.Equal((alone.Outcome, alone.Amount, alone.PassedMask), (all[i].Outcome, all[i].Amount, all[i].PassedMask));
                Assert.Equal(alone.Values, all[i].Values);
            }
        }
    }

    [Fact]
    public void The_values_a_sentence_names_come_back_exactly_as_they_are_shown()
    {
        object?[] values =
        [
            null, true, false, 0, -1, 42, 1_250_000, long.MaxValue, 300_000m, 2.5m, 0.125m, 1.5d,
            new DateOnly(2024, 5, 1), "", "Yohanes Bani (61 tahun)", new[] { "A", "B" }, new List<object?> { 1, null, "x" },
            Enumerable.Range(1, 3).Select(i => i * 2), Array.Empty<string>(),
        ];
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var v in values)
        {
            CompactValues.Write(buffer, v);
        }

        ReadOnlySpan<byte> read = buffer.WrittenSpan;
        foreach (var v in values)
        {
            Assert.Equal(CompiledRuleSet.Render(v), CompactValues.ReadRendered(ref read));
        }

        Assert.True(read.IsEmpty);
    }

    private static void AssertSame(Decision expected, Decision actual, string because)
    {
        Assert.True(expected.Outcome == actual.Outcome && expected.Amount == actual.Amount, because);
        Assert.Equal(expected.Because, actual.Because);
        Assert.Equal(expected.Findings.Count, actual.Findings.Count);
        for (var i = 0; i < expected.Findings.Count; i++)
        {
            var (e, a) = (expected.Findings[i], actual.Findings[i]);
            Assert.Equal((e.Id, e.Title, e.Tag, e.Passed, e.Because, e.Ref, e.RefText), (a.Id, a.Title, a.Tag, a.Passed, a.Because, a.Ref, a.RefText));
            Assert.Equal(e.Values, a.Values);
        }
    }
}
