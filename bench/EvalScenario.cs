using System.Globalization;
using System.Text.Json;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Bench;

/// <summary>
/// `eval`: single-household evaluation with full explanations, every household rule set, over a
/// synthetic registry loaded from a real import. Peers in the same run: one thread with reused
/// sessions (the production path), all cores, and naive NRules (a new session per evaluation).
/// </summary>
internal static class EvalScenario
{
    public static async Task<int> RunAsync(int households)
    {
        await using var registry = await SyntheticRegistry.CreateAsync("eval", households);
        var facts = await registry.LoadFactsAsync();
        var ruleSets = SyntheticRegistry.HouseholdRuleSets();
        var asOf = SyntheticRegistry.AsOf;
        Console.Error.WriteLine($"{facts.Count:N0} households, {ruleSets.Count} household rule sets: {string.Join(", ", ruleSets.Select(r => r.Program))}");

        // Warm-up of both paths, long enough for tiered JIT to reach optimised code.
        foreach (var h in facts.Take(10_000))
        {
            ruleSets.ForEach(r => r.Evaluate(h, asOf));
            ruleSets.ForEach(r => r.EvaluateInFreshSession(h, asOf));
        }

        var results = new List<PhaseResult>
        {
            Measure("sejahtera", facts, h => ruleSets.Sum(r => r.Evaluate(h, asOf).Findings.Count)),
            MeasureParallel("sejahtera-parallel", facts, h => ruleSets.Sum(r => r.Evaluate(h, asOf).Findings.Count)),
            Measure("nrules-naive", facts, h => ruleSets.Sum(r => r.EvaluateInFreshSession(h, asOf).Findings.Count)),
        };

        BenchReport.WriteTable(Console.Out, results);
        var ours = results[0].PerSecond;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            scenario = "eval",
            households = facts.Count,
            rule_sets = ruleSets.Select(r => r.Program),
            results = results.Select(BenchReport.ToJson),
            ratios = results.Skip(1).ToDictionary(r => r.Name, r => Math.Round(ours / r.PerSecond, 2)),
        }));
        return 0;
    }

    private static PhaseResult Measure(string name, IReadOnlyList<Fact.Household> facts, Func<Fact.Household, int> evaluate)
    {
        using var meter = PhaseMeter.Start();
        long findings = 0;
        foreach (var h in facts)
        {
            findings += evaluate(h);
        }

        var m = meter.Stop();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {facts.Count:N0} households, {findings:N0} findings in {m.Seconds:F2} s"));
        return new PhaseResult(name, m, facts.Count, facts.Count, null, null);
    }

    private static PhaseResult MeasureParallel(string name, IReadOnlyList<Fact.Household> facts, Func<Fact.Household, int> evaluate)
    {
        using var meter = PhaseMeter.Start();
        long findings = 0;
        Parallel.ForEach(facts, () => 0L, (h, _, local) => local + evaluate(h), local => Interlocked.Add(ref findings, local));
        var m = meter.Stop();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {facts.Count:N0} households, {findings:N0} findings in {m.Seconds:F2} s"));
        return new PhaseResult(name, m, facts.Count, facts.Count, null, null);
    }
}
