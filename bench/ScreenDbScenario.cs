using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Bench;

/// <summary>
/// Scenario <c>screen-db</c>: the screening end to end as the product runs it, from SQLite and with
/// every decision (and its explanation) written back. The import is setup; the clock covers recording
/// the run (<see cref="StartScreening"/>) and running it (<see cref="RunScreening"/>) for program
/// "all". The same run is then retried, as Hangfire would after a failure, and the results table
/// must hold exactly households × rule sets rows for it: a retry replaces, never adds.
/// </summary>
internal static class ScreenDbScenario
{
    public const double TargetSeconds = 60;

    public static async Task<int> RunAsync(ScenarioOptions options)
    {
        await using var registry = await SyntheticRegistry.CreateAsync("screen-db", options.Households);
        var settings = registry.Settings;
        var asOf = SyntheticRegistry.AsOf;
        var request = new ScreeningRequest(registry.Import.Period, StartScreening.All, asOf, null, "bench");
        BenchLog.Write($"{registry.Import.Households:N0} households ({registry.Import.Members:N0} members) imported for period {registry.Import.Period}");

        // One catalog for both runs, as the host keeps one: the retry does not recompile the rule sets.
        var screening = new RunScreening(settings, new RuleSetCatalog(), new ScreeningProgress(), ScreeningLiveness.Default, TimeProvider.System);
        ScreeningSummary summary;
        PhaseMeasurement first;
        using (var meter = PhaseMeter.Start())
        {
            long runId;
            await using (var db = settings.CreateContext())
            {
                runId = (await new StartScreening(TimeProvider.System, ScreeningLiveness.Default, new ScreeningProgress()).HandleAsync(db, request)).Id;
            }

            summary = await screening.HandleAsync(runId);
            first = meter.Stop();
        }

        BenchLog.Write($"run {summary.RunId}: {summary.Households:N0} households, {summary.Decisions:N0} decisions in {first.Seconds:F2} s");

        PhaseMeasurement retry;
        using (var meter = PhaseMeter.Start())
        {
            await screening.HandleAsync(summary.RunId);
            retry = meter.Stop();
        }

        long rows, distinct;
        await using (var db = settings.CreateContext())
        {
            var results = db.ScreeningResults.Where(r => r.RunId == summary.RunId);
            rows = await results.LongCountAsync();
            distinct = await results.Select(r => new { r.HouseholdId, r.Program }).Distinct().LongCountAsync();
        }

        var expected = registry.Import.Households * summary.Outcomes.Count;
        var ok = rows == expected && distinct == expected && summary.Households == registry.Import.Households;

        var c = CultureInfo.InvariantCulture;
        var table = new List<PhaseResult>
        {
            new("sejahtera", first, summary.Households, summary.Households, null, null),
            new("retry", retry, summary.Households, summary.Households, null, null),
        };
        Console.WriteLine();
        Console.WriteLine(string.Format(c, "screen-db: {0:N0} households × {1} rule sets ({2}) as of {3:yyyy-MM-dd}, SQLite, decisions written back",
            summary.Households, summary.Outcomes.Count, string.Join(", ", summary.Outcomes.Keys.Order(StringComparer.Ordinal)), asOf));
        BenchReport.WriteTable(Console.Out, table);
        Console.WriteLine(string.Format(c, "target: ≤ {0} s: {1:F2} s", TargetSeconds, first.Seconds));
        Console.WriteLine(string.Format(c, "retry check: run {0} holds {1:N0} rows, {2:N0} distinct (household, program), expected {3:N0} households × {4} = {5:N0}: {6}",
            summary.RunId, rows, distinct, registry.Import.Households, summary.Outcomes.Count, expected, ok ? "OK" : "FAILED"));

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            scenario = "screen-db",
            households = summary.Households,
            results = new[] { BenchReport.ToJson(table[0]) },
            ratios = new Dictionary<string, double>(),
            retry = new { seconds = Math.Round(retry.Seconds, 3), rows, expected_rows = expected, ok },
            target_seconds = TargetSeconds,
            met = first.Seconds <= TargetSeconds,
        }));
        return ok ? 0 : 1;
    }
}
