using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Bench;

/// <summary>
/// Scenario <c>screen-db</c>: the screening end to end as the product runs it, with every compact
/// decision written back, on SQLite and (given an admin connection string) PostgreSQL. The import is
/// setup; the clock covers recording the run (<see cref="StartScreening"/>) and running it
/// (<see cref="RunScreening"/>) for program "all". The same run is then retried, as Hangfire would
/// after a failure, and the results table must hold exactly households × rule sets rows for it: a
/// retry replaces, never adds.
/// </summary>
internal static class ScreenDbScenario
{
    public const double SqliteTargetSeconds = 60;
    public const double PostgresTargetSeconds = 45;

    private sealed record Outcome(string Database, PhaseResult First, PhaseResult Retry, long Rows, long Expected, bool Ok, double Target);

    public static async Task<int> RunAsync(ScenarioOptions options)
    {
        var outcomes = new List<Outcome> { await RunOnAsync("sqlite", options.Households, null, SqliteTargetSeconds) };
        if (options.Postgres is null)
        {
            Console.WriteLine($"PostgreSQL skipped: pass --postgres \"<admin connection string>\" or set {ImportOptions.PostgresVariable}.");
        }
        else
        {
            outcomes.Add(await RunOnAsync("postgres", options.Households, options.Postgres, PostgresTargetSeconds));
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Format(c, "screen-db: {0:N0} households × 3 rule sets as of {1:yyyy-MM-dd}, compact decisions written back", outcomes[0].First.Rows, SyntheticRegistry.AsOf));
        BenchReport.WriteTable(Console.Out, [.. outcomes.SelectMany(o => new[] { o.First, o.Retry })]);
        foreach (var o in outcomes)
        {
            Console.WriteLine(string.Format(c, "{0}: target ≤ {1} s: {2:F2} s; retry check: {3:N0} rows, expected {4:N0}: {5}",
                o.Database, o.Target, o.First.Measurement.Seconds, o.Rows, o.Expected, o.Ok ? "OK" : "FAILED"));
        }

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            scenario = "screen-db",
            households = outcomes[0].First.Rows,
            results = outcomes.Select(o => BenchReport.ToJson(o.First)).ToArray(),
            ratios = new Dictionary<string, double>(),
            retry = outcomes.Select(o => new { database = o.Database, seconds = Math.Round(o.Retry.Measurement.Seconds, 3), rows = o.Rows, expected_rows = o.Expected, ok = o.Ok }),
            targets = outcomes.ToDictionary(o => o.Database, o => o.Target),
            met = outcomes.All(o => o.First.Measurement.Seconds <= o.Target),
        }));
        return outcomes.All(o => o.Ok) ? 0 : 1;
    }

    private static async Task<Outcome> RunOnAsync(string database, int households, string? postgres, double target)
    {
        await using var registry = await SyntheticRegistry.CreateAsync("screen-db", households, postgres);
        var settings = registry.Settings;
        var request = new ScreeningRequest(registry.Import.Period, StartScreening.All, SyntheticRegistry.AsOf, null, "bench");
        BenchLog.Write($"{database}: {registry.Import.Households:N0} households ({registry.Import.Members:N0} members) imported for period {registry.Import.Period}");

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

        BenchLog.Write($"{database}: run {summary.RunId}, {summary.Households:N0} households, {summary.Decisions:N0} decisions in {first.Seconds:F2} s, peak {first.PeakWorkingSetMb:F0} MB");

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
        BenchLog.Write($"{database}: retry in {retry.Seconds:F2} s, {rows:N0} rows ({distinct:N0} distinct), expected {expected:N0}");
        return new Outcome(database,
            new PhaseResult($"sejahtera-{database}", first, summary.Households, summary.Households, null, null),
            new PhaseResult($"retry-{database}", retry, summary.Households, summary.Households, null, null),
            rows, expected, ok, target);
    }
}
