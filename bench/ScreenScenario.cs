using System.Collections.Concurrent;
using System.Globalization;
using Sejahtera.Rules.Compilation;
using Sejahtera.Rules.Evaluation;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Bench;

/// <summary>
/// Scenario <c>screen</c>: every household of the synthetic NTT registry (facts in memory, built from
/// an import into a temporary SQLite file) against every household rule set, as of 2024-05-01, on all
/// cores. Ours is <c>Capture</c>: NRules on pooled sessions, each decision kept with its explanation in
/// compact form (criterion bits and the values its sentences name), as a screening stores it. In the
/// same run, on the same full registry: the old eager path (sentences built per decision), the fast
/// path <c>Decide</c>, the same criteria hand-written in C# (the limit), Microsoft RulesEngine with the
/// same expressions, and naive NRules (a new session per evaluation).
/// </summary>
internal static class ScreenScenario
{
    public const double TargetSeconds = 20;
    public const double TargetMb = 2048;

    private const int LimitCheckHouseholds = 10_000;
    private const int RulesEngineCheckHouseholds = 2_000;
    private const int SplitHouseholds = 50_000;

    /// <summary>Decides every rule set for one household into a span, so no per-household array is allocated.</summary>
    private delegate void DecideAll<T>(Fact.Household household, Span<T> into);

