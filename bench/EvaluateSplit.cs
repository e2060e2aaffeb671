using System.Collections.Concurrent;
using System.Globalization;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Bench;

/// <summary>
/// Where <see cref="CompiledRuleSet.Evaluate"/> spends its time: the NRules half (take a pooled
/// session, insert, fire, retract) and the explanation half (a sentence and seen values per
/// criterion), each timed alone on all cores. Both halves are internal to the rule set (visible to the
/// bench): a diagnostic, not an API the product offers.
/// </summary>
internal static class EvaluateSplit
{
    public static void Measure(IReadOnlyList<Fact.Household> facts, int count, IReadOnlyList<CompiledRuleSet> ruleSets, DateOnly asOf, TextWriter output)
    {
        var fired = new EvaluationFact[count * ruleSets.Count];
        var explained = new Decision[fired.Length];

        var fireTime = Time(count, i =>
        {
            for (var r = 0; r < ruleSets.Count; r++)
            {
                fired[(i * ruleSets.Count) + r] = ruleSets[r].Fire(facts[i], asOf);
            }
        });
        var explainTime = Time(count, i =>
        {
            for (var r = 0; r < ruleSets.Count; r++)
            {
                explained[(i * ruleSets.Count) + r] = ruleSets[r].Explain(fired[(i * ruleSets.Count) + r], facts[i].Id);
            }
        });
        var decideTime = Time(count, i =>
        {
            for (var r = 0; r < ruleSets.Count; r++)
            {
                ruleSets[r].Decide(facts[i], asOf);
            }
        });

        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "where Evaluate's time goes, first {0:N0} households × {1} rule sets on all cores:", count, ruleSets.Count));
        output.WriteLine(string.Format(c, "  NRules insert+fire+retract {0,7:F2} s  {1,10:N0} households/s", fireTime, count / fireTime));
        output.WriteLine(string.Format(c, "  explanation (sentences)    {0,7:F2} s  {1,10:N0} households/s", explainTime, count / explainTime));
        output.WriteLine(string.Format(c, "  Decide (no NRules, no text){0,7:F2} s  {1,10:N0} households/s", decideTime, count / decideTime));
        GC.KeepAlive(explained);
    }

    private static double Time(int count, Action<int> body)
    {
        using var meter = PhaseMeter.Start();
        Parallel.ForEach(Partitioner.Create(0, count, 2_048), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                body(i);
            }
        });
        return meter.Stop().Seconds;
    }
}
