using System.Collections.Concurrent;
using System.Globalization;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Bench;

/// <summary>
/// Where <see cref="CompiledRuleSet.Evaluate"/> spends its time: the NRules half alone (take a pooled
/// session, insert, fire, retract), the whole evaluation with its sentences, the compact capture a
/// screening stores (sentences rendered on read), and the fast path, each timed alone on all cores.
/// </summary>
internal static class EvaluateSplit
{
    public static void Measure(IReadOnlyList<Fact.Household> facts, int count, IReadOnlyList<CompiledRuleSet> ruleSets, DateOnly asOf, TextWriter output)
    {
        var explained = new Decision[count * ruleSets.Count];
        var captured = new CompactDecision[explained.Length];

        var fireTime = Time(count, i =>
        {
            for (var r = 0; r < ruleSets.Count; r++)
            {
                ruleSets[r].FireOnly(facts[i], asOf);
            }
        });
        var evaluateTime = Time(count, i =>
        {
            for (var r = 0; r < ruleSets.Count; r++)
            {
                explained[(i * ruleSets.Count) + r] = ruleSets[r].Evaluate(facts[i], asOf);
            }
        });
        var captureTime = Time(count, i =>
        {
            for (var r = 0; r < ruleSets.Count; r++)
            {
                captured[(i * ruleSets.Count) + r] = ruleSets[r].Capture(facts[i], asOf);
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
        output.WriteLine(string.Format(c, "where the time goes, first {0:N0} households × {1} rule sets on all cores:", count, ruleSets.Count));
        output.WriteLine(string.Format(c, "  NRules insert+fire+retract   {0,7:F2} s  {1,10:N0} households/s", fireTime, count / fireTime));
        output.WriteLine(string.Format(c, "  Evaluate (with sentences)    {0,7:F2} s  {1,10:N0} households/s", evaluateTime, count / evaluateTime));
        output.WriteLine(string.Format(c, "  Capture (compact, stored)    {0,7:F2} s  {1,10:N0} households/s", captureTime, count / captureTime));
        output.WriteLine(string.Format(c, "  Decide (no NRules, no text)  {0,7:F2} s  {1,10:N0} households/s", decideTime, count / decideTime));
        output.WriteLine(string.Format(c, "  compact values: {0:F1} bytes per decision on average", captured.Average(d => d.Values.Length)));
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