    public static async Task<int> RunAsync(ScenarioOptions options)
    {
        await using var registry = await SyntheticRegistry.CreateAsync("screen", options.Households);
        var facts = await registry.LoadFactsAsync();
        var ruleSets = SyntheticRegistry.HouseholdRuleSets();
        var asOf = SyntheticRegistry.AsOf;
        var split = Math.Min(facts.Count, options.Subset ?? SplitHouseholds);
        BenchLog.Write($"{facts.Count:N0} households ({registry.Import.Members:N0} members), rule sets {string.Join(", ", ruleSets.Select(r => r.Program))}, as of {asOf:yyyy-MM-dd}");

        if (!ruleSets.Select(r => r.Program).SequenceEqual(HandWrittenRules.Programs))
        {
            throw new InvalidOperationException($"limit-csharp is written for {string.Join(", ", HandWrittenRules.Programs)}; the household rule sets are now {string.Join(", ", ruleSets.Select(r => r.Program))}");
        }

        var rulesEngine = new MsRulesEngineRules(ruleSets, asOf);
        Verify("limit-csharp", facts.Take(LimitCheckHouseholds), ruleSets, asOf, HandWrittenRules.Decide);
        Verify("ms-rulesengine", facts.Take(RulesEngineCheckHouseholds), ruleSets, asOf, rulesEngine.Decide);

        DecideAll<CompactDecision> capture = (h, into) =>
        {
            for (var r = 0; r < ruleSets.Count; r++)
            {
                into[r] = ruleSets[r].Capture(h, asOf);
            }
        };
        DecideAll<Decision> evaluate = (h, into) =>
        {
            for (var r = 0; r < ruleSets.Count; r++)
            {
                into[r] = ruleSets[r].Evaluate(h, asOf);
            }
        };
        DecideAll<QuickDecision> decide = (h, into) =>
        {
            for (var r = 0; r < ruleSets.Count; r++)
            {
                into[r] = ruleSets[r].Decide(h, asOf);
            }
        };
        DecideAll<Decision> naive = (h, into) =>
        {
            for (var r = 0; r < ruleSets.Count; r++)
            {
                into[r] = ruleSets[r].EvaluateInFreshSession(h, asOf);
            }
        };

        // Warm-up of every path on the same few thousand households, so tiered JIT has reached
        // optimised code (and RulesEngine has compiled and cached its lambdas) before any clock runs.
        var warm = Math.Min(facts.Count, 5_000);
        Run("warm-up", facts, warm, ruleSets.Count, capture, d => d.Outcome);
        Run("warm-up", facts, warm, ruleSets.Count, evaluate, d => d.Outcome);
        Run("warm-up", facts, warm, ruleSets.Count, decide, d => d.Outcome);
        Run<LimitDecision>("warm-up", facts, warm, ruleSets.Count, HandWrittenRules.Decide, d => d.Outcome);
        Run<LimitDecision>("warm-up", facts, Math.Min(warm, 1_000), ruleSets.Count, rulesEngine.Decide, d => d.Outcome);
        Run("warm-up", facts, Math.Min(warm, 1_000), ruleSets.Count, naive, d => d.Outcome);

        RunCompact("warm-up", facts, warm, ruleSets, asOf);

        // Ours first, so no memory left behind by another path counts against it.
        var results = new List<PhaseResult>
        {
            RunCompact("sejahtera", facts, facts.Count, ruleSets, asOf),
            Run("sejahtera-single", facts, facts.Count, ruleSets.Count, capture, d => d.Outcome),
            Run("sejahtera-fast", facts, facts.Count, ruleSets.Count, decide, d => d.Outcome),
            Run<LimitDecision>("limit-csharp", facts, facts.Count, ruleSets.Count, HandWrittenRules.Decide, d => d.Outcome),
            Run<LimitDecision>("ms-rulesengine", facts, facts.Count, ruleSets.Count, rulesEngine.Decide, d => d.Outcome),
            Run("nrules-naive", facts, facts.Count, ruleSets.Count, naive, d => d.Outcome),
            Run("sejahtera-eager", facts, facts.Count, ruleSets.Count, evaluate, d => d.Outcome),
        };

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"screen: {facts.Count:N0} households × {ruleSets.Count} rule sets as of {asOf:yyyy-MM-dd}, {Environment.ProcessorCount} cores; every path on the full registry"));
        BenchReport.WriteTable(Console.Out, results);
        Console.WriteLine("peak MB is the process working set: it includes the facts in memory, and a phase after sejahtera may show memory the server GC has not yet returned.");
        var ours = results[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target: ≤ {TargetSeconds} s and ≤ {TargetMb} MB for sejahtera: {ours.Measurement.Seconds:F2} s, {ours.Measurement.PeakWorkingSetMb:F0} MB peak working set"));
        foreach (var r in results.Skip(1))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Name,-15} {r.Measurement.Seconds / ours.Measurement.Seconds,8:F3} × sejahtera's time"));
        }

        Console.WriteLine("working set at the start of each phase (after a full collection), MB: " + string.Join(", ",
            results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Name} {r.Measurement.StartWorkingSetMb:F0}"))));

        EvaluateSplit.Measure(facts, split, ruleSets, asOf, Console.Out);
        Console.WriteLine("ms-rulesengine rewrites: " + string.Join("; ", rulesEngine.Rewrites));
        Console.WriteLine(ScenarioJson.From("screen", facts.Count, results, "sejahtera", TargetSeconds, targetMb: TargetMb, beats: ["ms-rulesengine", "nrules-naive"]).Serialize());
        return 0;
    }

    /// <summary>
    /// Times <paramref name="decide"/> over the first <paramref name="count"/> households on all cores,
    /// a screening batch at a time (<see cref="Engine.Screening.RunScreening.BatchSize"/> households):
    /// the batch's decisions are all kept until the batch is done and then counted, as a screening
    /// holds a batch until the writer has it, so none of the work can be optimised away and no path
    /// keeps more than a screening would.
    /// </summary>
    private static PhaseResult Run<T>(string name, IReadOnlyList<Fact.Household> facts, int count, int ruleSets, DecideAll<T> decide, Func<T, string> outcome)
    {
        var batchSize = Engine.Screening.RunScreening.BatchSize;
        var batch = new T[batchSize * ruleSets];
        long layak = 0;
        using var meter = PhaseMeter.Start();
        for (var start = 0; start < count; start += batchSize)
        {
            var end = Math.Min(count, start + batchSize);
            Parallel.ForEach(Partitioner.Create(start, end, 512), range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    decide(facts[i], batch.AsSpan((i - start) * ruleSets, ruleSets));
                }
            });
            foreach (var d in batch.AsSpan(0, (end - start) * ruleSets))
            {
                layak += outcome(d) == "layak" ? 1 : 0;
            }
        }

        var measured = meter.Stop();
        if (name != "warm-up")
        {
            BenchLog.Write($"{name}: {count:N0} households, {(long)count * ruleSets:N0} decisions ({layak:N0} layak) in {measured.Seconds:F2} s");
        }

        return new PhaseResult(name, measured, count, count, null, null);
    }

    /// <summary>
    /// Ours as a screening runs it: a batch at a time, each worker takes a range of households and puts
    /// it through each rule set's pooled session (<see cref="CompiledRuleSet.CaptureAll"/>); the batch's
    /// compact decisions are kept until it is done, then counted.
    /// </summary>
    private static PhaseResult RunCompact(string name, IReadOnlyList<Fact.Household> facts, int count, IReadOnlyList<CompiledRuleSet> ruleSets, DateOnly asOf)
    {
        var batchSize = Engine.Screening.RunScreening.BatchSize;
        var decisions = ruleSets.Select(_ => new CompactDecision[batchSize]).ToArray();
        long layak = 0;
        using var meter = PhaseMeter.Start();
        for (var start = 0; start < count; start += batchSize)
        {
            var end = Math.Min(count, start + batchSize);
            Parallel.ForEach(Partitioner.Create(start, end, 512), range =>
            {
                for (var r = 0; r < ruleSets.Count; r++)
                {
                    ruleSets[r].CaptureAll(facts, range.Item1, range.Item2 - range.Item1, asOf, decisions[r].AsSpan(range.Item1 - start, range.Item2 - range.Item1));
                }
            });
            foreach (var d in decisions)
            {
                for (var i = 0; i < end - start; i++)
                {
                    layak += d[i].Outcome == "layak" ? 1 : 0;
                }
            }
        }

        var measured = meter.Stop();
        if (name != "warm-up")
        {
            BenchLog.Write($"{name}: {count:N0} households, {(long)count * ruleSets.Count:N0} decisions ({layak:N0} layak) in {measured.Seconds:F2} s");
        }

        return new PhaseResult(name, measured, count, count, null, null);
    }

    /// <summary>Fails the bench unless a peer decides exactly as <c>Decide</c> (outcome and amount) on the given households.</summary>
    private static void Verify(string name, IEnumerable<Fact.Household> households, IReadOnlyList<CompiledRuleSet> ruleSets, DateOnly asOf, DecideAll<LimitDecision> peer)
    {
        var checkedCount = 0;
        var into = new LimitDecision[ruleSets.Count];
        foreach (var h in households)
        {
            peer(h, into);
            for (var r = 0; r < ruleSets.Count; r++)
            {
                var expected = ruleSets[r].Decide(h, asOf);
                if (expected.Outcome != into[r].Outcome || expected.Amount != into[r].Amount)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"{name} disagrees with Decide on household {h.Id}, {ruleSets[r].Program}: {into[r].Outcome} {into[r].Amount} instead of {expected.Outcome} {expected.Amount}"));
                }
            }

            checkedCount++;
        }

        BenchLog.Write($"{name}: same outcome and amount as Decide on the first {checkedCount:N0} households × {ruleSets.Count} rule sets");
    }
}
